"""Programme against comparison schools: the ANCOVA from per-school sums against statsmodels on the pupils' rows."""

import math
import random

import numpy as np
import pytest
import statsmodels.api as sm

from reports.rollup_sums import PairedSums
from reports.stats import hedges_j
from reports.stats_arms import ArmCell, compare_arms


def fixed_county():
    """A fixed data set: 8 programme schools and 4 comparison schools (one of them with a programme class too)
    of 6 to 30 pupils; quiz scores out of 100 with a school effect, the programme adding about 8 points."""
    rng = random.Random(20260314)
    pupils = []  # (school, programme, pre, post)
    for school in range(12):
        shift = rng.gauss(0, 4)
        arms = [True] if school < 8 else [False, True] if school == 8 else [False]
        for programme in arms:
            for _ in range(rng.randint(6, 30)):
                pre = min(100.0, max(0.0, rng.gauss(50 + shift, 15)))
                post = pre * 0.6 + 22 + shift + (8 if programme else 0) + rng.gauss(0, 10)
                pupils.append((school, programme, round(pre), round(post)))
    return pupils


def cells_of(pupils):
    sums: dict = {}
    for school, programme, pre, post in pupils:
        sums.setdefault((school, programme), PairedSums()).add(pre, post)
    return [ArmCell(school, programme, own.as_tuple()) for (school, programme), own in sums.items()]


def test_the_arm_comparison_from_sums_equals_statsmodels_on_the_pupils_rows():
    pupils = fixed_county()
    result = compare_arms(cells_of(pupils))

    y = np.array([post for *_, post in pupils], dtype=float)
    x = np.column_stack(
        [np.ones(len(pupils)), [1.0 if p else 0.0 for _, p, _, _ in pupils], [pre for _, _, pre, _ in pupils]]
    )
    fit = sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": np.array([s for s, *_ in pupils])}, use_t=True)
    assert result.difference == pytest.approx(fit.params[1], rel=1e-10)
    assert result.baseline_slope == pytest.approx(fit.params[2], rel=1e-10)
    assert result.se == pytest.approx(fit.bse[1], rel=1e-8)
    assert result.df == fit.df_resid_inference == 11
    low, high = fit.conf_int(alpha=0.05)[1]
    assert (result.ci_low, result.ci_high) == pytest.approx((low, high), rel=1e-8)
    assert result.p_value == pytest.approx(fit.pvalues[1], rel=1e-6)
    assert (result.schools, result.schools_programme, result.schools_comparison) == (12, 9, 4)


def test_hedges_g_is_standardised_by_the_pooled_baseline_sd():
    pupils = fixed_county()
    result = compare_arms(cells_of(pupils))

    pre = {arm: np.array([p for _, a, p, _ in pupils if a is arm], dtype=float) for arm in (True, False)}
    n_p, n_c = len(pre[True]), len(pre[False])
    pooled = math.sqrt(((n_p - 1) * pre[True].var(ddof=1) + (n_c - 1) * pre[False].var(ddof=1)) / (n_p + n_c - 2))
    j = hedges_j(n_p + n_c - 2)
    assert result.baseline_sd == pytest.approx(pooled, rel=1e-10)
    assert result.g == pytest.approx(j * result.difference / pooled, rel=1e-10)
    assert (result.g_ci_low, result.g_ci_high) == pytest.approx(
        (j * result.ci_low / pooled, j * result.ci_high / pooled), rel=1e-10
    )
    changes = {arm: np.mean([q - p for _, a, p, q in pupils if a is arm]) for arm in (True, False)}
    assert (result.change_programme, result.change_comparison) == pytest.approx((changes[True], changes[False]))
    assert result.p is not None  # 12 schools


def test_few_schools_give_no_p_value_and_bad_input_is_refused():
    pupils = [row for row in fixed_county() if row[0] in (0, 1, 9, 10)]
    result = compare_arms(cells_of(pupils))
    assert result.few_schools and result.p is None and result.df == 3

    only_programme = [row for row in fixed_county() if row[1]]
    with pytest.raises(ValueError, match="Both arms need at least 2 pupils"):
        compare_arms(cells_of(only_programme))
    one_school = [row for row in fixed_county() if row[0] == 8]
    with pytest.raises(ValueError, match="at least 2 schools"):
        compare_arms(cells_of(one_school))
    flat = [(s, p, 50, post) for s, p, _, post in pupils]
    with pytest.raises(ValueError, match="baseline scores do not vary"):
        compare_arms(cells_of(flat))
