"""The report statistics against published and hand-worked examples."""

import math
import random

import pytest
from scipy import stats as scipy_stats

from reports.stats import (
    PairedChange,
    cronbach_alpha,
    cronbach_alpha_from_sums,
    design_effect,
    feldt_interval,
    hedges_j,
    icc_from_group_sums,
    icc_oneway,
    minimum_detectable_effect,
    paired_change,
    paired_change_from_sums,
    scale_score,
    wilson_interval,
)

# Student (1908), the "sleep" data: extra hours of sleep of 10 patients under two drugs.
SLEEP_DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

# pingouin's documented example (dataset "cronbach_alpha"): 15 respondents x 10 items,
# published result alpha = 0.591719, 95 % CI [0.195, 0.84]. One list per item.
PINGOUIN_ITEMS = [
    [3, 5, 7, 2, 6, 1, 4, 2, 6, 5, 4, 4, 5, 6, 4],
    [2, 4, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2, 5, 5, 3],
    [4, 6, 5, 3, 6, 3, 5, 4, 5, 6, 5, 3, 6, 5, 5],
    [1, 3, 5, 3, 5, 4, 3, 3, 5, 4, 2, 2, 2, 4, 5],
    [4, 5, 6, 2, 4, 2, 5, 7, 1, 3, 5, 5, 3, 2, 3],
    [5, 1, 4, 2, 4, 5, 2, 2, 6, 5, 3, 3, 3, 2, 1],
    [1, 2, 3, 2, 4, 2, 1, 2, 5, 3, 2, 4, 2, 1, 3],
    [4, 5, 3, 6, 6, 3, 2, 4, 2, 1, 3, 2, 4, 4, 2],
    [3, 5, 6, 6, 7, 5, 4, 6, 3, 7, 4, 3, 4, 6, 3],
    [2, 5, 5, 3, 5, 2, 3, 5, 2, 2, 1, 4, 5, 5, 4],
]
PINGOUIN_ROWS = [list(row) for row in zip(*PINGOUIN_ITEMS, strict=True)]


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


# Cronbach's alpha ---------------------------------------------------------------------------


def test_cronbach_alpha_matches_pingouin_documented_example():
    alpha, low, high = cronbach_alpha(PINGOUIN_ROWS)
    assert round(alpha, 4) == 0.5917
    assert round(alpha, 6) == 0.591719
    assert round(low, 3) == 0.195
    assert round(high, 3) == 0.840


def test_cronbach_alpha_hand_worked_example():
    rows = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 4, 5]]
    # Item variances: (1, 2, 3, 4) -> 5/3; (2, 3, 3, 4) -> 2/3; (2, 3, 4, 5) -> 5/3; sum 4.
    # Totals 5, 8, 10, 13 (mean 9): variance (16 + 1 + 1 + 16) / 3 = 34/3.
    # alpha = 3/2 * (1 - 4 / (34/3)) = 3/2 * 22/34 = 33/34 = 0.970588.
    # Feldt, df 3 and 6: F_.975(3, 6) = 6.5988 and F_.025(3, 6) = 1 / F_.975(6, 3) = 1 / 14.7347 = 0.067867,
    # so lower = 1 - (1/34) * 6.5988 = 0.805918 and upper = 1 - (1/34) * 0.067867 = 0.998004.
    alpha, low, high = cronbach_alpha(rows)
    assert alpha == pytest.approx(33 / 34)
    assert round(alpha, 4) == 0.9706
    assert round(low, 4) == 0.8059
    assert round(high, 4) == 0.9980


def test_feldt_interval_matches_feldt_woodruff_salih_1987():
    # Feldt, Woodruff & Salih (1987), p. 95: alpha .790, 41 examinees, 26 items, 90 % interval
    # .704 to .861 with F read from tables to two decimals; exact F gives .7047 to .8616
    # (as cocron's test of the same example records: .705 and .862).
    low, high = feldt_interval(0.79, 41, 26, confidence=0.90)
    assert round(low, 3) == 0.705
    assert round(high, 3) == 0.862
    assert low == pytest.approx(0.704, abs=0.001)
    assert high == pytest.approx(0.861, abs=0.001)


def test_cronbach_alpha_drops_incomplete_rows():
    with_gaps = [*PINGOUIN_ROWS, [1, None, 3, 4, 5, 6, 7, 1, 2, 3], [float("nan")] * 10]
    assert cronbach_alpha(with_gaps) == pytest.approx(cronbach_alpha(PINGOUIN_ROWS))


def test_cronbach_alpha_needs_two_items_and_two_complete_rows():
    with pytest.raises(ValueError, match="at least 2 items; got 1"):
        cronbach_alpha([[1], [2], [3]])
    with pytest.raises(ValueError, match="at least 2 respondents"):
        cronbach_alpha([[1, 2], [None, 3], [4, None]])
    with pytest.raises(ValueError, match="at least 2 items; got 0"):
        cronbach_alpha([])
    with pytest.raises(ValueError, match="row lengths"):
        cronbach_alpha([[1, 2], [1, 2, 3]])


