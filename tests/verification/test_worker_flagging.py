"""Flagging through a real Celery worker on Redis: a stored document ends up in the review queue."""

import pytest

from claims.services import document_create
from sources.services import sources_load_defaults
from tests.integration.conftest import celery_worker_process, wait_until  # noqa: F401 - the worker fixture
from verification.models import Event, Flag, ReviewItem

pytestmark = [pytest.mark.worker, pytest.mark.slow]

LIVE_BLOG_ENTRY = (
    "Russian drones hit residential buildings in Kharkiv overnight, killing two people, the city's mayor said "
    "on Telegram. Reuters was unable to independently verify the account."
)


def test_a_stored_document_is_extracted_flagged_and_queued_by_the_worker(celery_worker_process):  # noqa: F811
    sources_load_defaults()
    document = document_create(text=LIVE_BLOG_ENTRY, title="Kharkiv overnight").document

    queued = wait_until(
        lambda: list(ReviewItem.objects.filter(claim__document=document, state=ReviewItem.State.QUEUED)),
        timeout=120,
        interval=0.25,
    )
    item = max(queued, key=lambda i: i.priority)
    rules = set(Flag.objects.filter(claim=item.claim).values_list("rule", flat=True))
    assert "casualties.single_source" in rules
    assert item.priority_reasons and item.priority > 0
    assert Event.objects.filter(claim=item.claim, verb="review_item.created", actor_label="flagging").exists()
