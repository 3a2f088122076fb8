"""A source's track record: what its published verdicts say about how often it is right.

The first half is plain arithmetic with no Django import: the Beta posterior of a source's accuracy,
its equal-tailed 90% interval (the regularized incomplete beta function by its continued fraction,
inverted by bisection), and the grade the record suggests. The second half reads claims and verdicts
and says which outcome each claim contributes to which source; sources.services stores them.

Accuracy is a Beta-binomial model: each published verdict rated true or mostly true is a success,
false or mostly false a failure; mixed and unverifiable are counted but not scored. With a uniform
Beta(1, 1) prior, 2 right out of 2 gives a posterior mean of 0.75 with a 90% interval of about
0.37 to 0.98, not "100% reliable".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Verdict ratings, in the order the dashboard draws them.
RATINGS = ("true", "mostly_true", "mixed", "mostly_false", "false", "unverifiable")
ACCURATE = frozenset({"true", "mostly_true"})
INACCURATE = frozenset({"false", "mostly_false"})

PRIOR_ALPHA = 1.0
PRIOR_BETA = 1.0
INTERVAL = 0.90

# The suggested grade is "F: cannot be judged" until the 90% interval is narrower than this.
MAX_JUDGEABLE_WIDTH = 0.5
# Lowest posterior mean for each grade, best first; below the last one the suggestion is E.
GRADE_FLOORS = (("A", 0.90), ("B", 0.75), ("C", 0.55), ("D", 0.35))
GRADES = "ABCDEF"
# Where the admin's grade and the suggestion are this many letters apart, the grade needs a look.
REVIEW_DISTANCE = 2

# Denial outcomes.
UPHELD = "upheld"
REFUTED = "refuted"

# A source's roles on a claim, counted separately.
CLAIMANT = "claimant"
CARRIER = "carrier"


# --- the Beta distribution -------------------------------------------------------------------


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b), by the modified Lentz method (Numerical Recipes, 6.4)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            return h
    raise ArithmeticError(f"incomplete beta did not converge for a={a}, b={b}, x={x}")


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularized incomplete beta function I_x(a, b): P(X <= x) for X ~ Beta(a, b)."""
    if a <= 0 or b <= 0:
        raise ValueError("Beta parameters must be positive")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(log_front)
    # The fraction converges fast only below the mean; above it, use I_x(a, b) = 1 - I_{1-x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def beta_ppf(p: float, a: float, b: float) -> float:
    """The p-quantile of Beta(a, b), by bisection on the CDF (which is monotone, so bisection cannot miss)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must lie in [0, 1]")
    if p == 0.0:
        return 0.0
    if p == 1.0:
        return 1.0
    low, high = 0.0, 1.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if beta_cdf(mid, a, b) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-13:
            break
    return (low + high) / 2.0


@dataclass(frozen=True)
class Accuracy:
    """The posterior of a source's accuracy: Beta(alpha, beta), its mean and 90% interval."""

    successes: int
    failures: int
    alpha: float
    beta: float
    mean: float
    low: float
    high: float

    @property
    def trials(self) -> int:
        return self.successes + self.failures

    @property
    def width(self) -> float:
        return self.high - self.low


def accuracy_posterior(successes: int, failures: int, *, interval: float = INTERVAL) -> Accuracy:
    """The Beta posterior of accuracy after `successes` right and `failures` wrong, from a uniform prior."""
    if successes < 0 or failures < 0:
        raise ValueError("counts cannot be negative")
    alpha = PRIOR_ALPHA + successes
    beta = PRIOR_BETA + failures
    tail = (1.0 - interval) / 2.0
    return Accuracy(
        successes=successes,
        failures=failures,
        alpha=alpha,
        beta=beta,
        mean=alpha / (alpha + beta),
        low=beta_ppf(tail, alpha, beta),
        high=beta_ppf(1.0 - tail, alpha, beta),
    )


def accuracy_from_counts(counts: Mapping[str, int]) -> Accuracy:
    """The posterior from counts by verdict rating."""
    successes = sum(counts.get(r, 0) for r in ACCURATE)
    failures = sum(counts.get(r, 0) for r in INACCURATE)
    return accuracy_posterior(successes, failures)


