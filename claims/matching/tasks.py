"""The matching task: thin, ids in, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from claims.matching.services import document_match_claims
from claims.models import Document


@shared_task(name="claims.tasks.match_document", acks_late=True, soft_time_limit=120, time_limit=180)
def match_document(document_id: int) -> dict[str, int] | str:
    """Link one processed document's claims to stored claims of other documents."""
    if not Document.objects.filter(pk=document_id, status=Document.Status.DONE).exists():
        return "not processed"
    return document_match_claims(document_id=document_id)
