"""Writes for the review queue: flagging, taking work, verdicts and their approval.

Every function here runs in one transaction and writes an audit Event for each state change;
webhooks and follow-up tasks are deferred to commit. Forbidden actions raise PermissionDenied,
bad input raises ValidationError.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from psycopg.types.json import Jsonb

from claims.models import Attribution, Claim, ClaimLink

from . import flagging
from .audit import event_record
from .models import Event, Flag, ReviewItem, Verdict, Webhook
from .priority import PriorityInputs, priority_compute
from .roles import is_editor, is_fact_checker

OPEN_STATES = [str(state) for state in ReviewItem.OPEN_STATES]


def lease_duration() -> timedelta:
    """How long a taken item stays with its checker without a renewal."""
    return timedelta(minutes=getattr(settings, "CLAIMTRACK_REVIEW_LEASE_MINUTES", 30))


def review_due_after() -> timedelta:
    """How long a flagged claim may wait before its item is overdue and escalated."""
    return timedelta(hours=getattr(settings, "CLAIMTRACK_REVIEW_DUE_HOURS", 24))


def _webhook(event_type: str, payload: dict) -> None:
    from .webhooks import webhooks_enqueue

    webhooks_enqueue(event_type=event_type, payload=payload)


def _item_state(item: ReviewItem) -> dict:
    return {
        "state": item.state,
        "assignee": item.assignee.get_username() if item.assignee_id else None,
        "lease_expires_at": item.lease_expires_at.isoformat() if item.lease_expires_at else None,
    }


def _set_claim_status(claim_id: int, status: str, *, unless_published: bool = True) -> None:
    # A published claim keeps its public status while a correction is under way.
    claims = Claim.objects.filter(pk=claim_id)
    if unless_published:
        claims = claims.exclude(status=Claim.Status.PUBLISHED)
    claims.update(status=status, updated_at=timezone.now())


# Flagging ---------------------------------------------------------------------------------------


def claim_priority(
    *,
    claim: Claim,
    flag_reasons: set[str],
    queued_since: datetime | None,
    now: datetime,
    denials: int | None = None,
    outlets: int | None = None,
):
    """The priority and its reasons for a claim with the given flags (see verification.priority).

    `denials` and `outlets` are read from the database unless the caller counted them already.
    """
    source, grade = flagging.claimant_grade_source(claim)
    inputs = PriorityInputs(
        flag_reasons=frozenset(flag_reasons),
        grade=grade,
        has_grade_source=source is not None,
        denials=flagging.denials_count(claim) if denials is None else denials,
        outlets=flagging.outlets_count(claim) if outlets is None else outlets,
        news_time=claim.document.published_at or claim.document.created_at,
        queued_since=queued_since,
    )
    return priority_compute(inputs, now=now)


def _denials_and_outlets(claims: list[Claim]) -> dict[int, tuple[int, int]]:
    """flagging.denials_count and flagging.outlets_count of many claims, in two queries for all of them."""
    ids = [claim.pk for claim in claims]
    denials = Counter(
        ClaimLink.objects.filter(
            to_claim_id__in=ids, relation__in=flagging.DISPUTING_RELATIONS, status__in=flagging.LIVE_LINK_STATUSES
        ).values_list("to_claim_id", flat=True)
    )
    documents = {claim.pk: {claim.document_id} for claim in claims}
    carrying = (
        ClaimLink.objects.filter(relation__in=flagging.CARRYING_RELATIONS, status__in=flagging.LIVE_LINK_STATUSES)
        .filter(Q(from_claim_id__in=ids) | Q(to_claim_id__in=ids))
        .values_list("from_claim_id", "to_claim_id", "from_claim__document_id", "to_claim__document_id")
    )
    for from_id, to_id, from_document, to_document in carrying:
        for claim_id in {from_id, to_id} & documents.keys():
            documents[claim_id].update((from_document, to_document))
    return {claim.pk: (denials[claim.pk], len(documents[claim.pk])) for claim in claims}


def _flagging_event(*, verb: str, obj, claim: Claim, before=None, after=None, note: str = "") -> Event:
    # The row event_record writes for the flagging task, built here so a document's events go in one INSERT.
    return Event(
        actor_label="flagging",
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        claim_id=claim.pk,
        before=before,
        after=after,
        note=note,
    )


def _claims_to_flag() -> QuerySet:
    # FOR NO KEY UPDATE: it serialises flaggers, upkeep and updates of the claim as FOR UPDATE did, but
    # lets other transactions insert rows that point at the claim (links, flags, events) without waiting.
    return Claim.objects.select_related(
        "document__outlet", "claimant__parent", "claimant_body__parent"
    ).select_for_update(of=("self",), no_key=True)


def _claims_flag(claims: list[Claim]) -> dict[int, list[Flag]]:
    """Flag claims the caller has locked: what claim_flag does to one claim, with bulk reads and writes.

    The rules and the queue decisions are the same claim by claim; the claims' flags, open items,
    review history and link counts are read in a few queries for all of them, and the new flags,
    items and audit events are written with one INSERT each, in the order one claim at a time would.
    """
    now = timezone.now()
    ids = [claim.pk for claim in claims]
    existing: dict[int, dict[tuple[str, str], Flag]] = defaultdict(dict)
    for flag in Flag.objects.filter(claim_id__in=ids):
        existing[flag.claim_id][(flag.reason, flag.rule)] = flag

    added: dict[int, list[Flag]] = {}
    stale: dict[int, list[Flag]] = {}
    flags: dict[int, list[Flag]] = {}
    newly_disputed: set[int] = set()
    found = flagging.flags_find_many(claims)
    for claim in claims:
        findings = {(f.reason, f.rule): f for f in found[claim.pk]}
        own = existing[claim.pk]
        added[claim.pk] = [
            Flag(
                claim=claim,
                reason=finding.reason,
                rule=finding.rule,
                cue_text=finding.cue_text,
                cue_start=finding.cue_start,
                cue_end=finding.cue_end,
            )
            for key, finding in findings.items()
            if key not in own
        ]
        # A rule that no longer holds (a denial rejected, a grade raised) takes its flag away.
        stale[claim.pk] = [f for key, f in own.items() if f.rule in flagging.MACHINE_RULES and key not in findings]
        flags[claim.pk] = [f for f in own.values() if f not in stale[claim.pk]] + added[claim.pk]
        if any(f.reason == Flag.Reason.DISPUTED for f in added[claim.pk]) and not claim.disputed:
            newly_disputed.add(claim.pk)
    Flag.objects.bulk_create([flag for rows in added.values() for flag in rows])
    gone = [flag.pk for rows in stale.values() for flag in rows]
    if gone:
        Flag.objects.filter(pk__in=gone).delete()
    if newly_disputed:
        Claim.objects.filter(pk__in=newly_disputed).update(disputed=True, updated_at=now)
        for claim in claims:
            if claim.pk in newly_disputed:
                claim.disputed = True

    flagged = [claim for claim in claims if flags[claim.pk]]
    open_items = {
        item.claim_id: item
        for item in ReviewItem.objects.filter(claim_id__in=[c.pk for c in flagged], state__in=OPEN_STATES)
    }
    unqueued = [claim.pk for claim in flagged if claim.pk not in open_items]
    last_reviews = dict(
        ReviewItem.objects.filter(claim_id__in=unqueued, state=ReviewItem.State.DONE)
        .values("claim_id")
        .annotate(last=Max("closed_at"))
        .values_list("claim_id", "last")
    )
    # Which claims get a fresh item (with the note that says why), which have a queued one to re-score.
    to_queue: dict[int, str] = {}
    for claim in flagged:
        if claim.pk in open_items:
            continue
        last_review = last_reviews.get(claim.pk)
        note = ""
        if last_review is not None or claim.status == Claim.Status.PUBLISHED:
            since = last_review or claim.updated_at
            new_denial = (
                ClaimLink.objects.filter(
                    to_claim=claim,
                    relation__in=flagging.DISPUTING_RELATIONS,
                    status__in=flagging.LIVE_LINK_STATUSES,
                    created_at__gt=since,
                )
                .select_related("from_claim")
                .order_by("-created_at")
                .first()
            )
            if new_denial is None:
                continue
            who = new_denial.from_claim.claimant_name or "another source"
            note = f"Reopened: {who} {new_denial.get_relation_display()} this claim after it was reviewed."
        to_queue[claim.pk] = note
    queued = [c for c in flagged if c.pk in open_items and open_items[c.pk].state == ReviewItem.State.QUEUED]
    counts = _denials_and_outlets([c for c in flagged if c.pk in to_queue] + queued)

    def priority_of(claim: Claim, queued_since: datetime) -> tuple[float, list[dict]]:
        denials, outlets = counts[claim.pk]
        reasons = {f.reason for f in flags[claim.pk]}
        return claim_priority(
            claim=claim, flag_reasons=reasons, queued_since=queued_since, now=now, denials=denials, outlets=outlets
        )

    if queued:
        # Taking an item locks it and then the claim; this holds the claim, so it skips an item being
        # taken rather than wait for it (the two would deadlock). The upkeep task catches up.
        unlocked = set(
            ReviewItem.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[open_items[c.pk].pk for c in queued], state=ReviewItem.State.QUEUED)
            .values_list("pk", flat=True)
        )
        rescored = []
        for claim in queued:
            item = open_items[claim.pk]
            priority, why = priority_of(claim, item.created_at)
            if item.pk in unlocked and (priority != item.priority or why != item.priority_reasons):
                item.priority, item.priority_reasons, item.updated_at = priority, why, now
                rescored.append(item)
        ReviewItem.objects.bulk_update(rescored, ["priority", "priority_reasons", "updated_at"])

    new_items: dict[int, ReviewItem] = {}
    for claim in flagged:
        if claim.pk in to_queue:
            priority, why = priority_of(claim, now)
            new_items[claim.pk] = ReviewItem(
                claim=claim,
                priority=priority,
                priority_reasons=why,
                due_at=now + review_due_after(),
                note=to_queue[claim.pk],
            )
    ReviewItem.objects.bulk_create(new_items.values())
    unreviewed = [c.pk for c in flagged if c.pk in new_items and c.status == Claim.Status.UNREVIEWED]
    if unreviewed:
        # A published claim keeps its public status while a correction is under way.
        Claim.objects.filter(pk__in=unreviewed).exclude(status=Claim.Status.PUBLISHED).update(
            status=Claim.Status.FLAGGED, updated_at=now
        )

    events = []
    for claim in claims:
        for flag in stale[claim.pk]:
            events.append(
                _flagging_event(
                    verb="flag.removed", obj=claim, claim=claim, before={"reason": flag.reason, "rule": flag.rule}
                )
            )
        for flag in added[claim.pk]:
            after = {"reason": flag.reason, "rule": flag.rule, "cue": flag.cue_text[:200]}
            events.append(_flagging_event(verb="flag.added", obj=claim, claim=claim, after=after))
        item = new_items.get(claim.pk)
        if item is not None:
            reasons = sorted({f.reason for f in flags[claim.pk]})
            events.append(
                _flagging_event(
                    verb="review_item.reopened" if item.note else "review_item.created",
                    obj=item,
                    claim=claim,
                    after={"state": item.state, "priority": item.priority, "reasons": reasons},
                    note=item.note,
                )
            )
    if events:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("flagging writes its audit events inside the transaction that flags")
        Event.objects.bulk_create(events)

    # Most desks subscribe no hook at all: one query for the document instead of one per claim.
    if (newly_disputed or new_items) and Webhook.objects.filter(active=True, paused_at__isnull=True).exists():
        _webhooks_flagging(claims, newly_disputed=newly_disputed, new_items=new_items, flags=flags)
    return flags


def _webhooks_flagging(claims, *, newly_disputed: set[int], new_items: dict, flags: dict) -> None:
    """Tell subscribers which claims became disputed and which were queued, claim by claim."""
    for claim in claims:
        if claim.pk in newly_disputed:
            _webhook("claim.disputed", {"claim_id": claim.pk, "document_id": claim.document_id})
        item = new_items.get(claim.pk)
        if item is not None:
            _webhook(
                "claim.flagged",
                {
                    "claim_id": claim.pk,
                    "document_id": claim.document_id,
                    "reasons": sorted({f.reason for f in flags[claim.pk]}),
                    "priority": item.priority,
                    "reopened": bool(item.note),
                },
            )


@transaction.atomic
def claim_flag(*, claim: Claim) -> list[Flag]:
    """Run the flag rules on a claim, store what they find once, and queue the claim for review.

    Safe to run any number of times. A claim already reviewed is queued again only when a denial
    or counter-claim arrived after its review closed.
    """
    # The row lock serialises two flaggers of one claim (a document task and the periodic upkeep).
    claim = _claims_to_flag().get(pk=claim.pk)
    return _claims_flag([claim])[claim.pk]


@transaction.atomic
def document_flag_claims(*, document_id: int) -> int:
    """Flag every claim of a document and the claims its denials point at; the number of flags."""
    own = Claim.objects.filter(document_id=document_id).values("pk")
    # A denial in this document disputes claims elsewhere: those claims are flagged too.
    targets = ClaimLink.objects.filter(
        from_claim__document_id=document_id, relation__in=flagging.DISPUTING_RELATIONS
    ).values("to_claim_id")
    # One statement locks every claim in id order, so two flaggers of overlapping claims queue behind
    # each other instead of deadlocking; one transaction for the document instead of one per claim.
    claims = list(_claims_to_flag().filter(Q(pk__in=own) | Q(pk__in=targets)).order_by("pk"))
    flags = _claims_flag(claims)
    return sum(len(rows) for rows in flags.values())


# Taking work -----------------------------------------------------------------------------------


def _require_checker(user) -> None:
    if not is_fact_checker(user):
        raise PermissionDenied("Only fact-checkers and editors work the review queue.")


def _lock(item: ReviewItem) -> ReviewItem:
    return ReviewItem.objects.select_for_update(of=("self",)).select_related("claim", "assignee").get(pk=item.pk)


def _assign(item: ReviewItem, *, user, verb: str, actor, note: str = "") -> ReviewItem:
    before = _item_state(item)
    item.state = ReviewItem.State.IN_PROGRESS
    item.assignee = user
    item.lease_expires_at = timezone.now() + lease_duration()
    item.save(update_fields=["state", "assignee", "lease_expires_at", "updated_at"])
    _set_claim_status(item.claim_id, Claim.Status.IN_REVIEW)
    event_record(verb=verb, obj=item, actor=actor, claim=item.claim, before=before, after=_item_state(item), note=note)
    return item


# One statement leases the next item, marks its claim in review and writes the audit event: takes
# come in bursts from a dozen checkers at once, and a single statement is one round trip and one
# transaction on its own (or part of the caller's), with no row lock held while Python runs.
_TAKE_NEXT_SQL = """
WITH next_item AS (
    SELECT id FROM verification_reviewitem
    WHERE state = %(queued)s
    ORDER BY priority DESC, created_at, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
), taken AS (
    UPDATE verification_reviewitem AS item
    SET state = %(in_progress)s, assignee_id = %(user)s, lease_expires_at = %(lease)s, updated_at = %(now)s
    FROM next_item
    WHERE item.id = next_item.id AND item.state = %(queued)s
    RETURNING {columns}
), claim_status AS (
    UPDATE claims_claim SET status = %(in_review)s, updated_at = %(now)s
    WHERE id = (SELECT claim_id FROM taken) AND status <> %(published)s
), audit AS (
    INSERT INTO verification_event
        (actor_id, actor_label, verb, object_type, object_id, claim_id, before, after, note, created_at)
    SELECT %(user)s, %(username)s, %(verb)s, %(object_type)s, taken.id::text, taken.claim_id,
           %(before)s, %(after)s, %(note)s, %(now)s
    FROM taken
)
SELECT taken.*, set_config('synchronous_commit', 'off', true) FROM taken
""".format(columns=", ".join(f"item.{field.column}" for field in ReviewItem._meta.concrete_fields))
_QUEUED_STATE = {"state": ReviewItem.State.QUEUED.value, "assignee": None, "lease_expires_at": None}


def _take_next_postgres(user) -> ReviewItem | None:
    fields = ReviewItem._meta.concrete_fields
    now = timezone.now()
    lease = now + lease_duration()
    # The audit row is written in the statement, so its "after" is the state the lease will have.
    after = _item_state(ReviewItem(state=ReviewItem.State.IN_PROGRESS, assignee=user, lease_expires_at=lease))
    params = {
        "queued": ReviewItem.State.QUEUED.value,
        "in_progress": ReviewItem.State.IN_PROGRESS.value,
        "in_review": Claim.Status.IN_REVIEW.value,
        "published": Claim.Status.PUBLISHED.value,
        "user": user.pk,
        "username": user.get_username(),
        "verb": "review_item.taken",
        "object_type": ReviewItem._meta.label_lower,
        "before": Jsonb(_QUEUED_STATE),
        "after": Jsonb(after),
        "note": "take next",
        "lease": lease,
        "now": now,
    }
    # set_config: a lease need not wait for its WAL flush. Should PostgreSQL crash in the few hundred
    # milliseconds before the flush, the take and its audit event vanish together and the item is
    # simply queued again. Verdicts and approvals keep the synchronous commit.
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(_TAKE_NEXT_SQL, params)
        row = cursor.fetchone()
    if row is None:
        return None
    item = ReviewItem.from_db(ReviewItem.objects.db, [field.attname for field in fields], row[: len(fields)])
    item.assignee = user
    return item


def _take_next_portable(user) -> ReviewItem | None:
    # Without row locks (the SQLite quickstart), the state test in the UPDATE keeps one item from
    # being handed out twice.
    while True:
        item = (
            ReviewItem.objects.filter(state=ReviewItem.State.QUEUED).order_by("-priority", "created_at", "id").first()
        )
        if item is None:
            return None
        lease = timezone.now() + lease_duration()
        taken = ReviewItem.objects.filter(pk=item.pk, state=ReviewItem.State.QUEUED).update(
            state=ReviewItem.State.IN_PROGRESS, assignee=user, lease_expires_at=lease, updated_at=timezone.now()
        )
        if taken:
            item.refresh_from_db()
            item.assignee = user
            _set_claim_status(item.claim_id, Claim.Status.IN_REVIEW)
            event_record(
                verb="review_item.taken",
                obj=item,
                actor=user,
                claim_id=item.claim_id,
                before=_QUEUED_STATE,
                after=_item_state(item),
                note="take next",
            )
            return item


def review_item_take_next(*, user) -> ReviewItem | None:
    """Lease the highest-priority queued item to a checker; None when the queue is empty."""
    _require_checker(user)
    # SKIP LOCKED: concurrent takers each lock a different row instead of queueing behind one,
    # so no item is handed out twice and nobody waits.
    if transaction.get_connection().vendor == "postgresql":
        return _take_next_postgres(user)
    with transaction.atomic():
        return _take_next_portable(user)


@transaction.atomic
def review_item_take(*, item: ReviewItem, user) -> ReviewItem:
    """Lease a chosen item to a checker: a queued one, or one whose lease has run out."""
    _require_checker(user)
    item = _lock(item)
    now = timezone.now()
    if item.state == ReviewItem.State.IN_PROGRESS and item.assignee_id == user.pk:
        return _renew(item, user=user)
    if item.state == ReviewItem.State.IN_PROGRESS and item.lease_expires_at and item.lease_expires_at > now:
        raise ValidationError(f"{item.assignee.get_username()} is working on this item.")
    if item.state not in (ReviewItem.State.QUEUED, ReviewItem.State.IN_PROGRESS):
        raise ValidationError(f"This item is {item.get_state_display().lower()}; it cannot be taken.")
    return _assign(item, user=user, verb="review_item.taken", actor=user)


@transaction.atomic
def review_item_release(*, item: ReviewItem, user) -> ReviewItem:
    """Put an item back in the queue; its checker or an editor may."""
    _require_checker(user)
    item = _lock(item)
    if item.state != ReviewItem.State.IN_PROGRESS:
        raise ValidationError("Only an item in progress can be released.")
    if item.assignee_id != user.pk and not is_editor(user):
        raise PermissionDenied("Only the checker working on it, or an editor, can release this item.")
    return _requeue(item, verb="review_item.released", actor=user)


def _requeue(item: ReviewItem, *, verb: str, actor=None, actor_label: str = "") -> ReviewItem:
    """Put a locked item back in the queue, unassigned, and audit why."""
    before = _item_state(item)
    item.state = ReviewItem.State.QUEUED
    item.assignee = None
    item.lease_expires_at = None
    item.save(update_fields=["state", "assignee", "lease_expires_at", "updated_at"])
    _set_claim_status(item.claim_id, Claim.Status.FLAGGED)
    event_record(
        verb=verb,
        obj=item,
        actor=actor,
        actor_label=actor_label,
        claim=item.claim,
        before=before,
        after=_item_state(item),
    )
    return item


@transaction.atomic
def review_item_hand_over(*, item: ReviewItem, user, to_user) -> ReviewItem:
    """Give an item to a colleague; its checker or an editor may."""
    _require_checker(user)
    item = _lock(item)
    if not is_fact_checker(to_user):
        raise ValidationError(f"{to_user.get_username()} is not a fact-checker.")
    if item.state not in (ReviewItem.State.QUEUED, ReviewItem.State.IN_PROGRESS):
        raise ValidationError("Only a queued item or one in progress can be handed over.")
    if item.state == ReviewItem.State.IN_PROGRESS and item.assignee_id != user.pk and not is_editor(user):
        raise PermissionDenied("Only the checker working on it, or an editor, can hand this item over.")
    if item.assignee_id == to_user.pk:
        raise ValidationError(f"{to_user.get_username()} already has this item.")
    return _assign(item, user=to_user, verb="review_item.handed_over", actor=user, note=f"to {to_user.get_username()}")


def _renew(item: ReviewItem, *, user) -> ReviewItem:
    before = item.lease_expires_at
    item.lease_expires_at = timezone.now() + lease_duration()
    item.save(update_fields=["lease_expires_at", "updated_at"])
    event_record(
        verb="review_item.lease_renewed",
        obj=item,
        actor=user,
        claim=item.claim,
        before={"lease_expires_at": before.isoformat() if before else None},
        after={"lease_expires_at": item.lease_expires_at.isoformat()},
    )
    return item


@transaction.atomic
def review_item_renew_lease(*, item: ReviewItem, user) -> ReviewItem:
    """Keep an item while its checker works on it."""
    _require_checker(user)
    item = _lock(item)
    if item.state != ReviewItem.State.IN_PROGRESS or item.assignee_id != user.pk:
        raise PermissionDenied("Only the checker working on an item can renew its lease.")
    return _renew(item, user=user)


# Verdicts --------------------------------------------------------------------------------------


def _clean_evidence_links(links) -> list[str]:
    if isinstance(links, str):
        links = links.split()
    validate = URLValidator(schemes=["http", "https"])
    cleaned = []
    for link in links or []:
        link = str(link).strip()
        if not link:
            continue
        try:
            validate(link)
        except ValidationError:
            raise ValidationError({"evidence_links": f"Not an http(s) link: {link[:200]}"}) from None
        if link not in cleaned:
            cleaned.append(link)
    return cleaned


def verdict_validate(*, rating: str, credibility, rationale: str, evidence_links) -> tuple[str, int, str, list[str]]:
    """The verdict's fields as they will be stored, or a ValidationError naming each bad field."""
    errors = {}
    if rating not in Claim.Rating.values:
        errors["rating"] = f"Choose one of: {', '.join(Claim.Rating.values)}."
    try:
        credibility = int(credibility)
        if not 1 <= credibility <= 6:
            raise ValueError
    except (TypeError, ValueError):
        errors["credibility"] = "Credibility is a number from 1 (confirmed) to 6 (cannot be judged)."
    rationale = (rationale or "").strip()
    if not rationale:
        errors["rationale"] = "Say why: the rationale is published with the verdict."
    try:
        links = _clean_evidence_links(evidence_links)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        links = []
    if not links and rating != Claim.Rating.UNVERIFIABLE and "evidence_links" not in errors:
        errors["evidence_links"] = "Give at least one evidence link for any rating other than unverifiable."
    if errors:
        raise ValidationError(errors)
    return rating, credibility, rationale, links