def suggested_grade(accuracy: Accuracy) -> str:
    """The Admiralty grade the record supports; F while the interval is too wide to judge."""
    if accuracy.width > MAX_JUDGEABLE_WIDTH:
        return "F"
    for grade, floor in GRADE_FLOORS:
        if accuracy.mean >= floor:
            return grade
    return "E"


def grade_distance(first: str, second: str) -> int | None:
    """How many letters apart two grades are; None when either is missing."""
    if not first or not second or first not in GRADES or second not in GRADES:
        return None
    return abs(GRADES.index(first) - GRADES.index(second))


def grade_needs_review(admin_grade: str, suggestion: str) -> bool:
    """True when the record can judge and puts the source two or more letters from its grade."""
    if suggestion in ("", "F"):
        return False
    distance = grade_distance(admin_grade, suggestion)
    return distance is not None and distance >= REVIEW_DISTANCE


def denial_outcome(own_rating: str, denied_ratings: Iterable[str]) -> str:
    """Whether a denial stood: by its own verdict if it has one, else by the verdicts on what it denied."""
    if own_rating in ACCURATE:
        return UPHELD
    if own_rating in INACCURATE:
        return REFUTED
    if own_rating:
        return ""
    outcomes = set()
    for rating in denied_ratings:
        if rating in INACCURATE:
            outcomes.add(UPHELD)
        elif rating in ACCURATE:
            outcomes.add(REFUTED)
    # Two denied claims that went opposite ways leave the denial undecided.
    return outcomes.pop() if len(outcomes) == 1 else ""


# --- what each claim contributes ------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one claim says about one source in one role."""

    source_id: int
    claim_id: int
    role: str
    rating: str
    denial_outcome: str
    claimed_at: object  # datetime
    verdict_published_at: object  # datetime | None

    def key(self) -> tuple[int, int, str]:
        return (self.source_id, self.claim_id, self.role)

    def values(self) -> tuple:
        return (self.rating, self.denial_outcome, self.claimed_at, self.verdict_published_at)


CLAIMANT_CHAIN_ROLES = frozenset({"claimant", "body"})


def claim_outcomes(claim_ids: Iterable[int], *, batch: int = 2000) -> list[Outcome]:
    """The outcomes the given claims contribute now, from their published verdicts and denial links."""
    ids = sorted(set(claim_ids))
    outcomes: list[Outcome] = []
    for start in range(0, len(ids), batch):
        outcomes.extend(_claim_outcomes(ids[start : start + batch]))
    return outcomes


def _claim_outcomes(claim_ids: list[int]) -> list[Outcome]:
    from claims.models import Attribution, Claim, ClaimLink
    from verification.models import Verdict

    if not claim_ids:
        return []
    claims = list(
        Claim.objects.filter(pk__in=claim_ids)
        .select_related("document")
        .only(
            "id",
            "kind",
            "claimant_id",
            "claimant_body_id",
            "created_at",
            "document__outlet_id",
            "document__published_at",
        )
    )
    denial_ids = [c.pk for c in claims if c.kind == Claim.Kind.DENIAL]
    denied_by: dict[int, list[int]] = {}
    for from_id, to_id in (
        ClaimLink.objects.filter(from_claim_id__in=denial_ids, relation=ClaimLink.Relation.DENIES)
        .exclude(status=ClaimLink.Status.REJECTED)
        .values_list("from_claim_id", "to_claim_id")
    ):
        denied_by.setdefault(from_id, []).append(to_id)
    rated_ids = set(claim_ids) | {t for targets in denied_by.values() for t in targets}
    verdicts = {
        v["claim_id"]: v
        for v in Verdict.objects.filter(claim_id__in=rated_ids, state=Verdict.State.PUBLISHED).values(
            "claim_id", "rating", "published_at"
        )
    }
    carriers: dict[int, set[int]] = {}
    for claim_id, source_id in (
        Attribution.objects.filter(claim_id__in=claim_ids, source__isnull=False)
        .exclude(role__in=CLAIMANT_CHAIN_ROLES)
        .values_list("claim_id", "source_id")
    ):
        carriers.setdefault(claim_id, set()).add(source_id)

    outcomes = []
    for claim in claims:
        verdict = verdicts.get(claim.pk)
        rating = verdict["rating"] if verdict else ""
        published_at = verdict["published_at"] if verdict else None
        denial = ""
        if claim.kind == Claim.Kind.DENIAL:
            denied = [verdicts[t]["rating"] for t in denied_by.get(claim.pk, []) if t in verdicts]
            denial = denial_outcome(rating, denied)
            if denial and not published_at:
                published_at = max(
                    verdicts[t]["published_at"] or claim.created_at for t in denied_by[claim.pk] if t in verdicts
                )
        claimed_at = claim.document.published_at or claim.created_at
        claimant_ids = {s for s in (claim.claimant_id, claim.claimant_body_id) if s}
        carrier_ids = set(carriers.get(claim.pk, ()))
        if claim.document.outlet_id:
            carrier_ids.add(claim.document.outlet_id)
        carrier_ids -= claimant_ids
        for source_id in sorted(claimant_ids):
            if rating or denial:
                outcomes.append(Outcome(source_id, claim.pk, CLAIMANT, rating, denial, claimed_at, published_at))
        # A carrier did not issue the denial; what it carried is scored only by the claim's own verdict.
        if rating:
            for source_id in sorted(carrier_ids):
                outcomes.append(Outcome(source_id, claim.pk, CARRIER, rating, "", claimed_at, published_at))
    return outcomes


