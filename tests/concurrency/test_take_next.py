"""Many checkers taking work at once against PostgreSQL: every item handed out exactly once."""

import threading
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections

from claims.models import Claim
from tests.factories import DocumentFactory, UserFactory
from verification import services
from verification.models import ReviewItem
from verification.roles import FACT_CHECKERS

TAKERS = 16
ITEMS = 320

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def queue_of_items():
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED is tested on PostgreSQL")
    document = DocumentFactory()
    claims = Claim.objects.bulk_create(
        Claim(
            document=document,
            key=f"c{n}",
            position=n,
            sentence=document.text,
            sentence_start=0,
            sentence_end=len(document.text),
            text=document.text,
        )
        for n in range(ITEMS)
    )
    # Many equal priorities, so takers contend for the same top rows.
    items = ReviewItem.objects.bulk_create(ReviewItem(claim=claim, priority=n % 7) for n, claim in enumerate(claims))
    return {item.pk for item in items}


@pytest.fixture
def checkers(transactional_db):
    group = Group.objects.get_or_create(name=FACT_CHECKERS)[0]
    users = [UserFactory(username=f"taker-{n}") for n in range(TAKERS)]
    for user in users:
        user.groups.add(group)
    return users


def _take_until_empty(user, start: threading.Barrier, taken: list, errors: list) -> None:
    try:
        start.wait()
        while True:
            item = services.review_item_take_next(user=user)
            if item is None:
                return
            taken.append((item.pk, user.pk))
    except Exception as exc:  # noqa: BLE001 - reported to the main thread, which fails the test
        errors.append(exc)
    finally:
        # Each thread has its own connection; close it so the test database can be dropped.
        connections.close_all()


def test_sixteen_concurrent_takers_get_every_item_exactly_once(queue_of_items, checkers):
    taken: list[tuple[int, int]] = []
    errors: list[Exception] = []
    start = threading.Barrier(len(checkers))
    threads = [threading.Thread(target=_take_until_empty, args=(u, start, taken, errors)) for u in checkers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert not errors, errors
    assert not any(thread.is_alive() for thread in threads)
    counts = Counter(item_id for item_id, _ in taken)
    assert [item for item, n in counts.items() if n > 1] == []
    assert set(counts) == queue_of_items
    # What each taker was told matches what the database recorded.
    recorded = dict(ReviewItem.objects.values_list("pk", "assignee_id"))
    assert all(recorded[item_id] == user_id for item_id, user_id in taken)
    assert not ReviewItem.objects.filter(state=ReviewItem.State.QUEUED).exists()
    # Work was actually spread: more than one taker got items.
    assert len({user_id for _, user_id in taken}) > 1
