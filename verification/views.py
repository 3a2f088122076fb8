"""The fact-checker workspace: the queue, the claim page and the actions on them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from claims.models import Attribution, Claim, ClaimLink
from sources.models import Grade, Source

from . import services
from .flagging import claimant_grade_source
from .forms import HandOverForm, ReturnForm, VerdictForm
from .models import Event, Flag, ReviewItem, Verdict
from .roles import is_editor, is_fact_checker

QUEUE_PAGE_SIZE = 100
PASSAGE_CONTEXT_CHARS = 1200


def reviewer_required(view):
    """Logged-in fact-checkers, editors and admins only; anyone else logged in gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_fact_checker(request.user):
            raise PermissionDenied("The review queue is for fact-checkers and editors.")
        return view(request, *args, **kwargs)

    return wrapped


# The queue ----------------------------------------------------------------------------------------

VIEWS = {
    "open": ("All open", Q(state__in=services.OPEN_STATES)),
    "queued": ("Waiting", Q(state=ReviewItem.State.QUEUED)),
    "in_progress": ("In progress", Q(state=ReviewItem.State.IN_PROGRESS)),
    "awaiting_approval": ("Awaiting approval", Q(state=ReviewItem.State.AWAITING_APPROVAL)),
}


def _grade_q(grade: str) -> Q:
    # The claimant's grade, or the grade of the body it speaks for when the claimant has none.
    if grade == "none":
        return (Q(claim__claimant__isnull=True) | Q(claim__claimant__reliability_grade="")) & (
            Q(claim__claimant_body__isnull=True) | Q(claim__claimant_body__reliability_grade="")
        )
    return Q(claim__claimant__reliability_grade=grade) | (
        (Q(claim__claimant__isnull=True) | Q(claim__claimant__reliability_grade=""))
        & Q(claim__claimant_body__reliability_grade=grade)
    )


def _filters(request) -> dict[str, str]:
    keys = ("view", "reason", "grade", "disputed", "assignee", "overdue", "source")
    return {key: request.GET.get(key, "").strip() for key in keys if request.GET.get(key, "").strip()}


def _filter_q(key: str, value: str, user) -> Q:
    now = timezone.now()
    if key == "view":
        return VIEWS.get(value, VIEWS["open"])[1]
    if key == "reason" and value in Flag.Reason.values:
        return Q(claim__flags__reason=value)
    if key == "grade" and (value in Grade.values or value == "none"):
        return _grade_q(value)
    if key == "disputed" and value in ("yes", "no"):
        return Q(claim__disputed=(value == "yes"))
    if key == "assignee":
        if value == "me":
            return Q(assignee=user)
        if value == "none":
            return Q(assignee__isnull=True)
        return Q(assignee__username=value)
    if key == "overdue" and value == "yes":
        return Q(due_at__lt=now) | Q(escalated=True)
    if key == "source" and value.isdigit():
        return Q(claim__claimant_id=int(value)) | Q(claim__claimant_body_id=int(value))
    return Q()


def _queue_items(filters: dict[str, str], user, *, skip: str | None = None):
    items = ReviewItem.objects.all()
    if "view" not in filters or skip == "view":
        items = items.filter(VIEWS["open"][1])
    for key, value in filters.items():
        if key != skip:
            items = items.filter(_filter_q(key, value, user))
    return items.distinct()


def _facet(filters, user, key, options):
    """Each option of one filter with the number of items it would show, given the other filters."""
    base = _queue_items(filters, user, skip=key)
    rows = []
    for value, label in options:
        count = base.filter(_filter_q(key, value, user)).distinct().count() if value else base.count()
        query = {**filters, key: value} if value else {k: v for k, v in filters.items() if k != key}
        rows.append(
            {
                "value": value,
                "label": label,
                "count": count,
                "active": filters.get(key, "") == value,
                "href": "?" + urlencode(query) if query else "?",
            }
        )
    return rows


