"""Server-side SVG charts for the sources dashboard: no JavaScript, no network, numbers in data- attributes.

Each function takes plain figures and returns safe SVG markup. Every mark carries its numbers in
data- attributes and a <title>, so a reader can hover for the figure and a test can read it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from .track_record import GRADES, RATINGS

RATING_COLOURS = {
    "true": "#1e7b34",
    "mostly_true": "#72a960",
    "mixed": "#c9a227",
    "mostly_false": "#e07b39",
    "false": "#a4262c",
    "unverifiable": "#8a94a0",
}
RATING_LABELS = {
    "true": "True",
    "mostly_true": "Mostly true",
    "mixed": "Mixed",
    "mostly_false": "Mostly false",
    "false": "False",
    "unverifiable": "Unverifiable",
}
GRADE_COLOURS = {"A": "#1e7b34", "B": "#4f9a5a", "C": "#6b7580", "D": "#d0782f", "E": "#a4262c", "F": "#9a5b00"}
INK, MUTED, GRID = "#1d232a", "#5b6570", "#e3e7eb"
FONT = 'font-family="system-ui, sans-serif"'


def _h(template: str, *args) -> SafeString:
    """Like format_html, but numbers keep their type so "{:.1f}" works; everything else is escaped."""
    safe = [a if isinstance(a, int | float) else conditional_escape(a) for a in args]
    return mark_safe(template.format(*safe))  # noqa: S308 - every argument is escaped or a number


def _svg(width: int, height: int, title: str, body: str, *, chart: str) -> SafeString:
    return _h(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{}" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-label="{}" {}><title>{}</title>{}</svg>',
        chart,
        width,
        height,
        title,
        mark_safe(FONT),  # noqa: S308 - a constant
        title,
        mark_safe(body),  # noqa: S308 - built from format_html pieces below
    )


def _tick_step(value: int, *, most: int = 5) -> int:
    """A whole-number tick step (1, 2, 5, 10, 20...) giving at most `most` intervals up to value."""
    base = 1
    while True:
        for factor in (1, 2, 5):
            if value <= base * factor * most:
                return base * factor
        base *= 10


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


# --- claims over time, stacked by rating --------------------------------------------------------


def claims_over_time(periods: Sequence[tuple[str, dict[str, int]]], *, title: str) -> SafeString:
    """Stacked bars: one per period (e.g. "2026-10"), one segment per verdict rating."""
    width, height = 1000, 300
    left, right, top, bottom = 44, 12, 16, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(counts.get(r, 0) for r in RATINGS) for _, counts in periods]
    step = _tick_step(max(totals, default=0))
    y_max = max(step * -(-max(totals, default=0) // step), step)
    parts = []
    for value in range(0, y_max + 1, step):
        y = top + plot_h - plot_h * value / y_max
        parts.append(
            _h(
                '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}"/>'
                '<text x="{}" y="{:.1f}" font-size="12" fill="{}" text-anchor="end">{}</text>',
                left,
                width - right,
                y,
                y,
                GRID,
                left - 6,
                y + 4,
                MUTED,
                value,
            )
        )
    n = max(len(periods), 1)
    slot = plot_w / n
    bar_w = max(min(slot * 0.7, 48), 4)
    label_every = max(1, round(n / 12))
    for index, (period, counts) in enumerate(periods):
        x = left + slot * index + (slot - bar_w) / 2
        y = top + plot_h
        segments = []
        for rating in RATINGS:
            count = counts.get(rating, 0)
            if not count:
                continue
            h = plot_h * count / y_max
            y -= h
            segments.append(
                _h(
                    '<rect class="bar-segment" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}" '
                    'data-period="{}" data-rating="{}" data-count="{}"><title>{}: {} {}</title></rect>',
                    x,
                    y,
                    bar_w,
                    h,
                    RATING_COLOURS[rating],
                    period,
                    rating,
                    count,
                    period,
                    count,
                    RATING_LABELS[rating].lower(),
                )
            )
        parts.append(
            _h(
                '<g class="bar" data-period="{}" data-total="{}">{}</g>',
                period,
                totals[index],
                mark_safe("".join(segments)),  # noqa: S308
            )
        )
        if index % label_every == 0:
            parts.append(
                _h(
                    '<text x="{:.1f}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}</text>',
                    x + bar_w / 2,
                    top + plot_h + 15,
                    MUTED,
                    period,
                )
            )
    if not periods:
        parts.append(_empty_note(width, top + plot_h / 2, "No published verdicts yet"))
    parts.append(_rating_legend(left, height - 18))
    return _svg(width, height, title, "".join(parts), chart="claims-over-time")


def _rating_legend(x: float, y: float) -> str:
    items = []
    for rating in RATINGS:
        items.append(
            _h(
                '<rect x="{:.0f}" y="{:.0f}" width="11" height="11" fill="{}"/>'
                '<text x="{:.0f}" y="{:.0f}" font-size="11" fill="{}">{}</text>',
                x,
                y - 9,
                RATING_COLOURS[rating],
                x + 15,
                y,
                INK,
                RATING_LABELS[rating],
            )
        )
        x += 22 + 6.3 * len(RATING_LABELS[rating])
    return "".join(items)


def _empty_note(width: float, y: float, text: str) -> str:
    return _h(
        '<text x="{:.0f}" y="{:.0f}" font-size="13" fill="{}" text-anchor="middle">{}</text>', width / 2, y, MUTED, text
    )


# --- accuracy with its interval -----------------------------------------------------------------


@dataclass(frozen=True)
class IntervalRow:
    label: str
    mean: float
    low: float
    high: float
    successes: int
    failures: int
    key: str = ""


def accuracy_intervals(rows: Sequence[IntervalRow], *, title: str) -> SafeString:
    """One horizontal line per row: the 90% interval as a bar, the posterior mean as a dot."""
    width = 480
    left, right, top, row_h = 100, 48, 22, 40
    height = top + row_h * max(len(rows), 1) + 30
    plot_w = width - left - right
    parts = []
    for tick in range(0, 101, 25):
        x = left + plot_w * tick / 100
        parts.append(
            _h(
                '<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{}" stroke="{}"/>'
                '<text x="{:.1f}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}%</text>',
                x,
                x,
                top - 6,
                height - 24,
                GRID,
                x,
                height - 10,
                MUTED,
                tick,
            )
        )
    for index, row in enumerate(rows):
        y = top + row_h * index + row_h / 2
        x_low, x_high, x_mean = (left + plot_w * v for v in (row.low, row.high, row.mean))
        parts.append(
            _h(
                '<g class="interval" data-key="{}" data-mean="{:.4f}" data-low="{:.4f}" data-high="{:.4f}" '
                'data-successes="{}" data-failures="{}">'
                "<title>{}: {} (90% interval {} to {}); {} right, {} wrong</title>"
                '<text x="{}" y="{:.1f}" font-size="12" fill="{}" text-anchor="end">{}</text>'
                '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="8" rx="4" fill="#9fc1e6"/>'
                '<circle cx="{:.1f}" cy="{:.1f}" r="5.5" fill="#1f5fa8"/>'
                '<text x="{:.1f}" y="{:.1f}" font-size="11" fill="{}">{}</text></g>',
                row.key or row.label,
                row.mean,
                row.low,
                row.high,
                row.successes,
                row.failures,
                row.label,
                _pct(row.mean),
                _pct(row.low),
                _pct(row.high),
                row.successes,
                row.failures,
                left - 10,
                y + 4,
                INK,
                row.label,
                x_low,
                y - 4,
                max(x_high - x_low, 1),
                x_mean,
                y,
                x_high + 8,
                y + 4,
                MUTED,
                _pct(row.mean),
            )
        )
    if not rows:
        parts.append(_empty_note(width, top + row_h / 2, "No scored verdicts yet"))
    return _svg(width, height, title, "".join(parts), chart="accuracy")


# --- grade history ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeChange:
    when: date
    grade: str
    topic: str
    reason: str
    changed_by: str


def grade_timeline(changes: Sequence[GradeChange], *, today: date, title: str) -> SafeString:
    """The grade over time as a step line (A at the top), topic-scoped grades as hollow markers."""
    width, height = 480, 230
    left, right, top, bottom = 30, 16, 14, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    ordered = sorted(changes, key=lambda c: c.when)
    start = ordered[0].when if ordered else today
    span = max((today - start).days, 1)

    def x_of(day: date) -> float:
        return left + plot_w * (day - start).days / span

    def y_of(grade: str) -> float:
        return top + plot_h * GRADES.index(grade) / (len(GRADES) - 1)

    parts = []
    for grade in GRADES:
        parts.append(
            _h(
                '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}"/>'
                '<text x="{}" y="{:.1f}" font-size="12" font-weight="700" fill="{}" text-anchor="end">{}</text>',
                left,
                width - right,
                y_of(grade),
                y_of(grade),
                GRID,
                left - 10,
                y_of(grade) + 4,
                GRADE_COLOURS[grade],
                grade,
            )
        )
    parts.append(
        _h(
            '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>'
            '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>',
            left,
            height - 8,
            MUTED,
            start.isoformat(),
            width - right,
            height - 8,
            MUTED,
            today.isoformat(),
        )
    )
    general = [c for c in ordered if not c.topic]
    points = []
    for index, change in enumerate(general):
        until = general[index + 1].when if index + 1 < len(general) else today
        points.append(f"{x_of(change.when):.1f},{y_of(change.grade):.1f}")
        points.append(f"{x_of(until):.1f},{y_of(change.grade):.1f}")
    if points:
        parts.append(_h('<polyline points="{}" fill="none" stroke="#1f5fa8" stroke-width="2.5"/>', " ".join(points)))
    for change in ordered:
        scoped = bool(change.topic)
        parts.append(
            _h(
                '<circle class="grade-change" cx="{:.1f}" cy="{:.1f}" r="6" fill="{}" stroke="{}" stroke-width="2" '
                'data-grade="{}" data-date="{}" data-topic="{}"><title>{}: {}{} by {}. {}</title></circle>',
                x_of(change.when),
                y_of(change.grade),
                "#fff" if scoped else GRADE_COLOURS[change.grade],
                GRADE_COLOURS[change.grade],
                change.grade,
                change.when.isoformat(),
                change.topic,
                change.when.isoformat(),
                change.grade,
                f" for {change.topic}" if scoped else "",
                change.changed_by or "system",
                change.reason,
            )
        )
    if not ordered:
        parts.append(_empty_note(width, top + plot_h / 2, "Never graded"))
    return _svg(width, height, title, "".join(parts), chart="grade-timeline")


# --- across sources: grade against measured accuracy --------------------------------------------


@dataclass(frozen=True)
class GradePoint:
    slug: str
    name: str
    grade: str  # "" when ungraded
    suggested_grade: str
    mean: float
    low: float
    high: float
    scored: int
    needs_review: bool


def grade_vs_accuracy(points: Sequence[GradePoint], *, title: str) -> SafeString:
    """One column per admin grade (A-F, then ungraded); each source a dot at its accuracy with its interval."""
    columns = [*GRADES, ""]
    width, height = 1000, 360
    left, right, top, bottom = 48, 12, 16, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    col_w = plot_w / len(columns)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - value)

    parts = []
    for tick in range(0, 101, 25):
        y = y_of(tick / 100)
        parts.append(
            _h(
                '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}"/>'
                '<text x="{}" y="{:.1f}" font-size="11" fill="{}" text-anchor="end">{}%</text>',
                left,
                width - right,
                y,
                y,
                GRID,
                left - 6,
                y + 4,
                MUTED,
                tick,
            )
        )
    for index, grade in enumerate(columns):
        parts.append(
            _h(
                '<text x="{:.1f}" y="{}" font-size="12" font-weight="700" fill="{}" text-anchor="middle">{}</text>',
                left + col_w * (index + 0.5),
                top + plot_h + 18,
                GRADE_COLOURS.get(grade, MUTED),
                grade or "ungraded",
            )
        )
    parts.append(
        _h(
            '<text x="{:.1f}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}</text>',
            left + plot_w / 2,
            height - 8,
            MUTED,
            "Admin grade (dots: posterior mean accuracy; lines: 90% interval; red: review this grade)",
        )
    )
    by_column: dict[str, list[GradePoint]] = {}
    for point in points:
        by_column.setdefault(point.grade if point.grade in GRADES else "", []).append(point)
    for index, grade in enumerate(columns):
        group = sorted(by_column.get(grade, []), key=lambda p: p.name)
        for k, point in enumerate(group):
            # Spread a column's dots evenly across its width so intervals do not hide each other.
            x = left + col_w * index + col_w * (k + 1) / (len(group) + 1)
            colour = "#a4262c" if point.needs_review else "#1f5fa8"
            parts.append(
                _h(
                    '<g class="source-point" data-slug="{}" data-grade="{}" data-suggested="{}" data-mean="{:.4f}" '
                    'data-low="{:.4f}" data-high="{:.4f}" data-scored="{}" data-review="{}">'
                    "<title>{}: grade {}, record suggests {}; accuracy {} (90% interval {} to {}), {} scored</title>"
                    '<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="2" opacity=".55"/>'
                    '<circle cx="{:.1f}" cy="{:.1f}" r="5" fill="{}"/>{}</g>',
                    point.slug,
                    point.grade,
                    point.suggested_grade,
                    point.mean,
                    point.low,
                    point.high,
                    point.scored,
                    "yes" if point.needs_review else "no",
                    point.name,
                    point.grade or "none",
                    point.suggested_grade or "nothing",
                    _pct(point.mean),
                    _pct(point.low),
                    _pct(point.high),
                    point.scored,
                    x,
                    x,
                    y_of(point.low),
                    y_of(point.high),
                    colour,
                    x,
                    y_of(point.mean),
                    colour,
                    # Sources whose grade needs a look are named on the chart; the others on hover.
                    _h(
                        '<text x="{:.1f}" y="{:.1f}" font-size="11" fill="{}">{}</text>',
                        x + 8,
                        y_of(point.mean) + 4,
                        colour,
                        point.name if len(point.name) <= 28 else point.name[:27] + "\u2026",
                    )
                    if point.needs_review
                    else "",
                )
            )
    if not points:
        parts.append(_empty_note(width, top + plot_h / 2, "No source has a scored verdict yet"))
    return _svg(width, height, title, "".join(parts), chart="grade-vs-accuracy")


def month_key(moment: datetime | date) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from first to last inclusive, as YYYY-MM."""
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months
