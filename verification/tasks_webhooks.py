"""Celery tasks for webhook deliveries: thin, ids in, safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from .webhooks import max_attempts, webhook_deliveries_retry_stale, webhook_delivery_attempt


@shared_task(bind=True, acks_late=True, soft_time_limit=30, time_limit=45, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    """Send one webhook delivery; a failure is retried later with exponential backoff."""
    # In-process mode (no broker) would retry at once, inside the request that caused the event:
    # there, one attempt is made and a failure is final.
    eager = bool(self.request.is_eager)
    outcome = webhook_delivery_attempt(delivery_id=delivery_id, final=eager)
    if outcome.retry_in is not None and self.request.retries < max_attempts():
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task
def retry_stale_webhook_deliveries(hours: int = 2) -> int:
    """Re-enqueue deliveries left pending (a lost task message)."""
    return len(webhook_deliveries_retry_stale(older_than=timedelta(hours=hours)))