def _facets(filters, user) -> list[dict]:
    top_sources = (
        Source.objects.filter(claims__review_items__state__in=services.OPEN_STATES)
        .annotate(n=Count("claims__review_items", distinct=True))
        .order_by("-n", "name")[:8]
    )
    source_options = [("", "Any source")] + [(str(s.pk), s.name) for s in top_sources]
    if filters.get("source") and filters["source"] not in {v for v, _ in source_options}:
        chosen = Source.objects.filter(pk=filters["source"]).first() if filters["source"].isdigit() else None
        if chosen:
            source_options.append((str(chosen.pk), chosen.name))
    return [
        {
            "key": "view",
            "title": "State",
            "rows": _facet(
                filters, user, "view", [("", "All open")] + [(k, v[0]) for k, v in VIEWS.items() if k != "open"]
            ),
        },
        {
            "key": "assignee",
            "title": "Assignee",
            "rows": _facet(filters, user, "assignee", [("", "Anyone"), ("me", "Me"), ("none", "Unassigned")]),
        },
        {
            "key": "reason",
            "title": "Reason",
            "rows": _facet(filters, user, "reason", [("", "Any reason")] + list(Flag.Reason.choices)),
        },
        {
            "key": "grade",
            "title": "Claimant grade",
            "rows": _facet(
                filters, user, "grade", [("", "Any grade")] + [(g, g) for g in Grade.values] + [("none", "Not graded")]
            ),
        },
        {
            "key": "disputed",
            "title": "Disputed",
            "rows": _facet(filters, user, "disputed", [("", "Either"), ("yes", "Disputed"), ("no", "Not disputed")]),
        },
        {
            "key": "overdue",
            "title": "Deadline",
            "rows": _facet(filters, user, "overdue", [("", "Any"), ("yes", "Overdue")]),
        },
        {"key": "source", "title": "Source", "rows": _facet(filters, user, "source", source_options)},
    ]