def test_cronbach_alpha_is_nan_when_totals_do_not_vary():
    alpha, low, high = cronbach_alpha([[1, 5], [3, 3], [5, 1]])
    assert math.isnan(alpha) and math.isnan(low) and math.isnan(high)


def test_cronbach_alpha_can_be_negative():
    alpha, low, high = cronbach_alpha([[1, 5], [2, 3], [5, 1]])
    assert alpha < 0
    assert low < alpha < high


def test_cronbach_alpha_from_sums_equals_raw_computation():
    rng = random.Random(11)
    for rows in [PINGOUIN_ROWS] + [
        [[rng.randint(1, 5) for _ in range(k)] for _ in range(n)]
        for n, k in [(rng.randint(3, 200), rng.randint(2, 12)) for _ in range(20)]
    ]:
        k = len(rows[0])
        totals = [sum(row) for row in rows]
        columns = list(zip(*rows, strict=True))
        expected = cronbach_alpha(rows)
        got = cronbach_alpha_from_sums(
            len(rows),
            [sum(c) for c in columns],
            [sum(x * x for x in c) for c in columns],
            sum(totals),
            sum(t * t for t in totals),
        )
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12, nan_ok=True), (len(rows), k)


def test_cronbach_alpha_from_sums_rejects_bad_input():
    with pytest.raises(ValueError, match="item sums"):
        cronbach_alpha_from_sums(5, [10, 12], [30], 22, 120)
    with pytest.raises(ValueError, match="at least 2 items"):
        cronbach_alpha_from_sums(5, [10], [30], 10, 30)
    with pytest.raises(ValueError, match="at least 2 respondents"):
        cronbach_alpha_from_sums(1, [1, 2], [1, 4], 3, 9)
    with pytest.raises(ValueError, match="total_sum"):
        cronbach_alpha_from_sums(5, [10, 12], [30, 40], 23, 120)


# Scale scores -------------------------------------------------------------------------------


def test_scale_score_reverse_scores_before_averaging():
    # 1-5 scale, item 2 reversed: 4 -> 1 + 5 - 4 = 2; mean of (5, 2, 3) = 10/3.
    assert scale_score([5, 4, 3], 1, 5, [False, True, False]) == pytest.approx(10 / 3)
    # 0-4 scale reversed: 0 -> 4 and 4 -> 0.
    assert scale_score([0, 4], 0, 4, [True, True]) == 2.0
    assert scale_score([0, 0], 0, 4, [True, True]) == 4.0


def test_scale_score_min_share_boundary():
    flags = [False] * 4
    # Exactly half answered reaches the default share of 0.5.
    assert scale_score([2, None, 4, None], 1, 5, flags) == 3.0
    # One fewer is below it.
    assert scale_score([2, None, None, None], 1, 5, flags) is None
    assert scale_score([2, None, None, None], 1, 5, flags, min_share=0.25) == 2.0
    # Two of three items reaches a share of 2/3 despite binary rounding.
    assert scale_score([1, 2, None], 1, 5, [False] * 3, min_share=2 / 3) == 1.5
    assert scale_score([1, None, None], 1, 5, [False] * 3, min_share=2 / 3) is None
    # Seven of ten at 0.7.
    assert scale_score([3] * 7 + [None] * 3, 1, 5, [False] * 10, min_share=0.7) == 3.0
    assert scale_score([None, None], 1, 5, [False, False], min_share=0.5) is None


def test_scale_score_treats_nan_as_unanswered():
    assert scale_score([float("nan"), 4, 5], 1, 5, [False, False, True]) == pytest.approx(2.5)


@pytest.mark.parametrize(
    ("values", "minimum", "maximum", "flags", "min_share", "message"),
    [
        ([], 1, 5, [], 0.5, "at least one item"),
        ([1, 2], 1, 5, [False], 0.5, "reverse-scoring flags"),
        ([1, 2], 5, 1, [False, False], 0.5, "below its maximum"),
        ([1, 6], 1, 5, [False, False], 0.5, "outside the scale range"),
        ([1, 2], 1, 5, [False, False], 0, "min_share"),
        ([1, 2], 1, 5, [False, False], 1.5, "min_share"),
    ],
)
def test_scale_score_rejects_bad_input(values, minimum, maximum, flags, min_share, message):
    with pytest.raises(ValueError, match=message):
        scale_score(values, minimum, maximum, flags, min_share)


# ICC, design effect, minimum detectable effect ----------------------------------------------


