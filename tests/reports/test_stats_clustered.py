"""Cluster-robust (CR2) intervals for pooled changes, the unequal-cluster design effect and the
minimum detectable effect on G - 1 degrees of freedom, against hand-worked examples, statsmodels
(CR1) and a CR2 sandwich coded here from its matrix definition."""

import math
import random

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from reports.stats import (
    ClusteredChange,
    clustered_change,
    clustered_change_from_sums,
    design_effect,
    design_effect_unequal,
    icc_oneway,
    minimum_detectable_effect,
)

# Three schools: A (1, 2, 3), B (2, 4), C (0, 1, 1, 2).
WORKED = [[1, 2, 3], [2, 4], [0, 1, 1, 2]]


def cr2_by_matrices(groups):
    """The CR2 variance of an intercept-only OLS fit, straight from the definition.

    V = (X'X)⁻¹ Σⱼ Xⱼ' Aⱼ eⱼ eⱼ' Aⱼ Xⱼ (X'X)⁻¹ with Aⱼ = (I - Hⱼⱼ)^(-1/2), Hⱼⱼ = Xⱼ (X'X)⁻¹ Xⱼ'
    (Bell & McCaffrey 2002), the inverse square root taken by eigendecomposition.
    """
    y = np.concatenate([np.asarray(g, dtype=float) for g in groups])
    x = np.ones((len(y), 1))
    bread = np.linalg.inv(x.T @ x)
    beta = bread @ x.T @ y
    meat = np.zeros((1, 1))
    start = 0
    for group in groups:
        rows = slice(start, start + len(group))
        start += len(group)
        x_j, e_j = x[rows], (y - x @ beta)[rows]
        h_jj = x_j @ bread @ x_j.T
        values, vectors = np.linalg.eigh(np.eye(len(group)) - h_jj)
        a_j = vectors @ np.diag(values**-0.5) @ vectors.T
        score = x_j.T @ a_j @ e_j
        meat += np.outer(score, score)
    return float((bread @ meat @ bread)[0, 0]), float(beta[0])


def statsmodels_cr1(groups):
    """statsmodels' cluster-robust fit of the mean (CR1: G/(G-1)·(N-1)/(N-k) correction, t on G - 1)."""
    y = np.concatenate([np.asarray(g, dtype=float) for g in groups])
    labels = np.concatenate([[j] * len(g) for j, g in enumerate(groups)])
    return sm.OLS(y, np.ones(len(y))).fit(cov_type="cluster", cov_kwds={"groups": labels}, use_t=True)


def unequal_schools(rng, schools, icc, low=5, high=80):
    return [
        [shift + rng.gauss(0, math.sqrt(1 - icc)) for _ in range(rng.randint(low, high))]
        for shift in (0.3 + rng.gauss(0, math.sqrt(icc)) for _ in range(schools))
    ]


def test_clustered_change_hand_worked_example():
    # N = 9, Σd = 16, d̄ = 16/9 = 1.7778. Residual sums: E_A = 6 - 3·16/9 = 2/3, E_B = 6 - 32/9 = 22/9,
    # E_C = 4 - 64/9 = -28/9. Σ Eⱼ²/(1 - nⱼ/N) = (4/9)/(6/9) + (484/81)/(7/9) + (784/81)/(5/9)
    # = 0.6667 + 7.6825 + 17.4222 = 25.7714; se = √25.7714 / 9 = 0.56406. df = 2, t(0.975, 2) = 4.302653,
    # so the interval is 1.7778 ± 2.42696 = -0.6492 to 4.2047; t = 3.1517, p = 0.0876.
    # ICC: means 2, 3, 1; MSB = 5.5556/2 = 2.7778, MSW = 6/6 = 1, n0 = (9 - 29/9)/2 = 2.8889,
    # ICC = 1.7778 / 4.6667 = 0.38095. Design effect 1 + (29/9 - 1)·0.38095 = 1.84656.
    result = clustered_change(WORKED)
    assert isinstance(result, ClusteredChange)
    assert (result.n, result.clusters, result.df) == (9, 3, 2)
    assert result.mean_diff == pytest.approx(16 / 9)
    assert result.se == pytest.approx(0.564062, abs=1e-6)
    assert (round(result.ci_low, 4), round(result.ci_high, 4)) == (-0.6492, 4.2047)
    assert result.icc == pytest.approx(8 / 21)
    assert result.design_effect == pytest.approx(1 + (29 / 9 - 1) * 8 / 21)
    assert round(result.t, 4) == 3.1517
    assert round(result.p, 4) == 0.0876


