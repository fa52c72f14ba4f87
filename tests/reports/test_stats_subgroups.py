"""Subgroup differences in change: the CR2 interval clustered by school, against the sandwich coded from its
matrices, statsmodels' coefficient, and the one-group case of clustered_change."""

import math
import random

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from reports.stats import clustered_change
from reports.stats_subgroups import subgroup_difference


def by_matrices(pupils):
    """CR2 variance of b_a - b_b in d ~ 0 + group_a + group_b, straight from the definition.

    ``pupils`` is a list of (school, group, d). V = B Σⱼ Xⱼ'Aⱼeⱼeⱼ'AⱼXⱼ B with B = (X'X)⁻¹,
    Aⱼ = (I - Hⱼⱼ)^(-1/2) by eigendecomposition.
    """
    y = np.array([d for _, _, d in pupils])
    x = np.array([[1.0, 0.0] if group == "a" else [0.0, 1.0] for _, group, _ in pupils])
    bread = np.linalg.inv(x.T @ x)
    beta = bread @ x.T @ y
    residuals = y - x @ beta
    meat = np.zeros((2, 2))
    for school in sorted({s for s, _, _ in pupils}):
        rows = [i for i, (s, _, _) in enumerate(pupils) if s == school]
        x_j, e_j = x[rows], residuals[rows]
        values, vectors = np.linalg.eigh(np.eye(len(rows)) - x_j @ bread @ x_j.T)
        score = x_j.T @ (vectors @ np.diag(values**-0.5) @ vectors.T) @ e_j
        meat += np.outer(score, score)
    covariance = bread @ meat @ bread
    contrast = np.array([1.0, -1.0])
    return float(contrast @ beta), float(contrast @ covariance @ contrast)


def sums(pupils, group):
    found = {}
    for school, g, d in pupils:
        if g == group:
            n, total = found.get(school, (0, 0.0))
            found[school] = (n + 1, total + d)
    return found


def test_groups_sharing_schools_match_the_cr2_sandwich_and_statsmodels():
    rng = random.Random(3)
    pupils = [
        (school, rng.choice("ab"), rng.gauss(0.3 + school / 20, 1))
        for school in range(8)
        for _ in range(rng.randint(4, 25))
    ]
    result = subgroup_difference(sums(pupils, "a"), sums(pupils, "b"))
    difference, variance = by_matrices(pupils)

    assert result.difference == pytest.approx(difference, rel=1e-12)
    assert result.se == pytest.approx(math.sqrt(variance), rel=1e-9)
    assert (result.schools, result.df) == (8, 6)
    margin = stats.t.ppf(0.975, 6) * result.se
    assert (result.ci_low, result.ci_high) == pytest.approx((difference - margin, difference + margin))
    # statsmodels' OLS of d on the group gives the same difference (its CR1 error differs from CR2).
    y = np.array([d for _, _, d in pupils])
    x = sm.add_constant(np.array([1.0 if g == "a" else 0.0 for _, g, _ in pupils]))
    fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": np.array([s for s, _, _ in pupils])})
    assert fit.params[1] == pytest.approx(result.difference, rel=1e-12)


def test_groups_in_different_schools_match_the_cr2_sandwich():
    rng = random.Random(9)
    pupils = [
        (school, "a" if school < 4 else "b", rng.gauss(0.5 if school < 4 else 0.2, 1))
        for school in range(9)
        for _ in range(rng.randint(5, 30))
    ]
    result = subgroup_difference(sums(pupils, "a"), sums(pupils, "b"))
    difference, variance = by_matrices(pupils)
    assert result.difference == pytest.approx(difference, rel=1e-12)
    assert result.se == pytest.approx(math.sqrt(variance), rel=1e-9)
    # Disjoint schools: the variance is the sum of each group's own CR2 variance.
    own = [clustered_change([[d for s, g, d in pupils if s == k] for k in ks]) for ks in (range(4), range(4, 9))]
    assert result.se == pytest.approx(math.sqrt(own[0].se ** 2 + own[1].se ** 2), rel=1e-9)


def test_a_hand_worked_difference():
    # Group a: school 1 gains 2, 4 (n 2, Σ 6); school 2 gains 3 (n 1, Σ 3) -> mean 3.
    # Group b: school 1 gains 1 (n 1); school 3 gains 0, 2 (n 2, Σ 2) -> mean 1. Difference 2.
    # E: a1 = 6 - 6 = 0, a2 = 3 - 3 = 0; b1 = 1 - 1 = 0, b3 = 2 - 2 = 0: every school sits on its group mean,
    # so the clustered error is 0 and the interval is the point, on 3 - 2 = 1 df.
    result = subgroup_difference({1: (2, 6.0), 2: (1, 3.0)}, {1: (1, 1.0), 3: (2, 2.0)})
    assert (result.difference, result.se, result.df) == (2.0, 0.0, 1)
    assert (result.ci_low, result.ci_high) == (2.0, 2.0)


def test_a_group_in_one_school_has_no_interval_and_an_empty_group_is_refused():
    result = subgroup_difference({1: (5, 10.0)}, {2: (4, 2.0), 3: (6, 9.0)})
    assert result.difference == pytest.approx(2 - 11 / 10)
    assert math.isnan(result.se) and math.isnan(result.ci_low)
    with pytest.raises(ValueError, match="Both groups need pupils"):
        subgroup_difference({1: (0, 0.0)}, {2: (4, 2.0)})