def claims_touched_by(claim_id: int) -> set[int]:
    """The claims whose outcomes can change when this claim's verdict changes: it and the denials of it."""
    from claims.models import ClaimLink

    denials = ClaimLink.objects.filter(to_claim_id=claim_id, relation=ClaimLink.Relation.DENIES).values_list(
        "from_claim_id", flat=True
    )
    return {claim_id, *denials}


@dataclass(frozen=True)
class RecordFigures:
    """The aggregate of one source's outcomes in one role, as stored in SourceTrackRecord."""

    counts: dict
    claims_rated: int
    denials_upheld: int
    denials_refuted: int
    accuracy: Accuracy
    suggested_grade: str


def record_figures(rows: Iterable[tuple[str, str]]) -> RecordFigures:
    """Aggregate (rating, denial_outcome) pairs into counts, the accuracy posterior and a suggestion."""
    counts = dict.fromkeys(RATINGS, 0)
    upheld = refuted = 0
    for rating, denial in rows:
        if rating:
            counts[rating] = counts.get(rating, 0) + 1
        if denial == UPHELD:
            upheld += 1
        elif denial == REFUTED:
            refuted += 1
    accuracy = accuracy_from_counts(counts)
    return RecordFigures(
        counts=counts,
        claims_rated=sum(counts.values()),
        denials_upheld=upheld,
        denials_refuted=refuted,
        accuracy=accuracy,
        suggested_grade=suggested_grade(accuracy),
    )


# Sources that mostly pass on what others say are judged on what they carried; the rest on what they said.
CARRIER_KINDS = frozenset({"news_agency", "news_outlet", "platform"})


def grading_role(kind: str) -> str:
    """Which of a source's two records its suggested grade comes from."""
    return CARRIER if kind in CARRIER_KINDS else CLAIMANT


@dataclass(frozen=True)
class GradeReview:
    """A source whose admin grade and track record disagree."""

    source: object  # Source
    grade: str
    suggested_grade: str
    record: object  # SourceTrackRecord

    @property
    def distance(self) -> int:
        return grade_distance(self.grade, self.suggested_grade) or 0


def grade_review_list() -> list[GradeReview]:
    """Active, graded sources whose record puts them two or more letters from their grade, largest gap first."""
    from .models import Source, SourceTrackRecord

    rows = []
    records = SourceTrackRecord.objects.select_related("source").filter(
        source__status=Source.Status.ACTIVE, source__reliability_grade__in=list(GRADES)
    )
    for record in records:
        source = record.source
        if record.role != grading_role(source.kind):
            continue
        if grade_needs_review(source.reliability_grade, record.suggested_grade):
            rows.append(GradeReview(source, source.reliability_grade, record.suggested_grade, record))
    return sorted(rows, key=lambda r: (-r.distance, r.source.name))