def _apply_link_decisions(*, claim: Claim, user, decisions: dict) -> None:
    for link_id, decision in (decisions or {}).items():
        if decision not in (ClaimLink.Status.CONFIRMED, ClaimLink.Status.REJECTED):
            raise ValidationError({"link_decisions": f"A link is confirmed or rejected, not {decision!r}."})
        link = ClaimLink.objects.select_for_update().filter(Q(from_claim=claim) | Q(to_claim=claim), pk=link_id).first()
        if link is None:
            raise ValidationError({"link_decisions": f"Link {link_id} is not a link of this claim."})
        if link.status == decision:
            continue
        before = link.status
        link.status = decision
        link.save(update_fields=["status", "updated_at"])
        event_record(
            verb=f"claim_link.{decision}",
            obj=link,
            actor=user,
            claim=claim,
            before={"status": before},
            after={"status": decision, "relation": link.relation},
        )
    if decisions:
        # A rejected denial no longer disputes the claim.
        still_disputed = ClaimLink.objects.filter(
            to_claim=claim, relation__in=flagging.DISPUTING_RELATIONS, status__in=flagging.LIVE_LINK_STATUSES
        ).exists()
        if still_disputed != claim.disputed:
            Claim.objects.filter(pk=claim.pk).update(disputed=still_disputed, updated_at=timezone.now())