@reviewer_required
def queue(request):
    """The review queue, highest priority first, with filters and their counts."""
    filters = _filters(request)
    items = (
        _queue_items(filters, request.user)
        .select_related(
            "claim__document__outlet", "claim__claimant__parent", "claim__claimant_body__parent", "assignee"
        )
        .prefetch_related(Prefetch("claim__flags", queryset=Flag.objects.order_by("reason")))
        .order_by("-escalated", "-priority", "created_at", "id")
    )
    total = items.count()
    rows = list(items[:QUEUE_PAGE_SIZE])
    for item in rows:
        item.grade_source, item.grade = claimant_grade_source(item.claim)
        item.overdue = bool(item.due_at and item.due_at < timezone.now())
        item.reasons = sorted({f.get_reason_display() for f in item.claim.flags.all()})
    context = {
        "items": rows,
        "total": total,
        "shown": len(rows),
        "filters": filters,
        "facets": _facets(filters, request.user),
        "mine": ReviewItem.objects.filter(state=ReviewItem.State.IN_PROGRESS, assignee=request.user).count(),
        "is_editor": is_editor(request.user),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "verification/_queue_panel.html" if partial else "verification/queue.html"
    return render(request, template, context)


@require_POST
@reviewer_required
def take_next(request):
    """Lease the top item to the checker and open its claim."""
    item = services.review_item_take_next(user=request.user)
    if item is None:
        messages.info(request, "The queue is empty: nothing to take.")
        return redirect("review:queue")
    return redirect("review:claim", claim_id=item.claim_id)


# The claim page -----------------------------------------------------------------------------------


@dataclass
class Segment:
    text: str
    classes: str = ""
    title: str = ""


def passage_segments(text: str, *, start: int, end: int, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut text[start:end] into runs, each with the classes of the spans (claim sentence, cues) covering it.

    The template prints each run escaped: marking the passage never builds HTML from document text.
    """
    cuts = {start, end}
    for span_start, span_end, _, _ in spans:
        cuts.update(p for p in (span_start, span_end) if start < p < end)
    points = sorted(cuts)
    segments = []
    for left, right in zip(points, points[1:], strict=False):
        covering = [(cls, title) for s, e, cls, title in spans if s <= left and right <= e]
        classes = " ".join(dict.fromkeys(cls for cls, _ in covering))
        title = "; ".join(t for _, t in covering if t)
        segments.append(Segment(text[left:right], classes, title))
    return segments


def _passage_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) around a span, at most PASSAGE_CONTEXT_CHARS either side."""
    left = max(text.rfind("\n\n", 0, start), start - PASSAGE_CONTEXT_CHARS, 0)
    if left > 0 and text[left : left + 2] == "\n\n":
        left += 2
    right_break = text.find("\n\n", end)
    right = min(right_break if right_break >= 0 else len(text), end + PASSAGE_CONTEXT_CHARS, len(text))
    return left, right


def claim_passage(claim: Claim, flags=()) -> dict:
    """The claim's sentence in its paragraph, with the sentence and every cue marked."""
    text = claim.document.text
    spans = [(claim.sentence_start, claim.sentence_end, "claim-sentence", "the claim")]
    lo, hi = claim.sentence_start, claim.sentence_end
    for flag in flags:
        if flag.cue_start is not None and flag.cue_end is not None and flag.cue_end <= len(text):
            spans.append((flag.cue_start, flag.cue_end, "cue", flag.get_reason_display()))
            if abs(flag.cue_start - claim.sentence_start) < PASSAGE_CONTEXT_CHARS * 2:
                lo, hi = min(lo, flag.cue_start), max(hi, flag.cue_end)
    start, end = _passage_window(text, lo, hi)
    return {
        "segments": passage_segments(text, start=start, end=end, spans=spans),
        "cut_before": start > 0,
        "cut_after": end < len(text),
    }


def _chain(claim: Claim) -> list[dict]:
    chain = []
    for attribution in claim.attributions.all():
        source = attribution.source
        chain.append(
            {
                "role": attribution.get_role_display(),
                "name": attribution.name,
                "source": source,
                "grade": source.reliability_grade if source else "",
            }
        )
    return chain


def _links(claim: Claim) -> list[dict]:
    rows = []
    related = ("from_claim__document", "to_claim__document", "from_claim__claimant", "to_claim__claimant")
    outgoing = ClaimLink.objects.filter(from_claim=claim).select_related(*related)
    incoming = ClaimLink.objects.filter(to_claim=claim).select_related(*related)
    for link in list(incoming) + list(outgoing):
        other = link.from_claim if link.to_claim_id == claim.pk else link.to_claim
        if link.to_claim_id == claim.pk:
            sentence = f"{other.claimant_name or 'The outlet'} {link.get_relation_display()} this claim"
        else:
            sentence = f"This claim {link.get_relation_display()} {other.claimant_name or 'the outlet'}"
        rows.append(
            {
                "link": link,
                "other": other,
                "summary": sentence,
                "same_document": other.document_id == claim.document_id,
                "passage": claim_passage(other),
            }
        )
    order = {"denies": 0, "counters": 1, "corroborates": 2, "same_as": 3}
    rows.sort(key=lambda r: (order.get(r["link"].relation, 9), -r["link"].confidence))
    return rows


def _claim_context(request, claim: Claim, *, verdict_form=None, return_form=None) -> dict:
    user = request.user
    flags = list(claim.flags.all())
    item = claim.review_items.filter(state__in=services.OPEN_STATES).select_related("assignee").first()
    verdicts = list(claim.verdicts.select_related("reviewer", "approver").order_by("-created_at", "-id"))
    pending = next((v for v in verdicts if v.state == Verdict.State.SUBMITTED), None)
    links = _links(claim)
    holds = bool(item and item.state == ReviewItem.State.IN_PROGRESS and item.assignee_id == user.pk)
    if holds and verdict_form is None:
        returned = next(
            (v for v in verdicts if v.state == Verdict.State.RETURNED and v.review_item_id == item.pk), None
        )
        initial = {}
        if returned is not None:
            initial = {
                "rating": returned.rating,
                "credibility": returned.credibility,
                "rationale": returned.rationale,
                "evidence_links": "\n".join(returned.evidence_links),
            }
        verdict_form = VerdictForm(
            initial=initial, links=[r["link"] for r in links], attributions=list(claim.attributions.all())
        )
    can_approve = bool(pending and is_editor(user) and pending.reviewer_id != user.pk)
    grade_source, grade = claimant_grade_source(claim)
    return {
        "claim": claim,
        "document": claim.document,
        "passage": claim_passage(claim, flags),
        "chain": _chain(claim),
        "grade_source": grade_source,
        "grade": grade,
        "flags": flags,
        "links": links,
        "item": item,
        "holds": holds,
        "lease_expired": bool(item and item.lease_expires_at and item.lease_expires_at < timezone.now()),
        "verdicts": verdicts,
        "pending": pending,
        "published": next((v for v in verdicts if v.state == Verdict.State.PUBLISHED), None),
        "previous_check": claim.previous_check,
        "past_verdicts": [v for v in verdicts if v is not pending],
        "verdict_form": verdict_form if holds else None,
        "can_approve": can_approve,
        "return_form": return_form or (ReturnForm() if can_approve else None),
        "hand_over_form": HandOverForm(exclude_user=item.assignee if item and item.assignee_id else None)
        if item and item.state in (ReviewItem.State.QUEUED, ReviewItem.State.IN_PROGRESS)
        else None,
        "events": _history(claim),
        "is_editor": is_editor(user),
    }


def _history(claim: Claim) -> list[Event]:
    """The claim's audit trail, oldest first, each event with a one-line summary of what changed."""
    events = list(Event.objects.filter(claim=claim).select_related("actor").order_by("created_at", "id"))
    for event in events:
        after = event.after if isinstance(event.after, dict) else {}
        parts = [
            f"{key} {', '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in after.items()
            if value not in (None, "", [], {})
        ]
        event.summary = ", ".join(str(part) for part in parts)[:200]
    return events


def _claim_for_page(claim_id: int) -> Claim:
    return get_object_or_404(
        Claim.objects.select_related("document__outlet", "claimant__parent", "claimant_body__parent").prefetch_related(
            Prefetch("attributions", queryset=Attribution.objects.select_related("source"))
        ),
        pk=claim_id,
    )


@reviewer_required
def claim_detail(request, claim_id: int):
    """One claim in its passage, with its chain, links, flags, verdicts, history and the verdict form."""
    claim = _claim_for_page(claim_id)
    return render(request, "verification/claim.html", _claim_context(request, claim))


def _item_action(request, item_id: int, action, success: str):
    item = get_object_or_404(ReviewItem, pk=item_id)
    try:
        action(item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("review:claim", claim_id=item.claim_id)


@require_POST
@reviewer_required
def item_take(request, item_id: int):
    """Take a chosen item."""
    return _item_action(
        request, item_id, lambda item: services.review_item_take(item=item, user=request.user), "The item is yours."
    )


@require_POST
@reviewer_required
def item_release(request, item_id: int):
    """Put an item back in the queue."""
    item = get_object_or_404(ReviewItem, pk=item_id)
    try:
        services.review_item_release(item=item, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("review:claim", claim_id=item.claim_id)
    messages.success(request, "Released: the item is back in the queue.")
    return redirect("review:queue")


@require_POST
@reviewer_required
def item_hand_over(request, item_id: int):
    """Give an item to a colleague."""
    item = get_object_or_404(ReviewItem.objects.select_related("assignee"), pk=item_id)
    form = HandOverForm(request.POST, exclude_user=item.assignee)
    if not form.is_valid():
        messages.error(request, "Choose a colleague to hand the item to.")
        return redirect("review:claim", claim_id=item.claim_id)
    to_user = form.cleaned_data["to_user"]
    return _item_action(
        request,
        item_id,
        lambda item: services.review_item_hand_over(item=item, user=request.user, to_user=to_user),
        f"Handed over to {to_user.get_username()}.",
    )


@require_POST
@reviewer_required
def item_renew(request, item_id: int):
    """Renew the lease while the checker works (htmx polls this from the claim page)."""
    item = get_object_or_404(ReviewItem, pk=item_id)
    try:
        item = services.review_item_renew_lease(item=item, user=request.user)
    except PermissionDenied:
        return HttpResponse('<span class="error">You no longer hold this item.</span>')
    expires = timezone.localtime(item.lease_expires_at).strftime("%H:%M")
    return HttpResponse(f"Leased to you until {expires} UTC")


@require_POST
@reviewer_required
def claim_reopen(request, claim_id: int):
    """Queue a reviewed claim again for a correction."""
    claim = get_object_or_404(Claim, pk=claim_id)
    try:
        services.review_item_reopen(claim=claim, user=request.user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Back in the queue for a correction.")
    return redirect("review:claim", claim_id=claim.pk)


@require_POST
@reviewer_required
def verdict_create(request, item_id: int):
    """Record the checker's verdict on the item they hold."""
    item = get_object_or_404(ReviewItem, pk=item_id)
    claim = _claim_for_page(item.claim_id)
    links = list(ClaimLink.objects.filter(Q(from_claim=claim) | Q(to_claim=claim)))
    form = VerdictForm(request.POST, links=links, attributions=list(claim.attributions.all()))
    if form.is_valid():
        try:
            services.verdict_submit(
                item=item,
                user=request.user,
                rating=form.cleaned_data["rating"],
                credibility=form.cleaned_data["credibility"],
                rationale=form.cleaned_data["rationale"],
                evidence_links=form.evidence_list(),
                link_decisions=form.link_decisions(),
                attribution_decisions=form.attribution_decisions(),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Verdict recorded; it waits for an editor's approval.")
            url = reverse("review:claim", args=[claim.pk])
            if request.htmx:
                return HttpResponse(status=204, headers={"HX-Redirect": url})
            return redirect(url)
    context = _claim_context(request, claim, verdict_form=form)
    if request.htmx:
        return render(request, "verification/_verdict_form.html", context)
    return render(request, "verification/claim.html", context, status=400)


@require_POST
@reviewer_required
def verdict_approve(request, verdict_id: int):
    """An editor publishes a verdict."""
    verdict = get_object_or_404(Verdict, pk=verdict_id)
    try:
        services.verdict_approve(verdict=verdict, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Published.")
    return redirect("review:claim", claim_id=verdict.claim_id)


@require_POST
@reviewer_required
def verdict_send_back(request, verdict_id: int):
    """An editor returns a verdict to its checker with a comment."""
    verdict = get_object_or_404(Verdict, pk=verdict_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        claim = _claim_for_page(verdict.claim_id)
        return render(request, "verification/claim.html", _claim_context(request, claim, return_form=form), status=400)
    try:
        services.verdict_return(verdict=verdict, user=request.user, comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Returned to the checker.")
    return redirect("review:claim", claim_id=verdict.claim_id)