# --- what the dashboard reads ----------------------------------------------------------------


def _record_dict(record) -> dict:
    return {
        "role": record.role,
        "claims_rated": record.claims_rated,
        "counts": {r: record.counts.get(r, 0) for r in RATINGS},
        "successes": record.successes,
        "failures": record.failures,
        "accuracy": {
            "mean": round(record.accuracy_mean, 4),
            "low": round(record.accuracy_low, 4),
            "high": round(record.accuracy_high, 4),
        },
        "denials_upheld": record.denials_upheld,
        "denials_refuted": record.denials_refuted,
        "suggested_grade": record.suggested_grade,
    }


def dashboard_overview() -> dict:
    """Every active source with a track record: grade, suggestion, both records; plus the review list."""
    from .models import Source, SourceTrackRecord

    by_source: dict[int, dict] = {}
    for record in SourceTrackRecord.objects.for_dashboard().order_by("source__name", "role"):
        source = record.source
        entry = by_source.setdefault(
            source.pk,
            {
                "slug": source.slug,
                "name": source.name,
                "kind": source.kind,
                "grade": source.reliability_grade,
                "grading_role": grading_role(source.kind),
                "records": {},
            },
        )
        entry["records"][record.role] = _record_dict(record)
    sources = []
    for entry in by_source.values():
        graded_on = entry["records"].get(entry["grading_role"])
        entry["suggested_grade"] = graded_on["suggested_grade"] if graded_on else ""
        entry["needs_review"] = grade_needs_review(entry["grade"], entry["suggested_grade"])
        sources.append(entry)
    sources.sort(key=lambda e: (not e["needs_review"], e["name"]))
    suggested = Source.objects.filter(status=Source.Status.SUGGESTED).count()
    return {
        "sources": sources,
        "review": [
            {"slug": r.source.slug, "name": r.source.name, "grade": r.grade, "suggested_grade": r.suggested_grade}
            for r in grade_review_list()
        ],
        "suggested_sources": suggested,
        "verdicts_counted": sum(e["records"].get(CLAIMANT, {}).get("claims_rated", 0) for e in sources),
    }


def source_profile(source, *, months: int = 24) -> dict:
    """One source: both records, its rated claims by month and rating, and its grade history."""
    from .models import SourceClaimOutcome

    records = {r.role: _record_dict(r) for r in source.track_records.all()}
    by_month: dict[str, dict[str, int]] = {}
    seen = set()
    for claim_id, rating, claimed_at in (
        SourceClaimOutcome.objects.filter(source=source)
        .exclude(rating="")
        .order_by("claimed_at")
        .values_list("claim_id", "rating", "claimed_at")
    ):
        if claim_id in seen:
            continue
        seen.add(claim_id)
        month = f"{claimed_at.year:04d}-{claimed_at.month:02d}"
        counts = by_month.setdefault(month, dict.fromkeys(RATINGS, 0))
        counts[rating] += 1
    periods = []
    if by_month:
        from .charts import month_range

        for month in month_range(min(by_month), max(by_month))[-months:]:
            periods.append({"period": month, "counts": by_month.get(month, dict.fromkeys(RATINGS, 0))})
    history = [
        {
            "date": (r.effective_date or r.changed_at.date()).isoformat(),
            "grade_from": r.grade_from,
            "grade_to": r.grade_to,
            "topic": r.topic,
            "reason": r.reason,
            "changed_by": r.changed_by.get_username() if r.changed_by else "",
            "changed_at": r.changed_at.isoformat(),
        }
        for r in source.ratings.select_related("changed_by").order_by("changed_at", "id")
    ]
    # In the order they took effect; a backdated change sits where its effective date puts it.
    history.sort(key=lambda h: (h["date"], h["changed_at"]))
    role = grading_role(source.kind)
    suggestion = records.get(role, {}).get("suggested_grade", "")
    return {
        "slug": source.slug,
        "name": source.name,
        "kind": source.kind,
        "status": source.status,
        "grade": source.reliability_grade,
        "grading_role": role,
        "suggested_grade": suggestion,
        "needs_review": grade_needs_review(source.reliability_grade, suggestion),
        "records": records,
        "claims_over_time": periods,
        "grade_history": history,
    }
