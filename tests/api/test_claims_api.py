"""Claims: lists with filters, ordering and cursor pages, and the full detail of one claim."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Attribution, Claim, ClaimLink
from tests.api.conftest import problem
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimLinkFactory,
    DocumentFactory,
    FlagFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)
from verification.models import Flag, Verdict


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def story(db):
    """A Russian claim, its French denial, a flagged unverified claim and a published verdict."""
    ministry = SourceFactory(name="Russian Ministry of Defence", slug="russia-mod", reliability_grade="D")
    afp = SourceFactory(name="Agence France-Presse", slug="afp", kind="news_agency", reliability_grade="B")
    document = DocumentFactory(text="Shoigu told Lecornu that talks were discussed. France denied it, AFP said.")
    claim = ClaimFactory(
        document=document,
        sentence="Shoigu told Lecornu that talks were discussed.",
        text="talks on Ukraine were discussed",
        claimant_name="Sergei Shoigu",
        claimant_body=ministry,
        claimant_body_name="Russian defence ministry",
        status=Claim.Status.PUBLISHED,
        rating="false",
        disputed=True,
    )
    AttributionFactory(claim=claim, position=0, role=Attribution.Role.CLAIMANT, name="Sergei Shoigu")
    AttributionFactory(
        claim=claim, position=1, role=Attribution.Role.STATEMENT, name="ministry statement", source=ministry
    )
    AttributionFactory(claim=claim, position=2, role=Attribution.Role.AGENCY, name="AFP", source=afp)
    denial = ClaimFactory(
        document=document,
        sentence="France denied it, AFP said.",
        sentence_start=47,
        sentence_end=74,
        text="there was no such conversation",
        claimant_name="France",
        kind=Claim.Kind.DENIAL,
    )
    AttributionFactory(claim=denial, position=0, name="France")
    AttributionFactory(claim=denial, position=1, role=Attribution.Role.AGENCY, name="AFP", source=afp)
    ClaimLinkFactory(from_claim=denial, to_claim=claim, relation=ClaimLink.Relation.DENIES, explanation="France denies")
    flagged = ClaimFactory(text="drones hit residences", claimant_name="the mayor", status=Claim.Status.FLAGGED)
    FlagFactory(claim=flagged, reason=Flag.Reason.UNVERIFIED, cue_text="unable to independently verify")
    verdict = VerdictFactory(
        claim=claim,
        rating="false",
        state=Verdict.State.PUBLISHED,
        approver=UserFactory(username="approver"),
        published_at=timezone.now() - timedelta(days=1),
    )
    return {"claim": claim, "denial": denial, "flagged": flagged, "ministry": ministry, "afp": afp, "verdict": verdict}


def test_list_shows_claims_with_their_chain_and_status(read_api, story):
    response = read_api.get("/api/v1/claims/")
    rows = {row["id"]: row for row in response.json()["results"]}
    row = rows[story["claim"].pk]
    assert row["status"] == "published" and row["rating"] == "false" and row["disputed"] is True
    assert [link["name"] for link in row["chain"]] == ["Sergei Shoigu", "ministry statement", "AFP"]
    assert row["chain"][2]["source"]["reliability_grade"] == "B"
    assert rows[story["flagged"].pk]["flags"] == ["unverified"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=flagged", {"flagged"}),
        ("status=published&status=flagged", {"claim", "flagged"}),
        ("rating=false", {"claim"}),
        ("disputed=true", {"claim"}),
        ("kind=denial", {"denial"}),
        ("flag=unverified", {"flagged"}),
        ("source=afp", {"claim", "denial"}),
        ("source=russia-mod", {"claim"}),
        ("claimant=shoigu", {"claim"}),
        ("q=drones", {"flagged"}),
        ("q=discussed", {"claim"}),
    ],
)
def test_filters_select_the_matching_claims(read_api, story, query, expected):
    assert ids(read_api.get(f"/api/v1/claims/?{query}")) == {story[name].pk for name in expected}


def test_source_filter_takes_an_id_too(read_api, story):
    assert ids(read_api.get(f"/api/v1/claims/?source={story['ministry'].pk}")) == {story["claim"].pk}


def test_document_and_date_range_filters(read_api, story):
    document_id = story["claim"].document_id
    assert ids(read_api.get(f"/api/v1/claims/?document={document_id}")) == {story["claim"].pk, story["denial"].pk}
    yesterday = (timezone.now() - timedelta(days=2)).isoformat().replace("+00:00", "Z")
    tomorrow = (timezone.now() + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert ids(read_api.get("/api/v1/claims/", {"published_after": yesterday})) == {story["claim"].pk}
    assert ids(read_api.get("/api/v1/claims/", {"published_before": yesterday})) == set()
    assert len(ids(read_api.get("/api/v1/claims/", {"updated_before": tomorrow}))) == 3
    assert ids(read_api.get("/api/v1/claims/", {"updated_after": tomorrow})) == set()


def test_unknown_filter_is_refused_not_ignored(read_api, story):
    response = read_api.get("/api/v1/claims/?staus=flagged")
    assert response.status_code == 400
    body = problem(response)
    assert body["type"] == "/api/problems/unknown-parameter"
    assert "staus" in body["detail"]


def test_bad_filter_value_is_a_validation_problem(read_api, story):
    response = read_api.get("/api/v1/claims/?status=maybe")
    assert response.status_code == 400
    body = problem(response)
    assert body["type"] == "/api/problems/validation-error" and "status" in body["errors"]


def test_unknown_ordering_field_is_refused(read_api, story):
    response = read_api.get("/api/v1/claims/?ordering=password")
    assert response.status_code == 400 and problem(response)["type"] == "/api/problems/validation-error"


def test_ordering_and_cursor_pages_cover_every_claim_once(read_api, db):
    made = [ClaimFactory().pk for _ in range(7)]
    seen, url = [], "/api/v1/claims/?page_size=3&ordering=id"
    while url:
        page = read_api.get(url).json()
        seen.extend(row["id"] for row in page["results"])
        url = page["next"]
    assert seen == sorted(made)


def test_detail_has_chain_flags_links_verdict_and_history(read_api, story):
    claim = story["claim"]
    body = read_api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["document"]["id"] == claim.document_id
    assert body["claimant_body"]["slug"] == "russia-mod"
    [denied_by] = body["links"]["denied_by"]
    assert denied_by["claim"] == story["denial"].pk and denied_by["explanation"] == "France denies"
    assert body["links"]["denies"] == []
    assert body["verdict"]["rating"] == "false" and body["verdict"]["credibility"] == 5
    assert body["verdict"]["claim_review"].endswith(f"/api/v1/claim-reviews/{story['verdict'].pk}/")
    assert body["history"][0]["event"] == "claim.extracted"

    denial = read_api.get(f"/api/v1/claims/{story['denial'].pk}/").json()
    assert [link["claim"] for link in denial["links"]["denies"]] == [claim.pk]
    assert denial["verdict"] is None


def test_detail_leaves_out_rejected_links(read_api, story):
    ClaimLink.objects.update(status=ClaimLink.Status.REJECTED)
    body = read_api.get(f"/api/v1/claims/{story['claim'].pk}/").json()
    assert body["links"]["denied_by"] == []


def test_missing_claim_is_a_not_found_problem(read_api, db):
    response = read_api.get("/api/v1/claims/999999/")
    assert response.status_code == 404 and problem(response)["type"] == "/api/problems/not-found"


def _list_queries(client, page_size):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/claims/?page_size={page_size}")
    assert response.status_code == 200 and len(response.json()["results"]) == page_size
    return len(queries)


def test_claim_list_runs_a_constant_number_of_queries(read_api, db):
    source = SourceFactory()
    for _ in range(30):
        claim = ClaimFactory(claimant=source)
        AttributionFactory(claim=claim, source=source)
        AttributionFactory(claim=claim, position=1, role="agency", name="AP", source=SourceFactory())
        FlagFactory(claim=claim)
    read_api.get("/api/v1/claims/?page_size=1")  # token last-used stamp, written once a minute
    assert _list_queries(read_api, 2) == _list_queries(read_api, 25)
