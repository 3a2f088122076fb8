"""Matching services: link a processed document's claims to stored claims, and let checkers rule on links."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.extraction.types import ExtractedClaim, Span
from claims.matching.linking import (
    ClaimFacts,
    LinkDecision,
    StoryIndex,
    decide_dispute,
    decide_repeat,
    decide_reply,
    relatedness,
    story_names,
)
from claims.matching.retrieval import candidate_claims_many
from claims.models import Claim, ClaimLink, Document, Origin, content_hash
from verification.audit import event_record

SYMMETRIC = (ClaimLink.Relation.SAME_AS, ClaimLink.Relation.CORROBORATES)
DISPUTING = (ClaimLink.Relation.DENIES, ClaimLink.Relation.COUNTERS)
LIVE = (ClaimLink.Status.ACTIVE, ClaimLink.Status.CONFIRMED)
MAX_REPEAT_LINKS = 3
REPLY_CANDIDATES = 10


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds and limits of cross-document matching, from settings."""

    link_threshold: float
    suggest_threshold: float
    window_days: int | None
    candidates: int
    use_encoder: bool

    @classmethod
    def current(cls) -> MatchSettings:
        return cls(
            link_threshold=float(getattr(settings, "CLAIMTRACK_MATCH_LINK_THRESHOLD", 0.6)),
            suggest_threshold=float(getattr(settings, "CLAIMTRACK_MATCH_SUGGEST_THRESHOLD", 0.35)),
            window_days=getattr(settings, "CLAIMTRACK_MATCH_WINDOW_DAYS", None) or None,
            candidates=int(getattr(settings, "CLAIMTRACK_MATCH_CANDIDATES", 30)),
            use_encoder=bool(getattr(settings, "CLAIMTRACK_MATCH_EMBEDDINGS", True)),
        )


_TITLE_BEFORE = re.compile(r"((?:[A-Za-z][\w'-]*\s+){1,3})$")


