"""Celery tasks for documents: thin, ids in, safe to run twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from .extraction_runner import run_extraction

# Feed polling tasks live beside the ingestion code; importing them here registers them with the worker.
from .ingestion.tasks import poll_due_feeds, poll_feed  # noqa: F401
from .matching.tasks import match_document  # noqa: F401
from .models import Document
from .services import (
    document_claim_for_processing,
    document_mark_failed,
    document_store_extraction,
    documents_sweep_stuck,
)

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)
def extract_document(document_id: int) -> str:
    """Run extraction on one document and store the result; failures mark the document failed."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    if document.status in (Document.Status.DONE, Document.Status.UNSUPPORTED):
        return "already processed"
    if not document_claim_for_processing(document_id=document_id):
        return "taken"
    try:
        result = run_extraction(document.text)
        document_store_extraction(document=document, result=result)
    except SoftTimeLimitExceeded:
        document_mark_failed(document_id=document_id, error="Extraction took longer than the time limit.")
        return "failed"
    except Exception as exc:  # noqa: BLE001 - any failure is recorded on the document, then re-raised to the log
        logger.exception("extraction failed for document %s", document_id)
        document_mark_failed(document_id=document_id, error=f"{type(exc).__name__}: {exc}")
        return "failed"
    return "done"


@shared_task
def sweep_pending_documents(minutes: int = 10) -> int:
    """Re-enqueue documents stuck in pending or processing (a lost message, a killed worker)."""
    return len(documents_sweep_stuck(older_than=timedelta(minutes=minutes)))


@shared_task(ignore_result=False)
def ping() -> str:
    """Answers 'pong': proves the broker-worker round trip."""
    return "pong"
