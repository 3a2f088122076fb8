"""The claims list reads a page in one statement, and its filters' forms are not shared between requests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.api.conftest import token_client
from tests.factories import AttributionFactory, ClaimFactory, FlagFactory, SourceFactory, VerdictFactory
from verification.models import Verdict


def test_a_page_of_claims_with_chains_flags_and_verdicts_is_one_statement(api_client_user):
    for _ in range(3):
        claim = ClaimFactory()
        AttributionFactory(claim=claim, source=SourceFactory())
        FlagFactory(claim=claim)
        VerdictFactory(claim=claim, state=Verdict.State.PUBLISHED, published_at=timezone.now())
    client = token_client(api_client_user)
    client.get("/api/v1/claims/")  # the token's last-used stamp is written at most once a minute
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/claims/", {"status": "unreviewed"})
    rows = response.json()["results"]
    assert len(rows) == 3 and all(row["chain"] and row["flags"] and row["published_at"] for row in rows)
    reads = [q["sql"] for q in captured if "verification_apitoken" not in q["sql"]]
    assert len(reads) == 1, reads


def test_a_bad_filter_value_is_refused_without_affecting_the_next_request(api_client_user):
    ClaimFactory()
    client = token_client(api_client_user)
    refused = client.get("/api/v1/claims/", {"disputed": "maybe"})
    assert refused.status_code == 400 and "disputed" in refused.json()["errors"]
    assert client.get("/api/v1/claims/", {"disputed": "false"}).status_code == 200
    again = client.get("/api/v1/claims/", {"status": "nonsense"})
    assert again.status_code == 400 and set(again.json()["errors"]) == {"status"}