def _apply_attribution_decisions(*, claim: Claim, user, decisions: dict) -> None:
    # Attributions carry no status of their own: confirming one is recorded in the audit trail, and
    # rejecting one removes the registry source the machine matched to that name (the name stays).
    for attribution_id, decision in (decisions or {}).items():
        if decision not in ("confirmed", "rejected"):
            raise ValidationError(
                {"attribution_decisions": f"An attribution is confirmed or rejected, not {decision!r}."}
            )
        attribution = (
            Attribution.objects.select_for_update(of=("self",))
            .select_related("source")
            .filter(claim=claim, pk=attribution_id)
            .first()
        )
        if attribution is None:
            raise ValidationError(
                {"attribution_decisions": f"Attribution {attribution_id} is not in this claim's chain."}
            )
        before = {"name": attribution.name, "role": attribution.role, "source": attribution.source_id}
        if decision == "rejected" and attribution.source_id is not None:
            source_id = attribution.source_id
            attribution.source = None
            attribution.save(update_fields=["source"])
            if attribution.role == Attribution.Role.CLAIMANT and claim.claimant_id == source_id:
                Claim.objects.filter(pk=claim.pk).update(claimant=None, updated_at=timezone.now())
            if attribution.role == Attribution.Role.BODY and claim.claimant_body_id == source_id:
                Claim.objects.filter(pk=claim.pk).update(claimant_body=None, updated_at=timezone.now())
        event_record(
            verb=f"attribution.{decision}",
            obj=attribution,
            actor=user,
            claim=claim,
            before=before,
            after={"source": attribution.source_id},
        )


