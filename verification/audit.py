"""The audit trail: one Event row per state change, written in the change's own transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import Event


def event_record(
    *,
    verb: str,
    obj: Any,
    actor=None,
    actor_label: str = "",
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    claim=None,
    claim_id: int | None = None,
) -> Event:
    """Write an audit event; must run inside the transaction that made the change."""
    # An event written outside the change's transaction could survive a rollback of the change.
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("event_record must be called inside the transaction that changes state")
    if claim is None and obj.__class__.__name__ == "Claim":
        claim = obj
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return Event.objects.create(
        actor=actor,
        actor_label=actor_label or (actor.get_username() if actor else "system"),
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        claim_id=claim.pk if claim is not None else claim_id,
        before=before,
        after=after,
        note=note,
    )
