"""Stored documents in the shared evaluation format, with cross-document denial targets."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch

from claims.models import Attribution, Claim, ClaimLink, Document
from verification.models import Flag

CHAIN_ROLES = (Attribution.Role.STATEMENT, Attribution.Role.AGENCY)
DISPUTING = (ClaimLink.Relation.DENIES, ClaimLink.Relation.COUNTERS)
LIVE = (ClaimLink.Status.ACTIVE, ClaimLink.Status.CONFIRMED)


def document_label(document: Document) -> str:
    """The id a document was ingested with, else its primary key."""
    return document.external_id or str(document.pk)


def _denies(claim: Claim, links: list[ClaimLink]) -> str | None:
    if not links:
        return None
    # A checker's confirmation outranks the machine's confidence.
    best = max(links, key=lambda link: (link.status == ClaimLink.Status.CONFIRMED, link.confidence, -link.pk))
    target = best.to_claim
    if target.document_id == claim.document_id:
        return target.key
    return f"{document_label(target.document)}/{target.key}"


def claim_to_eval(claim: Claim) -> dict:
    """One stored claim as the evaluation format's claim object."""
    chain = sorted(claim.attributions.all(), key=lambda a: a.position)
    via = [a.name for a in chain if a.role in CHAIN_ROLES and a.name.lower() not in ("statement", "a statement")]
    cue_flags = [flag for flag in claim.flags.all() if flag.rule.startswith("cue.")]
    disputes = [link for link in claim.links_out.all() if link.relation in DISPUTING and link.status in LIVE]
    return {
        "id": claim.key,
        "sentence": claim.sentence,
        "start": claim.sentence_start,
        "end": claim.sentence_end,
        "claimant": claim.claimant_name or None,
        "claimant_org": claim.claimant_body_name or None,
        "via": via,
        "kind": claim.kind,
        "denies": _denies(claim, disputes),
        "unverified": bool(cue_flags),
        "cue": cue_flags[0].cue_text if cue_flags else None,
        "content": claim.text,
        "status": claim.status,
        "disputed": claim.disputed,
    }


def documents_to_eval(documents=None) -> Iterator[dict]:
    """Every stored document (or the given queryset) in the evaluation format, oldest first."""
    documents = documents if documents is not None else Document.objects.all()
    links = ClaimLink.objects.select_related("to_claim__document")
    claims = Claim.objects.order_by("position", "pk").prefetch_related(
        "attributions",
        Prefetch("flags", queryset=Flag.objects.order_by("pk")),
        Prefetch("links_out", queryset=links),
    )
    rows = documents.order_by("pk").prefetch_related(Prefetch("claims", queryset=claims))
    for document in rows.iterator(chunk_size=500):
        yield {
            "id": document_label(document),
            "text": document.text,
            "status": document.status,
            "claims": [claim_to_eval(claim) for claim in document.claims.all()],
        }