@transaction.atomic
def verdict_submit(
    *,
    item: ReviewItem,
    user,
    rating: str,
    credibility: int,
    rationale: str,
    evidence_links: list[str],
    link_decisions: dict | None = None,
    attribution_decisions: dict | None = None,
) -> Verdict:
    """Record a checker's verdict on the claim of an item they hold; it waits for an editor's approval."""
    _require_checker(user)
    item = _lock(item)
    if item.state != ReviewItem.State.IN_PROGRESS:
        raise ValidationError("Take the item before recording a verdict.")
    if item.assignee_id != user.pk:
        raise PermissionDenied("Only the checker holding this item can record its verdict.")
    rating, credibility, rationale, links = verdict_validate(
        rating=rating, credibility=credibility, rationale=rationale, evidence_links=evidence_links
    )
    claim = item.claim
    _apply_link_decisions(claim=claim, user=user, decisions=link_decisions or {})
    _apply_attribution_decisions(claim=claim, user=user, decisions=attribution_decisions or {})
    published = claim.verdicts.filter(state=Verdict.State.PUBLISHED).first()
    verdict = Verdict.objects.create(
        claim=claim,
        review_item=item,
        rating=rating,
        credibility=credibility,
        rationale=rationale,
        evidence_links=links,
        reviewer=user,
        supersedes=published,
    )
    before = _item_state(item)
    item.state = ReviewItem.State.AWAITING_APPROVAL
    item.lease_expires_at = None
    item.save(update_fields=["state", "lease_expires_at", "updated_at"])
    _set_claim_status(claim.pk, Claim.Status.AWAITING_APPROVAL)
    event_record(
        verb="verdict.submitted",
        obj=verdict,
        actor=user,
        claim=claim,
        after={
            "rating": rating,
            "credibility": credibility,
            "evidence_links": links,
            "corrects": published and published.pk,
        },
    )
    event_record(
        verb="review_item.submitted", obj=item, actor=user, claim=claim, before=before, after=_item_state(item)
    )
    _webhook(
        "verdict.submitted",
        {"verdict_id": verdict.pk, "claim_id": claim.pk, "rating": rating, "credibility": credibility},
    )
    return verdict