def _span(text: str, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    return Span(start, end, text[start:end])


def claim_as_extracted(claim: Claim) -> ExtractedClaim | None:
    """A stored claim as extraction gave it (spans into its document, cue, kind), for the dispute rules."""
    text = claim.document.text
    sentence = _span(text, claim.sentence_start, claim.sentence_end)
    if sentence is None:
        return None
    cue = None
    if claim.cue_verb:
        at = sentence.text.find(claim.cue_verb)
        cue = _span(text, sentence.start + at, sentence.start + at + len(claim.cue_verb)) if at >= 0 else None
    return ExtractedClaim(
        key=claim.key,
        sentence=sentence,
        content=_span(text, claim.text_start, claim.text_end),
        claimant=claim.claimant_name or None,
        claimant_source_id=claim.claimant_id,
        claimant_org=claim.claimant_body_name or None,
        claimant_org_source_id=claim.claimant_body_id,
        via=[],
        kind=claim.kind,
        denies=None,
        cue=cue,
        unverified=False,
        unverified_cue=None,
        confidence=claim.confidence,
    )


def claim_facts(claim: Claim) -> ClaimFacts:
    """The linking view of a stored claim: text, claimant, body, the words that name the claimant."""
    names = []
    if claim.claimant_name and claim.sentence:
        # "president Volodymyr Zelenskiy said": the words before a name say what the claimant is.
        at = claim.sentence.find(claim.claimant_name)
        if at > 0:
            match = _TITLE_BEFORE.search(claim.sentence[:at])
            if match:
                names.append(match.group(1).strip())
    if claim.claimant_id and claim.claimant:
        names.append(claim.claimant.name)
    if claim.claimant_body_id and claim.claimant_body:
        names.append(claim.claimant_body.name)
    document = claim.document
    return ClaimFacts(
        id=claim.pk,
        kind=claim.kind,
        text=claim.text,
        sentence=claim.sentence,
        claimant=claim.claimant_name,
        claimant_source=claim.claimant_id,
        body=claim.claimant_body_name,
        body_source=claim.claimant_body_id,
        document=claim.document_id,
        outlet=document.outlet.name if document.outlet_id and document.outlet else "",
        names=tuple(names),
        story=story_names(document.text, countries=False),
        extracted=claim_as_extracted(claim),
    )


def _similarities(pairs: dict[Claim, list[Claim]], use_encoder: bool) -> dict[tuple[int, int], float] | None:
    """Cosine of each claim to each of its candidates, every distinct text encoded once, in batches."""
    if not use_encoder or not any(pairs.values()):
        return None
    from claims.matching.embeddings import load_encoder

    encoder = load_encoder()
    if encoder is None:
        return None
    texts = list(dict.fromkeys(claim.text for claim, others in pairs.items() for claim in (claim, *others)))
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    return {
        (claim.pk, other.pk): float(vectors[other.text] @ vectors[claim.text])
        for claim, others in pairs.items()
        for other in others
    }


def _stored(found: list[list[int]]) -> list[list[Claim]]:
    """The stored claims behind each list of ids, in its order, from two queries for all the lists."""
    # A claim found for several claims of a document is read once and shared (matching only reads it),
    # and so is a document several candidates come from: its text crosses the wire once, not per claim.
    rows = Claim.objects.filter(pk__in={i for ids in found for i in ids}).select_related("claimant", "claimant_body")
    by_id = {row.pk: row for row in rows}
    documents = (
        Document.objects.filter(pk__in={row.document_id for row in by_id.values()})
        .select_related("outlet")
        .defer("raw_html")
        .in_bulk()
    )
    for row in by_id.values():
        row.document = documents[row.document_id]
    return [[by_id[i] for i in ids if i in by_id] for ids in found]


def claim_match_candidates(*, claim: Claim, config: MatchSettings | None = None) -> list[Claim]:
    """Stored claims of other documents that could be the same claim, a denial of it, or what it denies."""
    (stored,) = claims_match_candidates(claims=[claim], config=config)
    return stored


def claims_match_candidates(*, claims: list[Claim], config: MatchSettings | None = None) -> list[list[Claim]]:
    """claim_match_candidates of each claim: one search and one read for all the claims of a document."""
    config = config or MatchSettings.current()
    since = timezone.now() - timedelta(days=config.window_days) if config.window_days else None
    by_document: dict[int, list[int]] = defaultdict(list)
    for position, claim in enumerate(claims):
        by_document[claim.document_id].append(position)
    found: list[list[int]] = [[] for _ in claims]
    for document_id, positions in by_document.items():
        rows = candidate_claims_many(
            texts=[f"{claims[p].text} {claims[p].sentence}" for p in positions],
            limit=config.candidates,
            exclude_document_id=document_id,
            since=since,
        )
        for position, row in zip(positions, rows, strict=True):
            found[position] = [c.claim_id for c in row]
    return _stored(found)


def story_index(claims: list[Claim]) -> StoryIndex:
    """The documents of these claims, indexed to say how far any two tell one story."""
    return StoryIndex({claim.document_id: claim.document.text for claim in claims})


def claim_match_decisions(
    *,
    claim: Claim,
    config: MatchSettings | None = None,
    stored: list[Claim] | None = None,
    similarity: dict[tuple[int, int], float] | None = None,
    stories: StoryIndex | None = None,
    known: dict[int, ClaimFacts] | None = None,
) -> list[LinkDecision]:
    """Links one claim should have to claims of other documents (computed, not stored).

    `known` keeps each claim's linking view across the calls of one matching run.
    """
    config = config or MatchSettings.current()
    if stored is None:
        stored = claim_match_candidates(claim=claim, config=config)
        similarity = _similarities({claim: stored}, config.use_encoder)
    if stories is None:
        stories = story_index([claim, *stored])
    known = {} if known is None else known

    def facts_of(one: Claim) -> ClaimFacts:
        if one.pk not in known:
            known[one.pk] = claim_facts(one)
        return known[one.pk]

    facts = facts_of(claim)

    def sim(other: Claim) -> float | None:
        return similarity.get((claim.pk, other.pk)) if similarity else None

    repeats: list[LinkDecision] = []
    replies: list[LinkDecision] = []
    for other in stored:
        if other.kind == claim.kind:
            decision = decide_repeat(facts, facts_of(other), similarity=sim(other))
            if decision:
                repeats.append(decision)
    # Reading a pair as one story is the dearest test: only the candidates most related to the claim.
    closest = sorted(stored, key=lambda other: -relatedness(facts, facts_of(other), stories)[0])
    for other in closest[:REPLY_CANDIDATES]:
        other_facts = facts_of(other)
        # Either may answer the other, whichever arrived first: a claim can arrive after its denial.
        both_ways = [
            decision
            for reply, told in ((facts, other_facts), (other_facts, facts))
            for decision in (
                decide_reply(reply, told, similarity=sim(other), stories=stories),
                decide_dispute(reply, told, similarity=sim(other)),
            )
        ]
        # One pair of claims is one dispute: the better-supported reading, in one direction.
        best = max((d for d in both_ways if d), key=lambda d: d.confidence, default=None)
        if best:
            replies.append(best)
    # The closest few reports are enough: they link on to the rest, and a checker reads every suggestion.
    decisions = sorted(repeats, key=lambda d: -d.confidence)[:MAX_REPEAT_LINKS]
    # This claim answers one claim at most; stored answers are each weighed against their own best
    # target by the write step.
    own = sorted((d for d in replies if d.from_id == claim.pk), key=lambda d: -d.confidence)
    decisions += own[:1] + [d for d in replies if d.from_id != claim.pk]
    return [d for d in decisions if d.confidence >= config.suggest_threshold]


def _best_dispute_confidence(links: dict[tuple, ClaimLink], claim_id: int) -> float:
    return max(
        (
            link.confidence
            for link in links.values()
            if link.from_claim_id == claim_id and link.relation in DISPUTING and link.status in LIVE
        ),
        default=0.0,
    )


def _stored_links(decisions: list[LinkDecision], own: set[int]) -> dict[tuple, ClaimLink]:
    """Every stored link the decisions can meet, by (from, to, relation), from one query.

    A decision meets the link of its own pair (either way round for symmetric relations); a stored
    denial that may take a new target meets every dispute it already has.
    """
    if not decisions:
        return {}
    ids = {i for d in decisions for i in (d.from_id, d.to_id)}
    takers = {d.from_id for d in decisions if d.from_id not in own and d.relation in DISPUTING}
    # A decision pairs a claim of this document with a stored one: the links of its pair touch one of
    # this document's claims, and the many links among the stored candidates themselves are not read.
    pairs = Q(from_claim_id__in=own, to_claim_id__in=ids) | Q(to_claim_id__in=own, from_claim_id__in=ids)
    for d in decisions:
        if d.from_id not in own and d.to_id not in own:
            pairs |= Q(from_claim_id=d.from_id, to_claim_id=d.to_id) | Q(from_claim_id=d.to_id, to_claim_id=d.from_id)
    rows = ClaimLink.objects.filter(pairs | Q(from_claim_id__in=takers, relation__in=DISPUTING)).order_by()
    return {(link.from_claim_id, link.to_claim_id, link.relation): link for link in rows}


def _link_save(
    decision: LinkDecision,
    config: MatchSettings,
    *,
    links: dict[tuple, ClaimLink],
    created: list[ClaimLink],
    changed: dict[int, ClaimLink],
) -> str:
    """Apply one decision to the links in memory; the caller writes `created` and `changed` afterwards."""
    status = ClaimLink.Status.ACTIVE if decision.confidence >= config.link_threshold else ClaimLink.Status.SUGGESTED
    existing = links.get((decision.from_id, decision.to_id, decision.relation))
    if existing is None and decision.relation in SYMMETRIC:
        existing = links.get((decision.to_id, decision.from_id, decision.relation))
    if existing is not None:
        # A checker's ruling, or a link a person made, is never overwritten by the machine.
        if existing.origin == Origin.HUMAN or existing.status in (
            ClaimLink.Status.CONFIRMED,
            ClaimLink.Status.REJECTED,
        ):
            return "kept"
        if (existing.status, existing.confidence, existing.explanation) == (
            status,
            decision.confidence,
            decision.explanation,
        ):
            return "unchanged"
        existing.status, existing.confidence, existing.explanation = status, decision.confidence, decision.explanation
        if existing.pk is not None:
            changed[existing.pk] = existing
        return "updated"
    link = ClaimLink(
        from_claim_id=decision.from_id,
        to_claim_id=decision.to_id,
        relation=decision.relation,
        origin=Origin.MACHINE,
        status=status,
        confidence=decision.confidence,
        explanation=decision.explanation[:500],
    )
    links[(decision.from_id, decision.to_id, decision.relation)] = link
    created.append(link)
    return "linked" if status == ClaimLink.Status.ACTIVE else "suggested"


def _refresh_disputed(claim_ids: set[int]) -> None:
    if not claim_ids:
        return
    disputed = set(
        ClaimLink.objects.filter(to_claim_id__in=claim_ids, relation__in=DISPUTING, status__in=LIVE).values_list(
            "to_claim_id", flat=True
        )
    )
    Claim.objects.filter(pk__in=disputed, disputed=False).update(disputed=True)
    Claim.objects.filter(pk__in=claim_ids - disputed, disputed=True).update(disputed=False)


def document_match_claims(*, document_id: int) -> dict[str, int]:
    """Link a processed document's claims to stored claims of other documents; safe to run twice.

    The slow part (candidate search, and the sentence encoder where it is installed) runs before
    any lock is taken; only writing the links is one short transaction.
    """
    config = MatchSettings.current()
    claims = list(
        Claim.objects.filter(document_id=document_id).select_related("document__outlet", "claimant", "claimant_body")
    )
    candidates = dict(zip(claims, claims_match_candidates(claims=claims, config=config), strict=True))
    similarity = _similarities(candidates, config.use_encoder)
    # One index over the new document and every document a candidate comes from.
    stories = story_index([*claims, *(other for stored in candidates.values() for other in stored)])
    known: dict[int, ClaimFacts] = {}
    decisions = [
        decision
        for claim, stored in candidates.items()
        for decision in claim_match_decisions(
            claim=claim, config=config, stored=stored, similarity=similarity, stories=stories, known=known
        )
    ]
    return _document_links_write(
        document_id=document_id, own={c.pk for c in claims}, decisions=decisions, config=config
    )


@transaction.atomic
def _document_links_write(
    *, document_id: int, own: set[int], decisions: list[LinkDecision], config: MatchSettings
) -> dict[str, int]:
    document = Document.objects.select_for_update().get(pk=document_id)
    counts = {"linked": 0, "suggested": 0, "updated": 0, "unchanged": 0, "kept": 0}
    touched: set[int] = set()
    answers: dict[int, str] = {}
    # Read under the document lock, then decided in memory in the decisions' order: a decision sees
    # the links the ones before it made, as if each had been written straight away.
    links = _stored_links(decisions, own)
    created: list[ClaimLink] = []
    changed: dict[int, ClaimLink] = {}
    for decision in decisions:
        taking_over = decision.from_id not in own and decision.relation in DISPUTING
        # Checked under the document lock: another document may have given that denial a better target
        # since the decisions were computed.
        if taking_over and decision.confidence <= _best_dispute_confidence(links, decision.from_id):
            continue
        counts[_link_save(decision, config, links=links, created=created, changed=changed)] += 1
        if decision.relation in DISPUTING:
            touched.add(decision.to_id)
            if decision.confidence >= config.link_threshold:
                # An answer extraction could not see as one (its target was in another document).
                answers[decision.from_id] = (
                    Claim.Kind.DENIAL if decision.relation == ClaimLink.Relation.DENIES else Claim.Kind.COUNTER_CLAIM
                )
    now = timezone.now()
    for link in changed.values():
        link.updated_at = now
    ClaimLink.objects.bulk_update(list(changed.values()), ["status", "confidence", "explanation", "updated_at"])
    ClaimLink.objects.bulk_create(created)
    if touched or answers:
        # Flagging locks a document's claims in id order in one statement; taking these in the same
        # order first means the two queue behind each other instead of deadlocking.
        list(
            Claim.objects.select_for_update(no_key=True)
            .filter(pk__in=touched | set(answers))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    for kind in set(answers.values()):
        chosen = [pk for pk, answer in answers.items() if answer == kind]
        Claim.objects.filter(pk__in=chosen, kind=Claim.Kind.CLAIM).update(kind=kind)
    _refresh_disputed(touched)
    if counts["linked"] or counts["suggested"] or counts["updated"]:
        event_record(verb="document.matched", obj=document, actor_label="matching", after=counts)
    return counts


@transaction.atomic
def claim_link_confirm(*, link_id: int, user, note: str = "") -> ClaimLink:
    """A checker confirms a machine link or suggestion: it becomes a live link the machine keeps."""
    link = ClaimLink.objects.select_for_update().get(pk=link_id)
    before = {"status": link.status}
    link.status = ClaimLink.Status.CONFIRMED
    link.save(update_fields=["status", "updated_at"])
    event_record(
        verb="claim_link.confirmed",
        obj=link,
        actor=user,
        before=before,
        after={"status": link.status},
        note=note,
        claim=link.from_claim,
    )
    if link.relation in DISPUTING:
        _refresh_disputed({link.to_claim_id})
    return link


@transaction.atomic
def claim_link_reject(*, link_id: int, user, note: str = "") -> ClaimLink:
    """A checker rejects a link: it stays as a record so the machine does not propose it again."""
    link = ClaimLink.objects.select_for_update().get(pk=link_id)
    before = {"status": link.status}
    link.status = ClaimLink.Status.REJECTED
    link.save(update_fields=["status", "updated_at"])
    event_record(
        verb="claim_link.rejected",
        obj=link,
        actor=user,
        before=before,
        after={"status": link.status},
        note=note,
        claim=link.from_claim,
    )
    if link.relation in DISPUTING:
        _refresh_disputed({link.to_claim_id})
    return link


def claim_repeats(*, claim: Claim) -> list[Claim]:
    """The claim and every live same_as or corroborating report of it, directly linked."""
    links = ClaimLink.objects.filter(
        Q(from_claim=claim) | Q(to_claim=claim), relation__in=SYMMETRIC, status__in=LIVE
    ).values_list("from_claim_id", "to_claim_id")
    ids = {claim.pk} | {i for pair in links for i in pair}
    return list(Claim.objects.filter(pk__in=ids).select_related("document__outlet", "claimant", "claimant_body"))


def claim_independent_origins(*, claim: Claim) -> int:
    """How many independent origins report this claim (AP and Reuters quoting one ministry count once)."""
    return len({claim_facts(c).origin for c in claim_repeats(claim=claim)})


@transaction.atomic
def verified_claims_store(*, rows: list[tuple[str, str, str]], prefix: str) -> int:
    """Store already fact-checked claims (id, claim, headline) as documents with one published claim each.

    Bulk inserts; rows whose id is already stored are skipped, so loading the same file twice adds
    nothing. Returns how many were added.
    """
    wanted = {f"{prefix}:{key}": (key, claim, title) for key, claim, title in rows}
    present = set(Document.objects.filter(external_id__in=list(wanted)).values_list("external_id", flat=True))
    documents = []
    for external_id, (_key, claim, title) in wanted.items():
        if external_id in present:
            continue
        # The id in the text keeps two fact-checks of word-for-word the same claim distinct documents.
        document = Document(
            external_id=external_id,
            title=title[:500],
            text=f"{claim}\n\n({external_id})",
            channel=Document.Channel.CLI,
            status=Document.Status.DONE,
            processed_at=timezone.now(),
        )
        document.content_hash = content_hash(document.text)
        documents.append(document)
    Document.objects.bulk_create(documents, batch_size=2000)
    by_external = dict(
        Document.objects.filter(external_id__in=[d.external_id for d in documents]).values_list("external_id", "pk")
    )
    claims = [
        Claim(
            document_id=by_external[d.external_id],
            key="c1",
            sentence=wanted[d.external_id][1],
            sentence_start=0,
            sentence_end=max(1, len(wanted[d.external_id][1])),
            text=wanted[d.external_id][1],
            text_start=0,
            text_end=len(wanted[d.external_id][1]),
            kind=Claim.Kind.CLAIM,
            status=Claim.Status.PUBLISHED,
            origin=Origin.HUMAN,
        )
        for d in documents
    ]
    Claim.objects.bulk_create(claims, batch_size=2000)
    if documents:
        event_record(
            verb="verified_claims.stored",
            obj=Document.objects.get(pk=by_external[documents[0].external_id]),
            actor_label="matching",
            after={"added": len(documents), "prefix": prefix},
        )
    return len(documents)
