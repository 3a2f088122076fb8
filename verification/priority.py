"""How urgent a review item is: one documented formula, with the reasons kept beside the number.

The queue is worked from the highest priority down. An item's priority is the sum of five terms,
each stored in ``ReviewItem.priority_reasons`` as ``{"code", "label", "points"}`` so a checker can
see why an item sits where it does:

    priority = flags + grade + disputed + reach + age

flags
    Points per distinct flag reason that the text itself gives: 15 for a claim marked unverified,
    15 for one made without evidence, 20 for a single-source claim of casualties or attacks.
    (Disputed, low-grade and ungraded flags are scored by their own terms below, not twice.)
grade
    The claimant's reliability grade on the Admiralty scale (the claimant, else the body it
    speaks for, else a parent body; the outlet when the outlet itself makes the claim):
    A 0, B 2, C 5, D 12, E 16, F (cannot be judged) 8, no grade 6.
disputed
    25 when at least one live denial or counter-claim points at the claim, plus 5 for each
    further one, up to 3 more (a contested claim spreads faster and does more harm).
reach
    4 points for each further outlet that carries the same claim (linked as same-as or
    corroborating from another document), up to 5 outlets: 0 for a claim seen once, 20 at most.
age
    Fresh news first: up to 10 points for a document published (or ingested) in the last
    48 hours, falling linearly to 0. Waiting in the queue earns 1 point per 6 hours, up to 10,
    so an old item is not starved by a stream of new ones. The periodic queue task recomputes it.

A claim that is disputed by two claims, marked unverified, made by a source graded E, carried by
two outlets and published an hour ago scores 30 + 15 + 16 + 4 + 9.8 = 74.8.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

FLAG_POINTS = {
    "unverified": 15.0,
    "no_evidence": 15.0,
    "single_source_casualties": 20.0,
}
GRADE_POINTS = {"A": 0.0, "B": 2.0, "C": 5.0, "D": 12.0, "E": 16.0, "F": 8.0, "": 6.0}
DISPUTED_POINTS = 25.0
EXTRA_DISPUTE_POINTS = 5.0
EXTRA_DISPUTES_COUNTED = 3
OUTLET_POINTS = 4.0
OUTLETS_COUNTED = 5
FRESH_POINTS = 10.0
FRESH_HOURS = 48.0
WAITING_POINTS_PER_6_HOURS = 1.0
WAITING_POINTS_MAX = 10.0

FLAG_LABELS = {
    "unverified": "Marked unverified in the text",
    "no_evidence": "Made without evidence",
    "single_source_casualties": "Single-source claim of casualties or attacks",
}


@dataclass(frozen=True)
class PriorityInputs:
    """What the formula reads about one claim; gathered by the caller, so the formula stays pure."""

    flag_reasons: frozenset[str]
    grade: str  # "A".."F", or "" when no grade applies
    has_grade_source: bool  # False when the claimant is not in the registry at all
    denials: int  # live denies/counters links pointing at the claim
    outlets: int  # documents carrying the claim, this one included
    news_time: datetime  # when the document was published, else ingested
    queued_since: datetime | None = None


def priority_compute(inputs: PriorityInputs, *, now: datetime) -> tuple[float, list[dict]]:
    """The priority of a claim's review item and the reasons for it, largest first."""
    reasons: list[dict] = []

    def add(code: str, label: str, points: float) -> None:
        if points:
            reasons.append({"code": code, "label": label, "points": round(points, 1)})

    for reason in sorted(inputs.flag_reasons):
        if reason in FLAG_POINTS:
            add(f"flag.{reason}", FLAG_LABELS[reason], FLAG_POINTS[reason])

    grade = inputs.grade if inputs.grade in GRADE_POINTS else ""
    if grade:
        add("grade", f"Claimant graded {grade}", GRADE_POINTS[grade])
    elif inputs.has_grade_source:
        add("grade", "Claimant not graded", GRADE_POINTS[""])
    else:
        add("grade", "Claimant not in the source registry", GRADE_POINTS[""])

    if inputs.denials > 0:
        extra = min(inputs.denials - 1, EXTRA_DISPUTES_COUNTED)
        label = "Disputed by 1 claim" if inputs.denials == 1 else f"Disputed by {inputs.denials} claims"
        add("disputed", label, DISPUTED_POINTS + EXTRA_DISPUTE_POINTS * extra)

    further_outlets = min(max(inputs.outlets - 1, 0), OUTLETS_COUNTED)
    if further_outlets:
        add("reach", f"Carried by {inputs.outlets} outlets", OUTLET_POINTS * further_outlets)

    age_hours = max((now - inputs.news_time).total_seconds() / 3600, 0.0)
    fresh = FRESH_POINTS * max(0.0, 1 - age_hours / FRESH_HOURS)
    if fresh >= 0.05:
        add("fresh", f"News from {_hours(age_hours)} ago", fresh)
    if inputs.queued_since is not None:
        waited = max((now - inputs.queued_since).total_seconds() / 3600, 0.0)
        waiting = min(WAITING_POINTS_PER_6_HOURS * waited / 6, WAITING_POINTS_MAX)
        if waiting >= 0.05:
            add("waiting", f"Waiting {_hours(waited)} in the queue", waiting)

    reasons.sort(key=lambda r: -r["points"])
    return round(sum(r["points"] for r in reasons), 1), reasons


def _hours(hours: float) -> str:
    if hours < 1:
        return "under an hour"
    if hours < 48:
        return f"{int(hours)} h"
    return f"{int(hours // 24)} days"