def test_clustered_change_fields_are_in_the_published_order():
    result = clustered_change(WORKED)
    assert list(result.__dataclass_fields__) == [
        "n",
        "clusters",
        "mean_diff",
        "se",
        "df",
        "ci_low",
        "ci_high",
        "icc",
        "design_effect",
    ]


def test_clustered_change_equals_the_cr2_sandwich_coded_from_its_definition():
    rng = random.Random(11)
    for _ in range(20):
        groups = unequal_schools(rng, rng.randint(2, 12), rng.choice([0.0, 0.05, 0.2]), low=1, high=30)
        variance, mean = cr2_by_matrices(groups)
        result = clustered_change(groups)
        assert result.mean_diff == pytest.approx(mean, rel=1e-12, abs=1e-12)
        assert result.se == pytest.approx(math.sqrt(variance), rel=1e-9)
        margin = stats.t.ppf(0.975, len(groups) - 1) * math.sqrt(variance)
        assert (result.ci_low, result.ci_high) == pytest.approx((mean - margin, mean + margin), rel=1e-9)


def test_clustered_change_against_statsmodels_cr1():
    # Unequal schools: CR2 divides each Eⱼ² by 1 - nⱼ/N, CR1 multiplies Σ Eⱼ² by G/(G - 1);
    # statsmodels gives the mean, CR1 and the G - 1 degrees of freedom.
    rng = random.Random(5)
    groups = unequal_schools(rng, 9, 0.1)
    fit = statsmodels_cr1(groups)
    result = clustered_change(groups)
    n, g = result.n, result.clusters
    assert result.mean_diff == pytest.approx(fit.params[0], rel=1e-12)
    assert fit.df_resid_inference == result.df == g - 1
    residual_sums = [sum(group) - len(group) * result.mean_diff for group in groups]
    assert fit.bse[0] == pytest.approx(math.sqrt(g / (g - 1) * sum(e * e for e in residual_sums)) / n, rel=1e-9)
    cr2 = math.sqrt(sum(e * e / (1 - len(grp) / n) for e, grp in zip(residual_sums, groups, strict=True))) / n
    assert result.se == pytest.approx(cr2, rel=1e-12)
    # The schools differ in size, so the two corrections differ.
    assert result.se != pytest.approx(fit.bse[0], rel=1e-6)


def test_clustered_change_equals_statsmodels_when_schools_are_the_same_size():
    # With equal schools 1 - nⱼ/N = (G - 1)/G for every school, so CR2 is exactly CR1.
    rng = random.Random(8)
    groups = [[rng.gauss(1.0 + k / 10, 1) for _ in range(15)] for k in range(7)]
    fit = statsmodels_cr1(groups)
    result = clustered_change(groups)
    assert result.se == pytest.approx(fit.bse[0], rel=1e-10)
    low, high = fit.conf_int(alpha=0.05)[0]
    assert (result.ci_low, result.ci_high) == pytest.approx((low, high), rel=1e-10)
    assert result.p == pytest.approx(fit.pvalues[0], rel=1e-8)
    assert result.t == pytest.approx(fit.tvalues[0], rel=1e-10)


def test_clustered_change_from_sums_equals_raw_computation():
    rng = random.Random(21)
    for _ in range(25):
        groups = unequal_schools(rng, rng.randint(2, 15), rng.choice([0.0, 0.05, 0.1]), low=2, high=60)
        sums = [(len(g), math.fsum(g), math.fsum(x * x for x in g)) for g in groups]
        raw, summed = clustered_change(groups), clustered_change_from_sums(sums)
        for name in ("n", "clusters", "df"):
            assert getattr(summed, name) == getattr(raw, name)
        for name in ("mean_diff", "se", "ci_low", "ci_high", "icc", "design_effect"):
            assert getattr(summed, name) == pytest.approx(getattr(raw, name), rel=1e-9, abs=1e-10)


def test_clustered_change_icc_and_design_effect_follow_their_definitions():
    rng = random.Random(2)
    groups = unequal_schools(rng, 10, 0.1)
    result = clustered_change(groups)
    assert result.icc == pytest.approx(icc_oneway(groups))
    assert result.design_effect == pytest.approx(design_effect_unequal([len(g) for g in groups], result.icc))


def test_clustered_interval_is_wider_than_the_pupil_level_one_when_schools_differ():
    groups = [[1, 2, 3, 2, 1], [5, 6, 5, 7, 6], [2, 3, 2, 3, 2], [8, 7, 9, 8, 8]]
    pooled = [x for g in groups for x in g]
    naive_se = float(np.std(pooled, ddof=1) / math.sqrt(len(pooled)))
    assert clustered_change(groups).se > 2 * naive_se