def _lock_verdict(verdict: Verdict) -> Verdict:
    return (
        Verdict.objects.select_for_update(of=("self",))
        .select_related("claim", "review_item", "reviewer")
        .get(pk=verdict.pk)
    )


@transaction.atomic
def verdict_approve(*, verdict: Verdict, user) -> Verdict:
    """Publish a submitted verdict: an editor other than its author approves it; a correction supersedes."""
    from sources.tasks import track_record_update

    if not is_editor(user):
        raise PermissionDenied("Only editors approve verdicts.")
    verdict = _lock_verdict(verdict)
    if verdict.reviewer_id == user.pk:
        raise PermissionDenied("A verdict needs a second reviewer: its author cannot approve it.")
    if verdict.state != Verdict.State.SUBMITTED:
        raise ValidationError(
            f"This verdict is {verdict.get_state_display().lower()}; only a submitted one is approved."
        )
    claim = Claim.objects.select_for_update().get(pk=verdict.claim_id)
    now = timezone.now()
    # The old verdict steps aside first: the database allows one published verdict per claim.
    for old in Verdict.objects.select_for_update().filter(claim=claim, state=Verdict.State.PUBLISHED):
        old.state = Verdict.State.SUPERSEDED
        old.save(update_fields=["state"])
        event_record(
            verb="verdict.superseded",
            obj=old,
            actor=user,
            claim=claim,
            before={"state": "published"},
            after={"state": "superseded", "by": verdict.pk},
        )
    verdict.state = Verdict.State.PUBLISHED
    verdict.approver = user
    verdict.published_at = now
    verdict.save(update_fields=["state", "approver", "published_at"])
    before = {"status": claim.status, "rating": claim.rating}
    claim.status = Claim.Status.PUBLISHED
    claim.rating = verdict.rating
    claim.save(update_fields=["status", "rating", "updated_at"])
    event_record(
        verb="verdict.published",
        obj=verdict,
        actor=user,
        claim=claim,
        before={"state": "submitted"},
        after={"state": "published", "rating": verdict.rating, "credibility": verdict.credibility},
    )
    event_record(
        verb="claim.published",
        obj=claim,
        actor=user,
        before=before,
        after={"status": "published", "rating": claim.rating},
    )
    item = verdict.review_item
    if item is not None and item.state in OPEN_STATES:
        item = _lock(item)
        before_item = _item_state(item)
        item.state = ReviewItem.State.DONE
        item.closed_at = now
        item.lease_expires_at = None
        item.save(update_fields=["state", "closed_at", "lease_expires_at", "updated_at"])
        event_record(
            verb="review_item.done", obj=item, actor=user, claim=claim, before=before_item, after=_item_state(item)
        )
    track_record_update.delay_on_commit(claim.pk)
    _webhook(
        "verdict.published",
        {
            "verdict_id": verdict.pk,
            "claim_id": claim.pk,
            "rating": verdict.rating,
            "credibility": verdict.credibility,
            "supersedes": verdict.supersedes_id,
        },
    )
    return verdict


