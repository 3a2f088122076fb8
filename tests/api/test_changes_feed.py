"""The changes feed: what changed since a cursor, in one request per poll, with 304 when nothing did."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim
from tests.factories import ClaimFactory, ClaimLinkFactory, FlagFactory


@pytest.fixture(autouse=True)
def _no_settle_window(settings):
    settings.CLAIMTRACK_CHANGES_SETTLE_SECONDS = 0


def _age(claims, minutes):
    """Move claims into the past, as if they had been stored `minutes` ago."""
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        created_at=timezone.now() - timedelta(minutes=minutes), updated_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_first_poll_returns_everything_then_only_what_changed(read_api, db):
    old = [ClaimFactory() for _ in range(3)]
    _age(old, 10)
    first = read_api.get("/api/v1/changes/").json()
    assert [row["id"] for row in first["results"]] == [c.pk for c in old]
    assert first["has_more"] is False

    nothing = read_api.get("/api/v1/changes/", {"cursor": first["next_cursor"]}).json()
    assert nothing["results"] == [] and nothing["next_cursor"] == first["next_cursor"]

    Claim.objects.filter(pk=old[1].pk).update(status=Claim.Status.PUBLISHED, updated_at=timezone.now())
    changed = read_api.get("/api/v1/changes/", {"cursor": first["next_cursor"]}).json()
    assert [row["id"] for row in changed["results"]] == [old[1].pk]
    assert changed["results"][0]["status"] == "published"


def test_a_new_flag_or_denial_counts_as_a_change_even_without_touching_the_claim(read_api, db):
    flagged, denied = ClaimFactory(), ClaimFactory()
    _age([flagged, denied], 10)
    cursor = read_api.get("/api/v1/changes/").json()["next_cursor"]

    FlagFactory(claim=flagged)
    ClaimLinkFactory(to_claim=denied)

    changed = read_api.get("/api/v1/changes/", {"cursor": cursor}).json()["results"]
    assert {flagged.pk, denied.pk} <= {row["id"] for row in changed}


def test_pages_follow_each_other_without_gaps_or_repeats(read_api, db):
    made = [ClaimFactory() for _ in range(7)]
    _age(made, 10)
    seen, cursor = [], None
    while True:
        params = {"page_size": 3, **({"cursor": cursor} if cursor else {})}
        page = read_api.get("/api/v1/changes/", params).json()
        seen.extend(row["id"] for row in page["results"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == [c.pk for c in made]


def test_since_starts_from_a_date(read_api, db):
    old, new = ClaimFactory(), ClaimFactory()
    _age([old], 60)
    since = (timezone.now() - timedelta(minutes=5)).isoformat()
    assert [row["id"] for row in read_api.get("/api/v1/changes/", {"since": since}).json()["results"]] == [new.pk]


def test_unchanged_feed_answers_304_to_its_etag(read_api, db):
    _age([ClaimFactory()], 10)
    first = read_api.get("/api/v1/changes/")
    cursor = first.json()["next_cursor"]
    empty = read_api.get("/api/v1/changes/", {"cursor": cursor})
    etag = empty["ETag"]

    again = read_api.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag

    ClaimFactory()
    after_change = read_api.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_NONE_MATCH=etag)
    assert after_change.status_code == 200 and len(after_change.json()["results"]) == 1


def test_unchanged_feed_answers_304_to_if_modified_since(read_api, db):
    _age([ClaimFactory()], 10)
    first = read_api.get("/api/v1/changes/")
    last_modified = first["Last-Modified"]
    cursor = first.json()["next_cursor"]
    response = read_api.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304

    ClaimFactory()
    response = read_api.get("/api/v1/changes/", {"cursor": cursor}, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 200


def test_changes_younger_than_the_settle_window_wait_for_the_next_poll(read_api, db, settings):
    settings.CLAIMTRACK_CHANGES_SETTLE_SECONDS = 60
    fresh = ClaimFactory()
    assert fresh.pk not in {row["id"] for row in read_api.get("/api/v1/changes/").json()["results"]}


def test_garbage_cursor_is_a_validation_problem(read_api, db):
    response = read_api.get("/api/v1/changes/", {"cursor": "not-a-cursor"})
    assert response.status_code == 400
    assert response.json()["type"] == "/api/problems/validation-error"
