"""A change as a report shows it: clustered by school when it pools schools, pupil-level for one school."""

import math

import pytest

from reports.rollup_sums import PairedSums
from reports.stats import clustered_change, paired_change
from reports.stats_pooled import MIN_SCHOOLS_FOR_P, pooled_change

# Three schools of (pre, post) pairs: A gains 1, 2, 3; B gains 2, 4; C gains 0, 1, 1, 2 (the worked example
# of test_stats_clustered: d̄ = 16/9, CR2 se = 0.564062, 95% CI -0.6492 to 4.2047 on 2 df).
SCHOOLS = [[(5, 6), (5, 7), (4, 7)], [(3, 5), (6, 10)], [(2, 2), (3, 4), (5, 6), (1, 3)]]


def sums_of(schools):
    total = PairedSums()
    groups = []
    for pairs in schools:
        own = PairedSums()
        for pre, post in pairs:
            total.add(pre, post)
            own.add(pre, post)
        groups.append((own.n, own.sum_diff, own.sumsq_diff))
    return total.as_tuple(), groups


def test_pooled_schools_get_the_clustered_interval_and_effect_size_interval():
    sums, groups = sums_of(SCHOOLS)
    result = pooled_change(sums, groups)
    diffs = [[post - pre for pre, post in pairs] for pairs in SCHOOLS]
    expected = clustered_change(diffs)
    flat = [pair for pairs in SCHOOLS for pair in pairs]
    paired = paired_change([p for p, _ in flat], [q for _, q in flat])

    assert (result.clustered, result.schools, result.df, result.n) == (True, 3, 2, 9)
    assert result.mean_diff == pytest.approx(16 / 9)
    assert result.se == pytest.approx(0.564062, abs=1e-6)
    assert (round(result.ci_low, 4), round(result.ci_high, 4)) == (-0.6492, 4.2047)
    assert (result.icc, result.design_effect) == pytest.approx((expected.icc, expected.design_effect))
    # Effect sizes from the pupils' spread, their interval from the clustered interval of the mean.
    assert result.d_z == pytest.approx(paired.d_z)
    assert result.d_av == pytest.approx(paired.d_av)
    assert result.g_z == pytest.approx(paired.g_z)
    assert (result.d_z_ci_low, result.d_z_ci_high) == pytest.approx(
        (expected.ci_low / paired.sd_diff, expected.ci_high / paired.sd_diff)
    )
    # Fewer than 10 schools: the clustered p exists (0.0876) but is not to be shown.
    assert result.p_value == pytest.approx(0.0876, abs=1e-4)
    assert result.few_schools and result.p is None


def test_ten_or_more_schools_show_their_clustered_p_value():
    schools = [[(10, 12 + k % 3), (11, 12), (9, 13 + k % 2)] for k in range(MIN_SCHOOLS_FOR_P)]
    sums, groups = sums_of(schools)
    result = pooled_change(sums, groups)
    expected = clustered_change([[post - pre for pre, post in pairs] for pairs in schools])
    assert not result.few_schools
    assert result.p == pytest.approx(expected.p)
    assert result.df == MIN_SCHOOLS_FOR_P - 1


def test_one_school_keeps_the_pupil_level_paired_interval():
    (pairs,) = SCHOOLS[:1]
    sums, groups = sums_of([pairs])
    result = pooled_change(sums, groups)
    expected = paired_change([p for p, _ in pairs], [q for _, q in pairs])
    assert (result.clustered, result.schools, result.df) == (False, 1, 2)
    assert (result.ci_low, result.ci_high) == pytest.approx((expected.ci_low, expected.ci_high))
    assert (result.d_z_ci_low, result.d_z_ci_high) == pytest.approx((expected.d_z_ci_low, expected.d_z_ci_high))
    assert result.p == pytest.approx(expected.p)
    assert math.isnan(result.icc) and math.isnan(result.design_effect)
    cheap = pooled_change(sums, groups, effect_size_interval=False)
    assert (cheap.ci_low, cheap.p) == pytest.approx((expected.ci_low, expected.p))
    assert math.isnan(cheap.d_z_ci_low)


def test_empty_schools_are_left_out_and_schools_that_do_not_add_up_are_refused():
    sums, groups = sums_of(SCHOOLS)
    assert pooled_change(sums, [*groups, (0, 0.0, 0.0)]).schools == 3
    with pytest.raises(ValueError, match=r"The schools' pairs \(6\) must add up to the area's \(9\)"):
        pooled_change(sums, groups[1:])
    with pytest.raises(ValueError, match="at least 2 pairs"):
        pooled_change((1, 1.0, 2.0, 1.0, 4.0, 1.0, 1.0), [(1, 1.0, 1.0)])
