"""The sources dashboard: track records, grades against measured accuracy, suggestions. Admins and editors only."""

from __future__ import annotations

from datetime import date
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from verification.roles import is_editor

from . import charts
from .models import Source
from .track_record import CARRIER, CLAIMANT, dashboard_overview, source_profile

ROLE_LABELS = {CLAIMANT: "As claimant", CARRIER: "As carrier"}


def editors_only(view):
    """Logged-in admins and editors; anyone else gets 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied("The sources dashboard is for admins and editors.")
        return view(request, *args, **kwargs)

    return wrapped


def _interval_rows(entries) -> list[charts.IntervalRow]:
    return [
        charts.IntervalRow(
            label=label,
            key=key,
            mean=record["accuracy"]["mean"],
            low=record["accuracy"]["low"],
            high=record["accuracy"]["high"],
            successes=record["successes"],
            failures=record["failures"],
        )
        for label, key, record in entries
    ]


@editors_only
def dashboard(request):
    overview = dashboard_overview()
    points = []
    for entry in overview["sources"]:
        record = entry["records"].get(entry["grading_role"])
        if record and record["successes"] + record["failures"]:
            points.append(
                charts.GradePoint(
                    slug=entry["slug"],
                    name=entry["name"],
                    grade=entry["grade"],
                    suggested_grade=entry["suggested_grade"],
                    mean=record["accuracy"]["mean"],
                    low=record["accuracy"]["low"],
                    high=record["accuracy"]["high"],
                    scored=record["successes"] + record["failures"],
                    needs_review=entry["needs_review"],
                )
            )
    suggested = (
        Source.objects.filter(status=Source.Status.SUGGESTED)
        .annotate(mention_count=Count("mentions"))
        .prefetch_related("mentions")
        .order_by("-mention_count", "name")[:10]
    )
    return render(
        request,
        "sources/dashboard.html",
        {
            "overview": overview,
            "grade_chart": charts.grade_vs_accuracy(points, title="Admin grade against measured accuracy"),
            "suggested": suggested,
            "rating_labels": charts.RATING_LABELS,
        },
    )


@editors_only
def dashboard_data(request):
    return JsonResponse(dashboard_overview())


def _source(slug: str) -> Source:
    return get_object_or_404(Source.objects.exclude(status=Source.Status.MERGED), slug=slug)


@editors_only
def source_detail(request, slug: str):
    source = _source(slug)
    profile = source_profile(source)
    today = timezone.localdate()
    changes = [
        charts.GradeChange(
            when=date.fromisoformat(h["date"]),
            grade=h["grade_to"],
            topic=h["topic"],
            reason=h["reason"],
            changed_by=h["changed_by"],
        )
        for h in profile["grade_history"]
    ]
    records = [
        (ROLE_LABELS[role], role, profile["records"][role])
        for role in (CLAIMANT, CARRIER)
        if role in profile["records"]
    ]
    return render(
        request,
        "sources/source_detail.html",
        {
            "source": source,
            "profile": profile,
            "records": records,
            "ratings": charts.RATING_LABELS,
            "over_time_chart": charts.claims_over_time(
                [(p["period"], p["counts"]) for p in profile["claims_over_time"]],
                title=f"{source.name}: rated claims by month and verdict",
            ),
            "accuracy_chart": charts.accuracy_intervals(
                _interval_rows(records), title=f"{source.name}: accuracy with its 90% interval"
            ),
            "timeline_chart": charts.grade_timeline(
                changes, today=max([today, *(c.when for c in changes)]), title=f"{source.name}: grade history"
            ),
        },
    )


@editors_only
def source_data(request, slug: str):
    return JsonResponse(source_profile(_source(slug)))