@transaction.atomic
def verdict_return(*, verdict: Verdict, user, comment: str) -> Verdict:
    """Send a submitted verdict back to its checker with a comment; the item is theirs again."""
    if not is_editor(user):
        raise PermissionDenied("Only editors return verdicts.")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Say what needs changing."})
    verdict = _lock_verdict(verdict)
    if verdict.state != Verdict.State.SUBMITTED:
        raise ValidationError(
            f"This verdict is {verdict.get_state_display().lower()}; only a submitted one is returned."
        )
    verdict.state = Verdict.State.RETURNED
    verdict.return_comment = comment
    verdict.save(update_fields=["state", "return_comment"])
    event_record(
        verb="verdict.returned",
        obj=verdict,
        actor=user,
        claim=verdict.claim,
        before={"state": "submitted"},
        after={"state": "returned"},
        note=comment,
    )
    item = verdict.review_item
    if item is not None and item.state == ReviewItem.State.AWAITING_APPROVAL:
        item = _lock(item)
        _assign(item, user=verdict.reviewer, verb="review_item.returned", actor=user, note=comment)
    _webhook("verdict.returned", {"verdict_id": verdict.pk, "claim_id": verdict.claim_id, "comment": comment})
    return verdict


@transaction.atomic
def review_item_reopen(*, claim: Claim, user, note: str) -> ReviewItem:
    """Queue a reviewed claim again for a correction; the published verdict stands until one supersedes it."""
    _require_checker(user)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say why the verdict needs a correction."})
    claim = Claim.objects.select_for_update().select_related("document").get(pk=claim.pk)
    if claim.review_items.filter(state__in=OPEN_STATES).exists():
        raise ValidationError("This claim is already in the review queue.")
    now = timezone.now()
    reasons = set(claim.flags.values_list("reason", flat=True))
    priority, why = claim_priority(claim=claim, flag_reasons=reasons, queued_since=now, now=now)
    item = ReviewItem.objects.create(
        claim=claim,
        priority=priority,
        priority_reasons=why,
        due_at=now + review_due_after(),
        note=f"Correction requested by {user.get_username()}: {note}"[:2000],
    )
    event_record(
        verb="review_item.reopened",
        obj=item,
        actor=user,
        claim=claim,
        after={"state": item.state, "priority": priority},
        note=note,
    )
    if claim.status == Claim.Status.UNREVIEWED:
        _set_claim_status(claim.pk, Claim.Status.FLAGGED)
    return item


