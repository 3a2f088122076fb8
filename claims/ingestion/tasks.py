"""Celery tasks for feeds: thin, ids in, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from .services import feed_poll, feeds_claim_due


@shared_task
def poll_due_feeds() -> int:
    """Claim the feeds that are due (beat runs this every minute) and poll each in its own task."""
    feed_ids = feeds_claim_due()
    for feed_id in feed_ids:
        poll_feed.delay(feed_id)
    return len(feed_ids)


@shared_task(acks_late=True, soft_time_limit=300, time_limit=360)
def poll_feed(feed_id: int) -> str:
    """Poll one feed; a second run finds the items already stored and adds nothing."""
    return feed_poll(feed_id=feed_id).summary()
