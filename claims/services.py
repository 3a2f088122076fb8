"""Writes for documents and claims: ingestion, storing extraction results, failures, sweeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.extraction.names import fold_name
from verification.audit import event_record
from verification.models import Flag

from .models import Attribution, Claim, ClaimLink, Document, Origin, content_hash

# Flags that the extraction step itself writes, from cues in the text; other rules live in
# verification and are left alone here.
CUE_FLAG_RULES = ("cue.unverified", "cue.no_evidence")


def document_validate_text(text: str) -> str:
    """The text as it will be stored, or a ValidationError saying what is wrong with it."""
    if not isinstance(text, str):
        raise ValidationError({"text": "Text must be a string."})
    limit = settings.CLAIMTRACK_MAX_DOCUMENT_CHARS
    if len(text) > limit:
        raise ValidationError({"text": f"Text is {len(text):,} characters; the limit is {limit:,}."})
    if "\x00" in text:
        raise ValidationError({"text": "Text contains NUL characters."})
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError({"text": "Text is not valid Unicode (it contains unpaired surrogates)."}) from None
    return text


def _document_validate_detail(name: str, value: str | None) -> None:
    # PostgreSQL refuses NUL in text columns and UTF-8 cannot carry lone surrogates: a clear
    # ValidationError here instead of a DataError or UnicodeEncodeError at save time.
    if not value:
        return
    if "\x00" in value:
        raise ValidationError({name: f"The {name.replace('_', ' ')} contains NUL characters."})
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            {name: f"The {name.replace('_', ' ')} is not valid Unicode (unpaired surrogates)."}
        ) from None


@dataclass
class DocumentCreateResult:
    document: Document
    created: bool


@transaction.atomic
def document_create(
    *,
    text: str,
    title: str = "",
    url: str = "",
    outlet=None,
    published_at: datetime | None = None,
    external_id: str | None = None,
    channel: str = Document.Channel.API,
    raw_html: str = "",
    user=None,
) -> DocumentCreateResult:
    """Store a document once (the same text twice is one document) and enqueue its extraction on commit."""
    from .tasks import extract_document

    text = document_validate_text(text)
    for name, value in (("title", title), ("url", url), ("external_id", external_id)):
        _document_validate_detail(name, value)
    existing = Document.objects.filter(content_hash=content_hash(text)).first()
    if existing is not None:
        return DocumentCreateResult(existing, False)
    if external_id and Document.objects.filter(external_id=external_id).exists():
        raise ValidationError({"id": f"A different document was already ingested with the id {external_id!r}."})
    document = Document(
        text=text,
        title=title[:500],
        url=url,
        outlet=outlet,
        published_at=published_at,
        external_id=external_id or None,
        channel=channel,
        raw_html=raw_html,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    try:
        # A savepoint, so a concurrent insert of the same text leaves this transaction usable.
        with transaction.atomic():
            document.save()
    except IntegrityError:
        existing = Document.objects.filter(content_hash=content_hash(text)).first()
        if existing is None:
            raise
        return DocumentCreateResult(existing, False)
    event_record(verb="document.created", obj=document, actor=user, after={"channel": channel, "title": document.title})
    # robust: with the broker down the document is still stored (pending) and the request still
    # succeeds; the sweeper enqueues it once the broker is back.
    document_id = document.pk

    def enqueue_extraction() -> None:
        extract_document.delay(document_id)

    transaction.on_commit(enqueue_extraction, robust=True)
    return DocumentCreateResult(document, True)


def document_claim_for_processing(*, document_id: int) -> bool:
    """Mark a pending or failed document as processing; False when another worker has it or it is done."""
    # A conditional UPDATE: of two workers given the same document, one wins and the other stops.
    return bool(
        Document.objects.filter(pk=document_id)
        .filter(Q(status__in=[Document.Status.PENDING, Document.Status.FAILED]) | Q(status=Document.Status.PROCESSING))
        .update(status=Document.Status.PROCESSING, updated_at=timezone.now())
    )


@transaction.atomic
def document_mark_failed(*, document_id: int, error: str) -> None:
    """Record why a document could not be processed; the retry command picks it up again."""
    document = Document.objects.select_for_update().get(pk=document_id)
    before = document.status
    document.status = Document.Status.FAILED
    document.error = error[:5000]
    document.save(update_fields=["status", "error", "updated_at"])
    event_record(
        verb="document.failed",
        obj=document,
        actor_label="extraction",
        before={"status": before},
        after={"status": "failed"},
        note=error[:500],
    )


def _claim_signature(sentence_start: int, sentence_end: int, kind: str, claimant: str | None) -> tuple:
    return (sentence_start, sentence_end, kind, fold_name(claimant or ""))


def _has_human_work(claim: Claim) -> bool:
    return (
        claim.verdicts.exists()
        or claim.review_items.exists()
        or ClaimLink.objects.filter(Q(from_claim=claim) | Q(to_claim=claim), origin=Origin.HUMAN).exists()
    )


@transaction.atomic
def document_store_extraction(*, document: Document, result) -> dict[str, int]:
    """Store an extraction result on its document: claims, chains, in-document links and cue flags.

    Running the same extractor version twice changes nothing. A newer version replaces
    machine-made rows and keeps what people made: human links, verdicts and review items
    stay on the claims they belong to.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status == Document.Status.DONE and document.extractor_version == result.version:
        return {"created": 0, "updated": 0, "removed": 0, "unchanged": document.claims.count()}

    if result.status != "ok":
        reason = "the text is empty" if result.status == "empty" else f"the text is not English ({result.language})"
        before = document.status
        document.status = Document.Status.UNSUPPORTED
        document.language = result.language
        document.error = f"Not processed: {reason}."
        document.extractor_version = result.version
        document.extractor_backend = result.backend
        document.processed_at = timezone.now()
        document.save()
        event_record(
            verb="document.unsupported",
            obj=document,
            actor_label="extraction",
            before={"status": before},
            note=document.error,
        )
        return {"created": 0, "updated": 0, "removed": 0, "unchanged": 0}

    existing: dict[tuple, list[Claim]] = {}
    for old in document.claims.filter(origin=Origin.MACHINE):
        existing.setdefault(
            _claim_signature(old.sentence_start, old.sentence_end, old.kind, old.claimant_name), []
        ).append(old)
    counts = {"created": 0, "updated": 0, "removed": 0, "unchanged": 0}
    by_key: dict[str, Claim] = {}
    for position, extracted in enumerate(result.claims):
        signature = _claim_signature(
            extracted.sentence.start, extracted.sentence.end, extracted.kind, extracted.claimant
        )
        content = extracted.content or extracted.sentence
        fields = {
            "key": extracted.key,
            "position": position,
            "sentence": extracted.sentence.text,
            "sentence_start": extracted.sentence.start,
            "sentence_end": extracted.sentence.end,
            "text": content.text,
            "text_start": content.start,
            "text_end": content.end,
            "claimant_name": (extracted.claimant or "")[:300],
            "claimant_id": extracted.claimant_source_id,
            "claimant_body_name": (extracted.claimant_org or "")[:300],
            "claimant_body_id": extracted.claimant_org_source_id,
            "kind": extracted.kind,
            "cue_verb": extracted.cue.text[:100] if extracted.cue else "",
            "confidence": extracted.confidence,
            "extractor_version": result.version,
        }
        matches = existing.get(signature)
        claim = matches.pop(0) if matches else None
        if claim is None:
            claim = Claim(document=document, origin=Origin.MACHINE, **fields)
            counts["created"] += 1
        else:
            for name, value in fields.items():
                setattr(claim, name, value)
            counts["updated"] += 1
        by_key[extracted.key] = claim

    # Claims the new run no longer finds go, unless a person has worked on them.
    stale = [claim for leftovers in existing.values() for claim in leftovers]
    for claim in stale:
        if _has_human_work(claim):
            claim.key = f"kept-{claim.pk}"
            claim.save(update_fields=["key", "updated_at"])
        else:
            claim.delete()
            counts["removed"] += 1

    # Keys are reassigned in document order, so free them before saving the new positions.
    updated = [c for c in by_key.values() if c.pk is not None]
    for claim in updated:
        Claim.objects.filter(pk=claim.pk).update(key=f"tmp-{claim.pk}")
    for claim in updated:
        claim.save()
    # New claims in one INSERT, in document order (PostgreSQL returns their ids).
    Claim.objects.bulk_create([claim for claim in by_key.values() if claim.pk is None])

    claim_ids = [c.pk for c in by_key.values()]
    Attribution.objects.filter(claim_id__in=claim_ids).delete()
    Flag.objects.filter(claim_id__in=claim_ids, rule__in=CUE_FLAG_RULES).delete()
    ClaimLink.objects.filter(
        from_claim_id__in=claim_ids, to_claim__document=document, origin=Origin.MACHINE, status=ClaimLink.Status.ACTIVE
    ).delete()

    attributions, flags, links = [], [], []
    for extracted in result.claims:
        claim = by_key[extracted.key]
        chain = []
        if extracted.claimant:
            chain.append((Attribution.Role.CLAIMANT, extracted.claimant, extracted.claimant_source_id))
        if extracted.claimant_org:
            chain.append((Attribution.Role.BODY, extracted.claimant_org, extracted.claimant_org_source_id))
        chain.extend((link.role, link.name, link.source_id) for link in extracted.via)
        if document.outlet_id:
            chain.append((Attribution.Role.PUBLISHER, document.outlet.name, document.outlet_id))
        for position, (role, name, source_id) in enumerate(chain):
            attributions.append(
                Attribution(claim=claim, position=position, role=role, name=name[:300], source_id=source_id)
            )
        if extracted.unverified and extracted.unverified_cue:
            cue = extracted.unverified_cue
            no_evidence = "evidence" in cue.text.lower() or "proof" in cue.text.lower()
            flags.append(
                Flag(
                    claim=claim,
                    reason=Flag.Reason.NO_EVIDENCE if no_evidence else Flag.Reason.UNVERIFIED,
                    rule="cue.no_evidence" if no_evidence else "cue.unverified",
                    cue_text=cue.text,
                    cue_start=cue.start,
                    cue_end=cue.end,
                )
            )
        if extracted.denies and extracted.denies in by_key and extracted.denies != extracted.key:
            relation = ClaimLink.Relation.DENIES if extracted.kind == Claim.Kind.DENIAL else ClaimLink.Relation.COUNTERS
            target = by_key[extracted.denies]
            if target.pk != claim.pk:
                links.append(
                    ClaimLink(
                        from_claim=claim,
                        to_claim=target,
                        relation=relation,
                        origin=Origin.MACHINE,
                        confidence=extracted.link_confidence or extracted.confidence,
                        explanation=f"same document; {extracted.kind} in {extracted.key} names claim {extracted.denies}",
                    )
                )
    Attribution.objects.bulk_create(attributions)
    Flag.objects.bulk_create(flags, ignore_conflicts=True)
    ClaimLink.objects.bulk_create(links, ignore_conflicts=True)
    disputed_ids = {link.to_claim.pk for link in links}
    if disputed_ids:
        Claim.objects.filter(pk__in=disputed_ids).update(disputed=True)
    flagged_ids = {flag.claim.pk for flag in flags}
    if flagged_ids:
        Claim.objects.filter(pk__in=flagged_ids, status=Claim.Status.UNREVIEWED).update(status=Claim.Status.FLAGGED)

    before = document.status
    document.status = Document.Status.DONE
    document.error = ""
    document.language = result.language
    document.extractor_version = result.version
    document.extractor_backend = result.backend
    document.processed_at = timezone.now()
    document.save()
    event_record(
        verb="document.extracted",
        obj=document,
        actor_label="extraction",
        before={"status": before},
        after={"status": document.status, "version": result.version, **counts},
    )
    from verification.webhooks import webhooks_enqueue

    # Subscribers hear that the claims are in once this transaction commits.
    webhooks_enqueue(
        event_type="document.processed",
        payload={"document_id": document.pk, "status": document.status, "claims": len(by_key)},
    )
    document_enqueue_follow_ups(document_id=document.pk)
    return counts