# Queue upkeep (the periodic task) --------------------------------------------------------------


UPKEEP_BATCH = 1000


def _upkeep_lock(item_id: int, claim_id: int, **conditions) -> ReviewItem | None:
    """Lock one item for upkeep, claim first, or None when it no longer qualifies or a person holds it.

    Flagging and reopening lock a claim and then its item; upkeep takes the same order, and skips an
    item someone is working on instead of waiting for it, so it can deadlock with neither. One short
    transaction per item keeps checkers from waiting behind a whole batch.
    """
    Claim.objects.select_for_update().filter(pk=claim_id).values_list("pk", flat=True).first()
    return (
        ReviewItem.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("claim", "assignee")
        .filter(pk=item_id, **conditions)
        .first()
    )


def review_items_release_expired(*, now: datetime | None = None) -> int:
    """Put items whose lease ran out back in the queue."""
    now = now or timezone.now()
    conditions = {"state": ReviewItem.State.IN_PROGRESS, "lease_expires_at__lt": now}
    expired = ReviewItem.objects.filter(**conditions).values_list("pk", "claim_id")[:UPKEEP_BATCH]
    count = 0
    for item_id, claim_id in list(expired):
        with transaction.atomic():
            item = _upkeep_lock(item_id, claim_id, **conditions)
            if item is None:
                continue
            _requeue(item, verb="review_item.lease_expired", actor_label="queue upkeep")
            count += 1
    return count