def test_icc_oneway_balanced_hand_worked_example():
    # Groups (1, 2, 3), (4, 5, 6), (7, 8, 9): means 2, 5, 8, grand mean 5.
    # SSB = 3 * (9 + 0 + 9) = 54, MSB = 54 / 2 = 27; SSW = 2 + 2 + 2 = 6, MSW = 6 / 6 = 1; n0 = 3.
    # ICC = (27 - 1) / (27 + 2 * 1) = 26 / 29 = 0.896552.
    assert round(icc_oneway([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), 4) == 0.8966


def test_icc_oneway_unbalanced_hand_worked_example():
    # Groups (1, 3) and (5, 6, 7): N = 5, k = 2, means 2 and 6, grand mean 22/5 = 4.4.
    # SSB = 2 * 2.4^2 + 3 * 1.6^2 = 11.52 + 7.68 = 19.2 = MSB; SSW = 2 + 2 = 4, MSW = 4/3.
    # n0 = (5 - (4 + 9)/5) / 1 = 2.4. ICC = (19.2 - 4/3) / (19.2 + 1.4 * 4/3) = 17.8667 / 21.0667 = 0.848101.
    assert round(icc_oneway([[1, 3], [5, 6, 7]]), 4) == 0.8481


def test_icc_oneway_matches_shrout_fleiss_one_way_example():
    # Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges; BMS = 11.24, WMS = 6.26,
    # ICC(1,1) = (11.24 - 6.26) / (11.24 + 3 * 6.26) = 0.166, published as .17.
    targets = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    icc = icc_oneway(targets)
    assert round(icc, 2) == 0.17
    assert round(icc, 4) == 0.1657


def test_icc_oneway_is_floored_at_zero():
    assert icc_oneway([[1, 3], [1, 3], [1, 3]]) == 0.0
    assert icc_oneway([[4, 4], [4, 4, 4]]) == 0.0


def test_icc_oneway_ignores_empty_groups_and_rejects_too_little_data():
    assert icc_oneway([[1, 3], [], [5, 6, 7]]) == icc_oneway([[1, 3], [5, 6, 7]])
    with pytest.raises(ValueError, match="at least 2 non-empty groups"):
        icc_oneway([[1, 2, 3], []])
    with pytest.raises(ValueError, match="two or more members"):
        icc_oneway([[1], [2], [3]])


def test_icc_from_group_sums_equals_raw_computation():
    rng = random.Random(3)
    for _ in range(30):
        groups = [[rng.randint(1, 5) + (g % 3) for _ in range(rng.randint(1, 40))] for g in range(rng.randint(2, 15))]
        if sum(len(g) for g in groups) == len(groups):
            continue
        summed = [(len(g), float(sum(g)), float(sum(x * x for x in g))) for g in groups]
        assert icc_from_group_sums(summed) == pytest.approx(icc_oneway(groups), abs=1e-12)
    with pytest.raises(ValueError, match="negative"):
        icc_from_group_sums([(-1, 0.0, 0.0), (3, 6.0, 14.0)])


def test_design_effect():
    # Kish: 1 + (25 - 1) * 0.05 = 2.2.
    assert design_effect(25, 0.05) == pytest.approx(2.2)
    assert design_effect(1, 0.3) == 1.0
    with pytest.raises(ValueError, match="cluster size"):
        design_effect(0.5, 0.1)
    with pytest.raises(ValueError, match="ICC"):
        design_effect(10, 1.2)


def test_minimum_detectable_effect():
    # (1.959964 + 0.841621) / sqrt(100) = 0.280159.
    assert round(minimum_detectable_effect(100), 4) == 0.2802
    # With a design effect of 2.2 the effective n is 100 / 2.2: 0.280159 * sqrt(2.2) = 0.415541.
    assert round(minimum_detectable_effect(100, deff=2.2), 4) == 0.4155
    # 90 % power at alpha 0.01: (2.575829 + 1.281552) / sqrt(400) = 0.192869.
    assert round(minimum_detectable_effect(400, alpha=0.01, power=0.9), 4) == 0.1929


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 0}, "n must be positive"),
        ({"n": 10, "deff": 0}, "design effect"),
        ({"n": 10, "alpha": 1.0}, "alpha and power"),
        ({"n": 10, "power": 0}, "alpha and power"),
    ],
)
def test_minimum_detectable_effect_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        minimum_detectable_effect(**kwargs)


def test_paired_change_with_an_enormous_t_still_returns():
    # t is about 1.4e5; scipy's noncentral t cannot be evaluated there, so the d_z limits are nan.
    result = paired_change([0.0] * 51, [1000 + 0.1 * (i % 2) for i in range(51)])
    assert result.t > 1e5
    assert result.p < 1e-100
    assert math.isfinite(result.t) and math.isfinite(result.d_z)
    assert math.isnan(result.d_z_ci_low) and math.isnan(result.d_z_ci_high)