def test_clustered_change_ignores_missing_values_and_empty_schools():
    assert clustered_change([[1, None, 2, 3], [], [2, float("nan"), 4], [0, 1, 1, 2]]) == clustered_change(WORKED)


def test_clustered_change_confidence_level():
    narrow, wide = clustered_change(WORKED, confidence=0.8), clustered_change(WORKED, confidence=0.99)
    assert wide.ci_low < narrow.ci_low < narrow.ci_high < wide.ci_high
    assert narrow.ci_high - narrow.mean_diff == pytest.approx(stats.t.ppf(0.9, 2) * narrow.se)


def test_clustered_change_with_one_pupil_per_school_has_no_icc():
    result = clustered_change([[1.0], [2.0], [4.0]])
    assert math.isnan(result.icc)
    assert result.design_effect == 1.0
    # Each "school" is one pupil: CR2 of a mean then equals the ordinary standard error s/√N.
    assert result.se == pytest.approx(float(np.std([1, 2, 4], ddof=1) / math.sqrt(3)))


def test_clustered_change_when_every_school_has_the_same_mean():
    result = clustered_change([[1, 3], [2, 2], [0, 4]])
    assert result.se == 0.0
    assert math.isinf(result.t) and result.p == 0.0
    no_change = clustered_change([[-1, 1], [0, 0]])
    assert no_change.se == 0.0 and math.isnan(no_change.t) and math.isnan(no_change.p)


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ([[1, 2, 3]], "at least 2 schools"),
        ([[1, 2, 3], [], [None]], "at least 2 schools"),
        ([], "at least 2 schools"),
    ],
)
def test_clustered_change_needs_two_schools(groups, message):
    with pytest.raises(ValueError, match=message):
        clustered_change(groups)


def test_clustered_change_rejects_bad_input():
    with pytest.raises(ValueError, match="confidence"):
        clustered_change(WORKED, confidence=1.0)
    with pytest.raises(ValueError, match="negative"):
        clustered_change_from_sums([(-1, 0.0, 0.0), (3, 6.0, 14.0), (2, 1.0, 1.0)])


# Design effect for unequal schools, and the minimum detectable effect -------------------------


def test_design_effect_unequal_worked_example():
    # Σn² = 100 + 400 + 900 = 1400, N = 60: 1 + (1400/60 - 1)·0.05 = 2.11667, against Kish's 1.95 for m = 20.
    assert design_effect_unequal([10, 20, 30], 0.05) == pytest.approx(2.116667, abs=1e-6)
    assert design_effect(20, 0.05) == pytest.approx(1.95)


def test_design_effect_unequal_equals_eldridge_cv_form_and_kish_for_equal_schools():
    # Eldridge, Ashby & Kerry (2006): 1 + ((cv² + 1)·m̄ - 1)·ICC, cv with the population SD.
    rng = random.Random(4)
    for _ in range(20):
        sizes = [rng.randint(1, 200) for _ in range(rng.randint(1, 40))]
        icc = rng.random() * 0.3
        m = float(np.mean(sizes))
        cv = float(np.std(sizes)) / m
        assert design_effect_unequal(sizes, icc) == pytest.approx(1 + ((cv**2 + 1) * m - 1) * icc, rel=1e-12)
    assert design_effect_unequal([25] * 8, 0.05) == pytest.approx(design_effect(25, 0.05))
    assert design_effect_unequal([7, 0, 7], 0.1) == pytest.approx(design_effect(7, 0.1))


@pytest.mark.parametrize(
    ("sizes", "icc", "message"),
    [([10, -1], 0.05, "negative"), ([0, 0], 0.05, "at least one pupil"), ([10, 20], 1.5, "ICC")],
)
def test_design_effect_unequal_rejects_bad_input(sizes, icc, message):
    with pytest.raises(ValueError, match=message):
        design_effect_unequal(sizes, icc)


def test_minimum_detectable_effect_on_schools_degrees_of_freedom():
    # G = 10: t(0.975, 9) = 2.262157, t(0.8, 9) = 0.883457; (2.262157 + 0.883457) / √(100/2.2) = 0.466562.
    assert round(minimum_detectable_effect(100, deff=2.2, clusters=10), 4) == 0.4666
    # Normal quantiles without G: 0.280159 · √2.2 = 0.415541; t on few schools is more cautious.
    assert minimum_detectable_effect(100, deff=2.2, clusters=10) > minimum_detectable_effect(100, deff=2.2)
    # With many schools t tends to the normal.
    assert minimum_detectable_effect(100, deff=2.2, clusters=100_000) == pytest.approx(
        minimum_detectable_effect(100, deff=2.2), rel=1e-4
    )
    with pytest.raises(ValueError, match="at least 2"):
        minimum_detectable_effect(100, clusters=1)