def document_enqueue_follow_ups(*, document_id: int) -> None:
    """After extraction commits: link claims across documents and flag them for review."""
    # Each follow-up is a task of its own app, enqueued here so the whole flow reads from this service.
    from sources.tasks import suggest_sources_for_document
    from verification.tasks import flag_document

    from .tasks import match_document

    flag_document.delay_on_commit(document_id)
    suggest_sources_for_document.delay_on_commit(document_id)
    match_document.delay_on_commit(document_id)


def documents_sweep_stuck(*, older_than: timedelta = timedelta(minutes=10)) -> list[int]:
    """Documents left pending or processing too long (a lost task, a dead worker): enqueue them again."""
    from .tasks import extract_document

    cutoff = timezone.now() - older_than
    stuck = list(
        Document.objects.filter(
            status__in=[Document.Status.PENDING, Document.Status.PROCESSING], updated_at__lt=cutoff
        ).values_list("pk", flat=True)[:1000]
    )
    for document_id in stuck:
        extract_document.delay(document_id)
    return stuck


def documents_retry_failed(*, limit: int | None = None) -> list[int]:
    """Enqueue failed documents again, oldest first."""
    from .tasks import extract_document

    failed = Document.objects.filter(status=Document.Status.FAILED).order_by("updated_at").values_list("pk", flat=True)
    ids = list(failed[:limit] if limit else failed)
    for document_id in ids:
        extract_document.delay(document_id)
    return ids
