"""Wilson intervals, the paired t-test and its effect sizes against published and hand-worked examples."""

import math
import random

import pytest
from scipy import stats as scipy_stats

from reports.stats import (
    PairedChange,
    hedges_j,
    paired_change,
    paired_change_from_sums,
    wilson_interval,
)

# Student (1908), the "sleep" data: extra hours of sleep of 10 patients under two drugs.
SLEEP_DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def _sums(values):
    return sum(values), sum(v * v for v in values)


def _paired_sums(pre, post):
    diffs = [b - a for a, b in zip(pre, post, strict=True)]
    (s_pre, ss_pre), (s_post, ss_post), (s_diff, ss_diff) = _sums(pre), _sums(post), _sums(diffs)
    return {
        "n": len(pre),
        "sum_pre": s_pre,
        "sum_post": s_post,
        "sumsq_pre": ss_pre,
        "sumsq_post": ss_post,
        "sum_diff": s_diff,
        "sumsq_diff": ss_diff,
    }


def _assert_same_change(a: PairedChange, b: PairedChange) -> None:
    assert a.n == b.n and a.df == b.df
    for name in ("mean_pre", "mean_post", "mean_diff", "sd_diff", "t", "p", "ci_low", "ci_high"):
        assert getattr(a, name) == pytest.approx(getattr(b, name), rel=1e-9, abs=1e-12), name
    for name in ("d_z", "d_z_ci_low", "d_z_ci_high", "g_z", "d_av"):
        assert getattr(a, name) == pytest.approx(getattr(b, name), rel=1e-7, abs=1e-10, nan_ok=True), name


# Wilson interval ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (score interval).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe_table_1(successes, n, low, high):
    ci_low, ci_high = wilson_interval(successes, n)
    assert round(ci_low, 4) == low
    assert round(ci_high, 4) == high


def test_wilson_interval_is_exact_at_the_ends():
    assert wilson_interval(0, 7)[0] == 0.0
    assert wilson_interval(7, 7)[1] == 1.0


def test_wilson_interval_widens_with_confidence():
    low_95, high_95 = wilson_interval(81, 263, 0.95)
    low_99, high_99 = wilson_interval(81, 263, 0.99)
    assert low_99 < low_95 < 81 / 263 < high_95 < high_99


@pytest.mark.parametrize(("successes", "n"), [(0, 0), (1, 0), (-1, 10), (11, 10)])
def test_wilson_interval_rejects_impossible_counts(successes, n):
    with pytest.raises(ValueError, match="n"):
        wilson_interval(successes, n)


@pytest.mark.parametrize("confidence", [0, 1, 95, -0.5])
def test_wilson_interval_rejects_bad_confidence(confidence):
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(5, 10, confidence)


# Paired change ------------------------------------------------------------------------------


def test_paired_change_matches_student_sleep_data():
    # R: t.test(extra ~ group, data = sleep, paired = TRUE) prints t = -4.0621, df = 9,
    # p-value = 0.002833, 95 % CI -2.4598858 to -0.7001142, mean difference -1.58;
    # here the difference is drug 2 minus drug 1, so every sign turns round.
    result = paired_change(SLEEP_DRUG_1, SLEEP_DRUG_2)
    assert result.n == 10
    assert result.df == 9
    assert round(result.t, 4) == 4.0621
    assert round(result.mean_diff, 4) == 1.58
    assert round(result.p, 6) == 0.002833
    assert round(result.ci_low, 4) == 0.7001
    assert round(result.ci_high, 4) == 2.4599
    assert round(result.mean_pre, 4) == 0.75
    assert round(result.mean_post, 4) == 2.33
    reference = scipy_stats.ttest_rel(SLEEP_DRUG_2, SLEEP_DRUG_1)
    assert result.t == pytest.approx(reference.statistic)
    assert result.p == pytest.approx(reference.pvalue)


def test_paired_change_effect_sizes_for_sleep_data():
    result = paired_change(SLEEP_DRUG_1, SLEEP_DRUG_2)
    # sd of the differences = 1.229995, so d_z = 1.58 / 1.229995 = 1.2846.
    assert round(result.sd_diff, 6) == 1.229995
    assert round(result.d_z, 4) == 1.2846
    # R effectsize::cohens_d(Pair(extra[group == 1], extra[group == 2]) ~ 1, data = sleep)
    # documents d = -1.28, 95 % CI [-2.12, -0.41] (noncentral t); signs turn round here.
    assert round(result.d_z_ci_low, 2) == 0.41
    assert round(result.d_z_ci_high, 2) == 2.12
    # The limits are the noncentrality parameters that put the observed t at 97.5 % and 2.5 %.
    root_n = math.sqrt(10)
    assert scipy_stats.nct.cdf(result.t, 9, result.d_z_ci_low * root_n) == pytest.approx(0.975, abs=1e-9)
    assert scipy_stats.nct.cdf(result.t, 9, result.d_z_ci_high * root_n) == pytest.approx(0.025, abs=1e-9)
    # g_z = J(9) * d_z = 0.913875 * 1.284558 = 1.1739.
    assert round(result.g_z, 4) == 1.1739
    # d_av: sd drug 1 = 1.789010, sd drug 2 = 2.002249; sqrt((3.200556 + 4.009000) / 2) = 1.898625;
    # 1.58 / 1.898625 = 0.8322.
    assert round(result.d_av, 4) == 0.8322


