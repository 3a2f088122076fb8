"""Celery tasks for the review queue: thin, ids in, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from claims.models import Document

from . import services


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def flag_document(document_id: int) -> int:
    """Run the flag rules on a processed document's claims and queue them for review; the number of flags."""
    if not Document.objects.filter(pk=document_id, status=Document.Status.DONE).exists():
        return 0
    return services.document_flag_claims(document_id=document_id)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def review_queue_maintain() -> dict[str, int]:
    """Periodic upkeep: release expired leases, escalate overdue items, reopen claims a new denial reached."""
    return services.review_queue_maintain()