def review_items_escalate_overdue(*, now: datetime | None = None) -> int:
    """Mark open items past their due date as escalated, so editors see them first."""
    now = now or timezone.now()
    conditions = {"state__in": OPEN_STATES, "due_at__lt": now, "escalated": False}
    overdue = ReviewItem.objects.filter(**conditions).values_list("pk", "claim_id")[:UPKEEP_BATCH]
    count = 0
    for item_id, claim_id in list(overdue):
        with transaction.atomic():
            item = _upkeep_lock(item_id, claim_id, **conditions)
            if item is None:
                continue
            item.escalated = True
            item.save(update_fields=["escalated", "updated_at"])
            event_record(
                verb="review_item.escalated",
                obj=item,
                actor_label="queue upkeep",
                claim=item.claim,
                before={"escalated": False},
                after={"escalated": True, "due_at": item.due_at.isoformat()},
            )
            count += 1
    return count


def claims_reopen_on_new_denial() -> int:
    """Queue again the reviewed claims that a denial or counter-claim reached after their review."""
    last_closed = (
        ReviewItem.objects.filter(claim=OuterRef("to_claim"), state=ReviewItem.State.DONE)
        .order_by("-closed_at")
        .values("closed_at")[:1]
    )
    candidates = (
        ClaimLink.objects.filter(relation__in=flagging.DISPUTING_RELATIONS, status__in=flagging.LIVE_LINK_STATUSES)
        .annotate(reviewed_at=Subquery(last_closed))
        .filter(reviewed_at__isnull=False, created_at__gt=F("reviewed_at"))
        .exclude(to_claim__review_items__state__in=OPEN_STATES)
        .values_list("to_claim_id", flat=True)
        .distinct()
    )
    reopened = 0
    for claim in Claim.objects.filter(pk__in=list(candidates)):
        before = claim.review_items.filter(state__in=OPEN_STATES).exists()
        claim_flag(claim=claim)
        if not before and claim.review_items.filter(state__in=OPEN_STATES).exists():
            reopened += 1
    return reopened


def claims_flag_unqueued_disputes() -> int:
    """Flag claims that a denial reached after their documents were flagged (cross-document links)."""
    pending = (
        Claim.objects.filter(
            links_in__relation__in=flagging.DISPUTING_RELATIONS,
            links_in__status__in=flagging.LIVE_LINK_STATUSES,
        )
        .exclude(flags__rule="link.disputed")
        .distinct()
    )
    count = 0
    for claim in pending[:500]:
        claim_flag(claim=claim)
        count += 1
    return count


REPRIORITISE_AFTER = timedelta(minutes=15)
REPRIORITISE_BATCH = 500


def review_items_reprioritise(*, now: datetime | None = None) -> int:
    """Recompute the priority of queued items not refreshed for a while (age and waiting time move on)."""
    now = now or timezone.now()
    # A bounded batch of the stalest items per run keeps each run short on a large queue.
    stale = (
        ReviewItem.objects.filter(state=ReviewItem.State.QUEUED, updated_at__lt=now - REPRIORITISE_AFTER)
        .select_related("claim__document__outlet", "claim__claimant__parent", "claim__claimant_body__parent")
        .order_by("updated_at")[:REPRIORITISE_BATCH]
    )
    count = 0
    for item in stale:
        reasons = set(item.claim.flags.values_list("reason", flat=True))
        priority, why = claim_priority(claim=item.claim, flag_reasons=reasons, queued_since=item.created_at, now=now)
        ReviewItem.objects.filter(pk=item.pk, state=ReviewItem.State.QUEUED).update(
            priority=priority, priority_reasons=why, updated_at=now
        )
        count += 1
    return count


def review_queue_maintain() -> dict[str, int]:
    """The periodic upkeep: expired leases, overdue items, late denials, fresh priorities."""
    return {
        "released": review_items_release_expired(),
        "escalated": review_items_escalate_overdue(),
        "disputes_flagged": claims_flag_unqueued_disputes(),
        "reopened": claims_reopen_on_new_denial(),
        "reprioritised": review_items_reprioritise(),
    }