def test_hedges_j_exact_values():
    # J(9) = Gamma(4.5) / (sqrt(4.5) * Gamma(4)) = 11.631728 / (2.121320 * 6) = 0.913875
    # (Hedges & Olkin 1985, Table 2, p. 80: 0.9139); the approximation 1 - 3/(4*9 - 1) gives 0.914286.
    assert round(hedges_j(9), 6) == 0.913875
    # J(2) = Gamma(1) / (1 * Gamma(0.5)) = 1 / sqrt(pi) = 0.564190.
    assert round(hedges_j(2), 6) == 0.564190
    # Large df: no overflow, tends to 1 like the approximation.
    assert hedges_j(100_000) == pytest.approx(1 - 3 / (4 * 100_000 - 1), abs=1e-9)


@pytest.mark.parametrize("df", [1, 0.5, 0, -3])
def test_hedges_j_needs_more_than_one_degree_of_freedom(df):
    with pytest.raises(ValueError, match="degree of freedom"):
        hedges_j(df)


def test_paired_change_drops_pairs_with_a_missing_value():
    pre = [*SLEEP_DRUG_1, None, 4.0, float("nan"), 2.0]
    post = [*SLEEP_DRUG_2, 3.0, None, 1.0, float("nan")]
    _assert_same_change(paired_change(pre, post), paired_change(SLEEP_DRUG_1, SLEEP_DRUG_2))


def test_paired_change_needs_two_complete_pairs():
    with pytest.raises(ValueError, match="at least 2 complete pairs; got 1"):
        paired_change([1.0, None, 3.0], [2.0, 5.0, None])
    with pytest.raises(ValueError, match="at least 2 complete pairs; got 0"):
        paired_change([], [])


def test_paired_change_rejects_sequences_of_different_length():
    with pytest.raises(ValueError, match="same length"):
        paired_change([1, 2, 3], [1, 2])


def test_paired_change_with_two_pairs_has_no_hedges_correction():
    result = paired_change([1, 2], [3, 5])
    assert result.df == 1
    assert math.isnan(result.g_z)
    assert result.d_z == pytest.approx(2.5 / math.sqrt(0.5))


def test_paired_change_with_a_constant_nonzero_difference_is_infinite_not_an_error():
    result = paired_change([1, 2, 3, 4], [3, 4, 5, 6])
    assert result.sd_diff == 0.0
    assert result.t == math.inf
    assert result.d_z == math.inf
    assert result.g_z == math.inf
    assert result.p < 1e-100
    assert (result.ci_low, result.ci_high) == (2.0, 2.0)
    assert math.isnan(result.d_z_ci_low) and math.isnan(result.d_z_ci_high)
    # d_av still has a spread to divide by: sd_pre = sd_post = 1.290994.
    assert result.d_av == pytest.approx(2 / math.sqrt(5 / 3))
    falling = paired_change([3, 4, 5], [1, 2, 3])
    assert falling.t == -math.inf and falling.d_z == -math.inf


def test_paired_change_with_no_change_at_all_is_nan():
    result = paired_change([2, 2, 5], [2, 2, 5])
    assert result.mean_diff == 0.0
    assert math.isnan(result.t) and math.isnan(result.p) and math.isnan(result.d_z)
    assert result.d_av == 0.0
    flat = paired_change([3, 3, 3], [3, 3, 3])
    assert math.isnan(flat.d_av)


def test_paired_change_from_sums_equals_raw_computation():
    _assert_same_change(
        paired_change_from_sums(**_paired_sums(SLEEP_DRUG_1, SLEEP_DRUG_2)),
        paired_change(SLEEP_DRUG_1, SLEEP_DRUG_2),
    )
    rng = random.Random(7)
    for _ in range(25):
        n = rng.randint(2, 300)
        pre = [float(rng.randint(1, 5)) for _ in range(n)]
        post = [float(min(5, max(1, p + rng.choice([-1, 0, 0, 1, 1, 2])))) for p in pre]
        if len(set(post)) == 1 and len(set(pre)) == 1:
            continue
        _assert_same_change(paired_change_from_sums(**_paired_sums(pre, post)), paired_change(pre, post))


def test_paired_change_from_sums_keeps_the_zero_spread_rule():
    pre, post = [0.1, 0.2, 0.3, 0.7], [0.4, 0.5, 0.6, 1.0]
    from_sums = paired_change_from_sums(**_paired_sums(pre, post))
    assert from_sums.sd_diff == 0.0
    assert from_sums.t == math.inf
    assert paired_change(pre, post).sd_diff == 0.0
    assert paired_change(pre, post).t == math.inf
    assert math.isnan(paired_change_from_sums(**_paired_sums([2, 4], [2, 4])).p)


def test_paired_change_from_sums_rejects_impossible_sums():
    good = _paired_sums([1, 2, 3], [2, 2, 5])
    with pytest.raises(ValueError, match="at least 2"):
        paired_change_from_sums(**{**good, "n": 1})
    with pytest.raises(ValueError, match="sum_diff"):
        paired_change_from_sums(**{**good, "sum_diff": good["sum_diff"] + 1})
    with pytest.raises(ValueError, match="Inconsistent sums"):
        paired_change_from_sums(**{**good, "sumsq_diff": 0.5})


def test_paired_change_with_an_enormous_t_still_returns():
    # t is about 1.4e5; scipy's noncentral t cannot be evaluated there, so the d_z limits are nan.
    result = paired_change([0.0] * 51, [1000 + 0.1 * (i % 2) for i in range(51)])
    assert result.t > 1e5
    assert result.p < 1e-100
    assert math.isfinite(result.t) and math.isfinite(result.d_z)
    assert math.isnan(result.d_z_ci_low) and math.isnan(result.d_z_ci_high)
