"""Every list endpoint runs the same number of SQL queries whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sources.services import source_set_grade
from tests.api.conftest import token_client
from tests.factories import (
    AttributionFactory,
    ClaimFactory,
    ClaimLinkFactory,
    DocumentFactory,
    FlagFactory,
    ReviewItemFactory,
    SourceAliasFactory,
    SourceFactory,
    UserFactory,
    VerdictFactory,
)
from verification.models import ApiToken, Verdict

ENDPOINTS = [
    "/api/v1/claims/",
    "/api/v1/changes/",
    "/api/v1/documents/",
    "/api/v1/sources/",
    "/api/v1/claim-reviews/",
    "/api/v1/review/items/",
    "/api/v1/verdicts/",
    "/api/v1/webhooks/",
]


@pytest.fixture
def busy_desk(db, admin_user, settings):
    settings.CLAIMTRACK_CHANGES_SETTLE_SECONDS = 0
    from verification.webhooks import webhook_create

    approver = UserFactory(username="approver")
    for n in range(12):
        outlet = SourceFactory()
        SourceAliasFactory(source=outlet)
        source_set_grade(source=outlet, grade="B", reason="Audit.", user=admin_user)
        claim = ClaimFactory(document=DocumentFactory(outlet=outlet), claimant=outlet)
        AttributionFactory(claim=claim, source=outlet)
        AttributionFactory(claim=claim, position=1, role="agency", name="AP", source=SourceFactory())
        FlagFactory(claim=claim)
        ClaimLinkFactory(to_claim=claim)
        ReviewItemFactory(claim=claim, assignee=approver)
        VerdictFactory(claim=claim, state=Verdict.State.PUBLISHED, approver=approver, published_at=timezone.now())
        webhook_create(url=f"https://example.org/hook/{n}", event_types=["verdict.published"])
    return token_client(admin_user, ApiToken.Scope.READ)


def _queries(client, url, page_size):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == page_size
    return len(captured)


@pytest.mark.parametrize("url", ENDPOINTS)
def test_list_query_count_does_not_grow_with_page_size(busy_desk, url):
    busy_desk.get(url, {"page_size": 1})  # the token's last-used stamp is written at most once a minute
    assert _queries(busy_desk, url, 2) == _queries(busy_desk, url, 10)
