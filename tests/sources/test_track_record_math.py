"""The arithmetic of a track record: Beta posterior, its 90% interval, the suggested grade."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.track_record import (
    REFUTED,
    UPHELD,
    accuracy_from_counts,
    accuracy_posterior,
    beta_cdf,
    beta_ppf,
    denial_outcome,
    grade_distance,
    grade_needs_review,
    suggested_grade,
)

shapes = st.floats(min_value=0.5, max_value=200, allow_nan=False, allow_infinity=False)
unit = st.floats(min_value=1e-6, max_value=1 - 1e-6)


@pytest.mark.parametrize("x", [0.01, 0.1, 0.37, 0.5, 0.8, 0.99])
def test_incomplete_beta_matches_closed_forms(x):
    assert beta_cdf(x, 1, 1) == pytest.approx(x, abs=1e-12)
    assert beta_cdf(x, 3, 1) == pytest.approx(x**3, abs=1e-12)
    assert beta_cdf(x, 1, 4) == pytest.approx(1 - (1 - x) ** 4, abs=1e-12)
    assert beta_cdf(x, 2, 2) == pytest.approx(3 * x**2 - 2 * x**3, abs=1e-12)
    assert beta_cdf(x, 2, 3) == pytest.approx(6 * x**2 - 8 * x**3 + 3 * x**4, abs=1e-12)


def test_incomplete_beta_is_zero_and_one_at_the_ends():
    assert beta_cdf(0.0, 5, 7) == 0.0
    assert beta_cdf(1.0, 5, 7) == 1.0


def _simpson_cdf(x, a, b, n=20000):
    """P(X <= x) by integrating the Beta density numerically: an independent check of the continued fraction."""
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)

    def pdf(t):
        if t <= 0 or t >= 1:
            return 0.0
        return math.exp(log_norm + (a - 1) * math.log(t) + (b - 1) * math.log1p(-t))

    h = x / n
    total = pdf(0) + pdf(x) + sum((4 if i % 2 else 2) * pdf(i * h) for i in range(1, n))
    return total * h / 3


@pytest.mark.parametrize(("a", "b", "x"), [(3, 5, 0.3), (12, 4, 0.7), (20.5, 30, 0.41), (2, 40, 0.05), (50, 2, 0.97)])
def test_incomplete_beta_agrees_with_numerical_integration(a, b, x):
    assert beta_cdf(x, a, b) == pytest.approx(_simpson_cdf(x, a, b), abs=1e-7)


@settings(max_examples=200, deadline=None)
@given(a=shapes, b=shapes, x=unit)
def test_incomplete_beta_satisfies_its_reflection_identity(a, b, x):
    assert beta_cdf(x, a, b) == pytest.approx(1 - beta_cdf(1 - x, b, a), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(a=shapes, b=shapes, p=st.floats(min_value=0.001, max_value=0.999))
def test_quantile_inverts_the_cdf(a, b, p):
    x = beta_ppf(p, a, b)
    assert 0 <= x <= 1
    assert beta_cdf(x, a, b) == pytest.approx(p, abs=1e-8)


@pytest.mark.parametrize("p", [0.05, 0.5, 0.95])
def test_quantiles_match_closed_forms(p):
    assert beta_ppf(p, 3, 1) == pytest.approx(p ** (1 / 3), abs=1e-10)
    assert beta_ppf(p, 1, 5) == pytest.approx(1 - (1 - p) ** (1 / 5), abs=1e-10)


def test_two_out_of_two_is_not_certainty():
    # Beta(1+2, 1+0) = Beta(3, 1): mean 3/4, quantiles p ** (1/3).
    posterior = accuracy_posterior(2, 0)
    assert (posterior.alpha, posterior.beta) == (3, 1)
    assert posterior.mean == pytest.approx(0.75)
    assert posterior.low == pytest.approx(0.05 ** (1 / 3), abs=1e-9)  # 0.368
    assert posterior.high == pytest.approx(0.95 ** (1 / 3), abs=1e-9)  # 0.983


def test_no_verdicts_leaves_the_uniform_prior():
    posterior = accuracy_posterior(0, 0)
    assert posterior.mean == 0.5
    assert posterior.low == pytest.approx(0.05, abs=1e-9)
    assert posterior.high == pytest.approx(0.95, abs=1e-9)


def test_one_right_one_wrong_is_a_symmetric_interval():
    # Beta(2, 2): the 5th percentile solves 3x^2 - 2x^3 = 0.05, which is about 0.1354.
    posterior = accuracy_posterior(1, 1)
    assert posterior.mean == 0.5
    assert posterior.low == pytest.approx(0.135350, abs=1e-6)
    assert posterior.low + posterior.high == pytest.approx(1.0, abs=1e-9)


def test_mixed_and_unverifiable_are_counted_but_not_scored():
    posterior = accuracy_from_counts({"true": 1, "mostly_true": 2, "mixed": 5, "unverifiable": 4, "mostly_false": 1})
    assert (posterior.successes, posterior.failures) == (3, 1)
    assert posterior.mean == pytest.approx(4 / 6)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        accuracy_posterior(-1, 2)


def test_a_short_record_cannot_be_judged():
    assert suggested_grade(accuracy_posterior(2, 0)) == "F"
    assert suggested_grade(accuracy_posterior(0, 3)) == "F"


@pytest.mark.parametrize(
    ("successes", "failures", "grade"),
    [(10, 0, "A"), (9, 1, "B"), (7, 3, "C"), (4, 6, "D"), (1, 9, "E"), (0, 10, "E")],
)
def test_a_long_record_suggests_a_grade_from_its_posterior_mean(successes, failures, grade):
    assert suggested_grade(accuracy_posterior(successes, failures)) == grade


def test_grades_two_letters_apart_need_review():
    assert grade_distance("A", "C") == 2
    assert grade_needs_review("A", "C")
    assert grade_needs_review("E", "B")
    assert not grade_needs_review("B", "C")
    assert not grade_needs_review("A", "F"), "a record that cannot judge does not contradict the grade"
    assert not grade_needs_review("", "E"), "an ungraded source has no grade to review"


def test_denial_outcome_follows_its_own_verdict_first():
    assert denial_outcome("true", ["true"]) == UPHELD
    assert denial_outcome("false", ["false"]) == REFUTED
    assert denial_outcome("mixed", ["false"]) == ""


def test_denial_outcome_follows_the_denied_claims_without_its_own_verdict():
    assert denial_outcome("", ["false"]) == UPHELD
    assert denial_outcome("", ["mostly_true"]) == REFUTED
    assert denial_outcome("", ["unverifiable"]) == ""
    assert denial_outcome("", ["true", "false"]) == "", "denied claims that went both ways leave it open"
