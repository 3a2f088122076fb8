"""The priority formula: each term, and the worked example of its docstring."""

from datetime import UTC, datetime, timedelta

import pytest

from verification.priority import PriorityInputs, priority_compute

NOW = datetime(2025, 10, 5, 12, 0, tzinfo=UTC)


def _inputs(**overrides):
    fields = {
        "flag_reasons": frozenset(),
        "grade": "B",
        "has_grade_source": True,
        "denials": 0,
        "outlets": 1,
        "news_time": NOW - timedelta(days=10),
    }
    fields.update(overrides)
    return PriorityInputs(**fields)


def _points(reasons, code):
    return sum(r["points"] for r in reasons if r["code"] == code)


def test_the_docstring_example_scores_as_documented():
    inputs = _inputs(
        flag_reasons=frozenset({"unverified", "disputed"}),
        grade="E",
        denials=2,
        outlets=2,
        news_time=NOW - timedelta(hours=1),
    )
    priority, reasons = priority_compute(inputs, now=NOW)
    assert priority == 74.8
    assert [r["code"] for r in reasons] == ["disputed", "grade", "flag.unverified", "fresh", "reach"]


def test_a_worse_grade_ranks_higher():
    scores = [priority_compute(_inputs(grade=g), now=NOW)[0] for g in "ABCDE"]
    assert scores == sorted(scores) and len(set(scores)) == 5


def test_an_unknown_claimant_is_scored_as_ungraded_and_says_so():
    _, reasons = priority_compute(_inputs(grade="", has_grade_source=False), now=NOW)
    assert reasons[0]["label"] == "Claimant not in the source registry"


@pytest.mark.parametrize(("denials", "points"), [(0, 0), (1, 25), (2, 30), (4, 40), (9, 40)])
def test_disputes_count_with_a_cap(denials, points):
    _, reasons = priority_compute(_inputs(denials=denials), now=NOW)
    assert _points(reasons, "disputed") == points


@pytest.mark.parametrize(("outlets", "points"), [(1, 0), (2, 4), (6, 20), (20, 20)])
def test_reach_counts_further_outlets_with_a_cap(outlets, points):
    _, reasons = priority_compute(_inputs(outlets=outlets), now=NOW)
    assert _points(reasons, "reach") == points


def test_fresh_news_outranks_old_news_and_waiting_is_rewarded():
    fresh, _ = priority_compute(_inputs(news_time=NOW - timedelta(hours=2)), now=NOW)
    stale, _ = priority_compute(_inputs(news_time=NOW - timedelta(days=3)), now=NOW)
    assert fresh > stale
    waited, reasons = priority_compute(_inputs(queued_since=NOW - timedelta(hours=12)), now=NOW)
    assert _points(reasons, "waiting") == 2.0 and waited == stale + 2.0
    capped, _ = priority_compute(_inputs(queued_since=NOW - timedelta(days=30)), now=NOW)
    assert capped == stale + 10.0


def test_text_flags_add_their_points_and_grade_flags_are_not_counted_twice():
    base, _ = priority_compute(_inputs(grade="E"), now=NOW)
    flagged, _ = priority_compute(
        _inputs(grade="E", flag_reasons=frozenset({"single_source_casualties", "low_grade_source"})), now=NOW
    )
    assert flagged - base == 20
