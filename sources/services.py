"""Writes to the source registry: grades with their history, aliases, the default registry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from claims.extraction.names import fold_name
from claims.models import Attribution, Claim, ClaimLink
from verification.audit import event_record

from . import track_record
from .models import Grade, ReliabilityRating, Source, SourceAlias, SourceClaimOutcome, SourceMention, SourceTrackRecord

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


# --- track record -----------------------------------------------------------------------------


def _outcomes_sync(*, claim_ids: set[int], all_claims: bool = False) -> set[tuple[int, str]]:
    """Rewrite the ledger rows of the given claims to match their verdicts now; returns the (source, role) pairs touched.

    With all_claims, rows of claims outside claim_ids are removed too (the full recompute).
    """
    fresh = {o.key(): o for o in track_record.claim_outcomes(claim_ids)}
    existing = (
        SourceClaimOutcome.objects.all() if all_claims else SourceClaimOutcome.objects.filter(claim_id__in=claim_ids)
    )
    touched: set[tuple[int, str]] = set()
    stale_ids, changed = [], []
    for row in existing.only(
        "id", "source_id", "claim_id", "role", "rating", "denial_outcome", "claimed_at", "verdict_published_at"
    ).iterator(chunk_size=5000):
        outcome = fresh.pop((row.source_id, row.claim_id, row.role), None)
        if outcome is None:
            stale_ids.append(row.pk)
            touched.add((row.source_id, row.role))
        elif (row.rating, row.denial_outcome, row.claimed_at, row.verdict_published_at) != outcome.values():
            row.rating, row.denial_outcome, row.claimed_at, row.verdict_published_at = outcome.values()
            changed.append(row)
            touched.add((row.source_id, row.role))
    if stale_ids:
        SourceClaimOutcome.objects.filter(pk__in=stale_ids).delete()
    if changed:
        SourceClaimOutcome.objects.bulk_update(
            changed, ["rating", "denial_outcome", "claimed_at", "verdict_published_at"]
        )
    SourceClaimOutcome.objects.bulk_create(
        [
            SourceClaimOutcome(
                source_id=o.source_id,
                claim_id=o.claim_id,
                role=o.role,
                rating=o.rating,
                denial_outcome=o.denial_outcome,
                claimed_at=o.claimed_at,
                verdict_published_at=o.verdict_published_at,
            )
            for o in fresh.values()
        ]
    )
    touched.update((o.source_id, o.role) for o in fresh.values())
    return touched


_RECORD_FIELDS = (
    "counts",
    "claims_rated",
    "successes",
    "failures",
    "accuracy_mean",
    "accuracy_low",
    "accuracy_high",
    "denials_upheld",
    "denials_refuted",
    "suggested_grade",
)


def _records_rebuild(*, pairs: set[tuple[int, str]]) -> int:
    """Re-aggregate the track records of the given (source, role) pairs from the ledger; returns records changed."""
    if not pairs:
        return 0
    source_ids = sorted({source_id for source_id, _ in pairs})
    # Lock the sources in id order: two updates touching the same source aggregate one after the
    # other, and the second sees the first one's committed ledger rows.
    sources = {s.pk: s for s in Source.objects.select_for_update().filter(pk__in=source_ids).order_by("pk")}
    rows: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for source_id, role, rating, denial in SourceClaimOutcome.objects.filter(source_id__in=source_ids).values_list(
        "source_id", "role", "rating", "denial_outcome"
    ):
        rows.setdefault((source_id, role), []).append((rating, denial))
    suggestion_before = _suggestions(source_ids=source_ids, sources=sources)
    existing = {(r.source_id, r.role): r for r in SourceTrackRecord.objects.filter(source_id__in=source_ids)}
    changed = 0
    for pair in sorted(pairs):
        source_id, role = pair
        if source_id not in sources:
            continue
        record = existing.get(pair)
        if pair not in rows:
            if record is not None:
                record.delete()
                existing.pop(pair)
                changed += 1
            continue
        figures = track_record.record_figures(rows[pair])
        values = {
            "counts": figures.counts,
            "claims_rated": figures.claims_rated,
            "successes": figures.accuracy.successes,
            "failures": figures.accuracy.failures,
            "accuracy_mean": figures.accuracy.mean,
            "accuracy_low": figures.accuracy.low,
            "accuracy_high": figures.accuracy.high,
            "denials_upheld": figures.denials_upheld,
            "denials_refuted": figures.denials_refuted,
            "suggested_grade": figures.suggested_grade,
        }
        if record is None:
            existing[pair] = SourceTrackRecord.objects.create(source_id=source_id, role=role, **values)
            changed += 1
        elif any(getattr(record, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
            changed += 1
    suggestion_after = _suggestions(source_ids=source_ids, sources=sources)
    for source_id in source_ids:
        if source_id in sources and suggestion_before.get(source_id, "") != suggestion_after.get(source_id, ""):
            event_record(
                verb="source.suggested_grade_changed",
                obj=sources[source_id],
                actor_label="track record",
                before={"suggested_grade": suggestion_before.get(source_id, "")},
                after={"suggested_grade": suggestion_after.get(source_id, "")},
            )
    return changed


def _suggestions(*, source_ids: list[int], sources: dict[int, Source]) -> dict[int, str]:
    suggestions = {}
    for source_id, role, grade in SourceTrackRecord.objects.filter(source_id__in=source_ids).values_list(
        "source_id", "role", "suggested_grade"
    ):
        if source_id in sources and role == track_record.grading_role(sources[source_id].kind):
            suggestions[source_id] = grade
    return suggestions


@transaction.atomic
def track_record_update(*, claim_id: int) -> int:
    """Update the track records of the sources on one claim (and on the denials of it); returns records changed.

    Runs when a verdict is published. Changes that publish nothing (a denial link made or rejected
    later, a claim re-extracted with another claimant) reach the records with the nightly full pass.
    """
    claim_ids = track_record.claims_touched_by(claim_id)
    # Lock the claims in id order: two updates that share a claim (a denial of both) write its
    # ledger rows one after the other instead of both inserting them.
    locked = list(
        Claim.objects.select_for_update().filter(pk__in=claim_ids).order_by("pk").values_list("pk", flat=True)
    )
    if claim_id not in locked:
        return 0
    pairs = _outcomes_sync(claim_ids=set(locked))
    return _records_rebuild(pairs=pairs)


@transaction.atomic
def track_records_recompute_all() -> int:
    """Rebuild every track record from all published verdicts; returns records changed."""
    from verification.models import Verdict

    rated = set(Verdict.objects.filter(state=Verdict.State.PUBLISHED).values_list("claim_id", flat=True))
    denials = set(
        ClaimLink.objects.filter(relation=ClaimLink.Relation.DENIES, to_claim_id__in=rated).values_list(
            "from_claim_id", flat=True
        )
    )
    pairs = _outcomes_sync(claim_ids=rated | denials, all_claims=True)
    pairs |= set(SourceClaimOutcome.objects.values_list("source_id", "role").distinct())
    pairs |= set(SourceTrackRecord.objects.values_list("source_id", "role"))
    return _records_rebuild(pairs=pairs)


# --- suggested sources ------------------------------------------------------------------------

# Words that make a name a description of someone rather than a name ("a senior official").
_NOT_A_NAME_START = frozenset(
    "a an some several many few one two three four five six seven eight nine ten another his her their its our "
    "my your he she they it we i you this that these those".split()
)
_NOT_A_NAME_WORD = frozenset("the a an of and for in on at to de la le du des".split())
# Head nouns of bodies: "Russia's defence ministry" names a body even though it ends in lower case.
_BODY_HEADS = frozenset(
    "ministry department office agency council committee commission government administration parliament "
    "assembly court service services police army forces force navy command guard military party company "
    "authority authorities directorate staff headquarters embassy mission presidency cabinet kremlin".split()
)
_MILITARY_WORDS = frozenset(
    "army forces force navy command guard military staff brigade regiment defence defense".split()
)
_KIND_BY_CHAIN_ROLE = {
    "agency": Source.Kind.NEWS_AGENCY,
    "publisher": Source.Kind.NEWS_OUTLET,
    "channel": Source.Kind.PLATFORM,
}


def suggestible_name(name: str) -> str:
    """The proper name in an extracted name, or "" when it is a description ("officials", "a senior official").

    A leading description is dropped: "spokesman for the Odesa Brigade" suggests "Odesa Brigade".
    """
    words = name.strip(" \t\n.,;:\"'\u201c\u201d").split()
    if not words or len(words) > 10 or words[0].casefold() in _NOT_A_NAME_START:
        return ""
    if words[0][:1].islower() and words[0] != "the":
        tail: list[str] = []
        for word in reversed(words):
            if word[:1].isupper() or word[:1].isdigit() or (tail and word.casefold() in _NOT_A_NAME_WORD):
                tail.insert(0, word)
            else:
                break
        while tail and tail[0].casefold() in _NOT_A_NAME_WORD:
            tail.pop(0)
        words = tail
    if not words or len(words) > 8:
        return ""
    if not any(w[:1].isupper() and w.casefold() not in _NOT_A_NAME_WORD for w in words):
        return ""
    last = words[-1].strip(".,;:'\u2019\"")
    if not (last[:1].isupper() or last[:1].isdigit() or last.casefold() in _BODY_HEADS):
        return ""
    result = " ".join(words)
    return result if fold_name(result) and len(result) <= 120 else ""


def _guess_kind(name: str, field: str, chain_role: str = "") -> str:
    words = {w.casefold().strip(".,'\u2019") for w in name.split()}
    if chain_role in ("agency", "publisher") and "agency" in words:
        return Source.Kind.NEWS_AGENCY
    if chain_role in _KIND_BY_CHAIN_ROLE:
        return _KIND_BY_CHAIN_ROLE[chain_role]
    if words & _MILITARY_WORDS:
        return Source.Kind.MILITARY
    if words & _BODY_HEADS or field == SourceMention.Field.BODY or chain_role == "statement":
        return Source.Kind.GOVERNMENT_BODY
    return Source.Kind.OFFICIAL_PERSON


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "source")[:190]
    slug, n = base, 2
    while Source.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def sources_suggest_from_document(*, document_id: int) -> int:
    """Record the names in a document that match no source as suggested sources, with the sentences; returns new mentions."""
    claims = list(Claim.objects.filter(document_id=document_id).prefetch_related("attributions"))
    places = []  # (claim, field, position, name, chain_role)
    for claim in claims:
        if claim.claimant_name and claim.claimant_id is None:
            places.append((claim, SourceMention.Field.CLAIMANT, 0, claim.claimant_name, ""))
        if claim.claimant_body_name and claim.claimant_body_id is None:
            places.append((claim, SourceMention.Field.BODY, 0, claim.claimant_body_name, ""))
        for link in claim.attributions.all():
            if link.source_id is None and link.role not in track_record.CLAIMANT_CHAIN_ROLES:
                places.append((claim, SourceMention.Field.ATTRIBUTION, link.position, link.name, link.role))
    created = 0
    by_folded: dict[str, Source | None] = {}
    for claim, field, position, name, chain_role in places:
        name = suggestible_name(name)
        if not name:
            continue
        folded = fold_name(name)
        if folded not in by_folded:
            known = Source.objects.filter(aliases__alias_folded=folded).first()
            if known is None:
                known = Source.objects.create(
                    name=name[:200],
                    slug=_unique_slug(name),
                    kind=_guess_kind(name, field, chain_role),
                    status=Source.Status.SUGGESTED,
                    description="Suggested from a name extraction could not match to a known source.",
                )
                SourceAlias.objects.create(source=known, alias=name[:200])
                event_record(verb="source.suggested", obj=known, actor_label="extraction", after={"name": known.name})
            # A name already known to an active, dismissed or merged source is not suggested again.
            by_folded[folded] = known if known.status == Source.Status.SUGGESTED else None
        source = by_folded[folded]
        if source is None:
            continue
        _, was_created = SourceMention.objects.get_or_create(
            claim=claim,
            field=field,
            attribution_position=position,
            defaults={"source": source, "name": name[:300], "sentence": claim.sentence},
        )
        created += was_created
    return created


def _rewire_mentions(*, source: Source, to: Source) -> set[int]:
    """Point the claims and chain links that mention `source` at `to`; returns the claims changed."""
    claim_ids = set()
    for mention in source.mentions.all():
        if mention.field == SourceMention.Field.CLAIMANT:
            n = Claim.objects.filter(pk=mention.claim_id, claimant__isnull=True).update(claimant=to)
        elif mention.field == SourceMention.Field.BODY:
            n = Claim.objects.filter(pk=mention.claim_id, claimant_body__isnull=True).update(claimant_body=to)
        else:
            n = Attribution.objects.filter(
                claim_id=mention.claim_id, position=mention.attribution_position, source__isnull=True
            ).update(source=to)
        if n:
            claim_ids.add(mention.claim_id)
    # The claimant and body also appear as the first links of the chain.
    for field, role in ((SourceMention.Field.CLAIMANT, "claimant"), (SourceMention.Field.BODY, "body")):
        ids = list(source.mentions.filter(field=field).values_list("claim_id", flat=True))
        Attribution.objects.filter(claim_id__in=ids, role=role, source__isnull=True).update(source=to)
    return claim_ids


def _require_admin(user) -> None:
    from verification.roles import is_admin

    if not is_admin(user):
        raise PermissionDenied("Only admins manage the source registry.")


@transaction.atomic
def source_approve(*, source: Source, user, kind: str | None = None) -> Source:
    """Accept a suggested source into the registry and attach the claims that mention it."""
    _require_admin(user)
    locked = Source.objects.select_for_update().get(pk=source.pk)
    if locked.status != Source.Status.SUGGESTED:
        raise ValidationError(f"{locked} is not a suggested source (it is {locked.get_status_display().lower()}).")
    if kind:
        if kind not in Source.Kind.values:
            raise ValidationError({"kind": f"Unknown kind {kind!r}."})
        locked.kind = kind
    locked.status = Source.Status.ACTIVE
    locked.save(update_fields=["status", "kind", "updated_at"])
    claim_ids = _rewire_mentions(source=locked, to=locked)
    _track_records_after_rewiring(claim_ids=claim_ids, source_ids={locked.pk})
    event_record(
        verb="source.approved",
        obj=locked,
        actor=user,
        before={"status": Source.Status.SUGGESTED},
        after={"status": locked.status, "kind": locked.kind, "claims_attached": len(claim_ids)},
    )
    source.status, source.kind = locked.status, locked.kind
    return locked


@transaction.atomic
def source_merge(*, source: Source, into: Source, user) -> Source:
    """Fold a suggested source into an existing one as an alias; claims that name it move to the existing source."""
    _require_admin(user)
    if source.pk == into.pk:
        raise ValidationError("A source cannot be merged into itself.")
    locked = {s.pk: s for s in Source.objects.select_for_update().filter(pk__in=[source.pk, into.pk]).order_by("pk")}
    merged, target = locked[source.pk], locked[into.pk]
    if merged.status != Source.Status.SUGGESTED:
        raise ValidationError(f"Only suggested sources are merged; {merged} is {merged.get_status_display().lower()}.")
    if target.status != Source.Status.ACTIVE:
        raise ValidationError({"into": f"{target} is not an active source."})
    aliases = list(merged.aliases.values_list("alias", flat=True))
    merged.aliases.update(source=target)
    if not SourceAlias.objects.filter(alias_folded=fold_name(merged.name)).exists():
        SourceAlias.objects.create(source=target, alias=merged.name)
        aliases.append(merged.name)
    claim_ids = _rewire_mentions(source=merged, to=target)
    # Anything already pointing at the suggested source moves too.
    claim_ids |= set(Claim.objects.filter(claimant=merged).values_list("pk", flat=True))
    claim_ids |= set(Claim.objects.filter(claimant_body=merged).values_list("pk", flat=True))
    claim_ids |= set(Attribution.objects.filter(source=merged).values_list("claim_id", flat=True))
    Claim.objects.filter(claimant=merged).update(claimant=target)
    Claim.objects.filter(claimant_body=merged).update(claimant_body=target)
    Attribution.objects.filter(source=merged).update(source=target)
    merged.mentions.update(source=target)
    merged.status = Source.Status.MERGED
    merged.merged_into = target
    merged.save(update_fields=["status", "merged_into", "updated_at"])
    _track_records_after_rewiring(claim_ids=claim_ids, source_ids={merged.pk, target.pk})
    event_record(
        verb="source.merged",
        obj=merged,
        actor=user,
        before={"status": Source.Status.SUGGESTED},
        after={"status": merged.status, "merged_into": target.pk, "aliases": aliases, "claims_moved": len(claim_ids)},
    )
    event_record(
        verb="source.alias_added", obj=target, actor=user, after={"aliases": aliases}, note=f"merged from {merged}"
    )
    source.status, source.merged_into = merged.status, target
    return merged


@transaction.atomic
def source_dismiss(*, source: Source, user, reason: str = "") -> Source:
    """Reject a suggested source: its name is not suggested again."""
    _require_admin(user)
    locked = Source.objects.select_for_update().get(pk=source.pk)
    if locked.status != Source.Status.SUGGESTED:
        raise ValidationError(f"{locked} is not a suggested source.")
    locked.status = Source.Status.DISMISSED
    locked.save(update_fields=["status", "updated_at"])
    event_record(
        verb="source.dismissed",
        obj=locked,
        actor=user,
        before={"status": Source.Status.SUGGESTED},
        after={"status": locked.status},
        note=reason,
    )
    source.status = locked.status
    return locked


def _track_records_after_rewiring(*, claim_ids: set[int], source_ids: set[int]) -> None:
    """Claims that changed source carry their verdicts with them: resync them and the sources they left."""
    claim_ids = set(claim_ids) | set(
        SourceClaimOutcome.objects.filter(source_id__in=source_ids).values_list("claim_id", flat=True)
    )
    touched: set[int] = set()
    for claim_id in claim_ids:
        touched |= track_record.claims_touched_by(claim_id)
    pairs = _outcomes_sync(claim_ids=touched)
    pairs |= {(s, role) for s in source_ids for role in (track_record.CLAIMANT, track_record.CARRIER)}
    _records_rebuild(pairs=pairs)
