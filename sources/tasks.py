"""Celery tasks for sources: thin, ids in, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def track_record_update(claim_id: int) -> int:
    """Bring the track records touched by one claim's published verdict up to date (incremental)."""
    return services.track_record_update(claim_id=claim_id)


@shared_task(acks_late=True, soft_time_limit=1800, time_limit=2000)
def track_records_recompute_all() -> int:
    """Rebuild every source's track record from all published verdicts (the nightly full pass)."""
    return services.track_records_recompute_all()


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def suggest_sources_for_document(document_id: int) -> int:
    """Turn names in one document that match no known source into suggested sources."""
    return services.sources_suggest_from_document(document_id=document_id)
