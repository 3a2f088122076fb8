"""A caught-up poll answers 304 only while nothing changed: any change between two polls gives 200."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim
from tests.factories import ClaimFactory, ClaimLinkFactory, FlagFactory, VerdictFactory
from verification.audit import event_record
from verification.models import Verdict


@pytest.fixture(autouse=True)
def _no_settle_window(settings):
    settings.CLAIMTRACK_CHANGES_SETTLE_SECONDS = 0


def _caught_up(client):
    """The cursor and ETag of a client that has read the whole feed."""
    cursor = client.get("/api/v1/changes/").json()["next_cursor"]
    etag = client.get("/api/v1/changes/", {"cursor": cursor})["ETag"]
    assert client.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_NONE_MATCH=etag).status_code == 304
    return cursor, etag


def _touch_claim(claim):
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.IN_REVIEW, updated_at=timezone.now())


def _flag(claim):
    FlagFactory(claim=claim)


def _deny(claim):
    ClaimLinkFactory(to_claim=claim)


def _publish(claim):
    VerdictFactory(claim=claim, state=Verdict.State.PUBLISHED, published_at=timezone.now())


def _audit(claim):
    event_record(verb="review_item.created", obj=claim, claim=claim)


@pytest.mark.parametrize("change", [_touch_claim, _flag, _deny, _publish, _audit])
def test_a_change_between_two_polls_gives_200_with_the_claim(read_api, change):
    claim = ClaimFactory()
    Claim.objects.filter(pk=claim.pk).update(updated_at=timezone.now() - timedelta(minutes=10))
    cursor, etag = _caught_up(read_api)

    change(claim)

    response = read_api.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert claim.pk in {row["id"] for row in response.json()["results"]}
    assert response["ETag"] != etag


def test_the_etag_of_a_caught_up_cursor_is_no_304_for_the_first_page(read_api):
    claim = ClaimFactory()
    _cursor, etag = _caught_up(read_api)
    response = read_api.get("/api/v1/changes/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and [row["id"] for row in response.json()["results"]] == [claim.pk]


def test_an_outsider_gets_no_304_for_a_valid_etag(read_api, outsider):
    from tests.api.conftest import token_client

    ClaimFactory()
    cursor, etag = _caught_up(read_api)
    response = token_client(outsider).get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 403
