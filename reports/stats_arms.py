"""Programme against comparison (wait-list) pupils: the ANCOVA difference between arms, from stored sums.

The effect of the lessons is the difference between pupils who had them and
comparison pupils who took the same quizzes and surveys at matched times
without them. Following the usual analysis of a pre/post trial with clusters,

    post_i = β0 + β1·programme_i + β2·pre_i + e_i

fitted by ordinary least squares, with schools as clusters: β1 is the
difference in mean change between the arms, adjusted for where pupils started
(ANCOVA; Vickers & Altman 2001, BMJ 323, 1123-1124). Everything OLS needs is a
sum the rollups keep per school and arm: n, Σpre, Σpost, Σpre², and
Σpre·post = (Σpre² + Σpost² - Σd²)/2 with d = post - pre. So is each school's
score Xⱼ'eⱼ = Xⱼ'yⱼ - Xⱼ'Xⱼβ, and with it the cluster-robust variance
statsmodels computes for ``OLS(...).fit(cov_type="cluster")`` (CR1):

    V = c · (X'X)⁻¹ (Σⱼ sⱼsⱼ') (X'X)⁻¹,  c = G/(G - 1) · (N - 1)/(N - 3)

with Student's t on G - 1 degrees of freedom (statsmodels' ``use_t``). CR2 needs
each pupil's row, which the rollups do not keep; with CR1 and few schools the
interval is too narrow, so below ``MIN_SCHOOLS_FOR_P`` schools no p-value is
given and the reading says the interval is wide.

Hedges' g standardises β1 by the pooled standard deviation of the baseline
(pre) scores of both arms, s_p = √(((n_P - 1)s_P² + (n_C - 1)s_C²)/(n_P + n_C - 2)),
with Hedges' correction J(n_P + n_C - 2); its interval is that of β1 scaled the
same way (What Works Clearinghouse Procedures Handbook 5.0, 2022, section
II.B; Hedges 2007, Journal of Educational and Behavioral Statistics 32, 341-370,
on clustering). Only this g is comparable with published between-group effects.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from reports.stats import hedges_j
from reports.stats_moments import ratio, upper_tail, variance_from_sums
from reports.stats_pooled import MIN_SCHOOLS_FOR_P

# (n, Σpre, Σpost, Σpre², Σpost², Σd, Σd²) of the pairs in one school and arm.
PairSums = tuple[int, float, float, float, float, float, float]


@dataclass(frozen=True)
class ArmCell:
    """One school's pairs in one arm (``programme`` True: had the lessons)."""

    school: Hashable
    programme: bool
    sums: PairSums


@dataclass(frozen=True)
class ArmComparison:
    """The difference between arms and its effect size; see ``compare_arms``."""

    n_programme: int
    n_comparison: int
    schools: int
    schools_programme: int
    schools_comparison: int
    change_programme: float
    change_comparison: float
    difference: float
    se: float
    df: int
    ci_low: float
    ci_high: float
    p_value: float
    baseline_slope: float
    baseline_sd: float
    g: float
    g_ci_low: float
    g_ci_high: float

    @property
    def few_schools(self) -> bool:
        return self.schools < MIN_SCHOOLS_FOR_P

    @property
    def p(self) -> float | None:
        """The p-value to show, or None (fewer than ``MIN_SCHOOLS_FOR_P`` schools, or undefined)."""
        return None if self.few_schools or math.isnan(self.p_value) else self.p_value


def compare_arms(cells: Sequence[ArmCell], confidence: float = 0.95) -> ArmComparison:
    """ANCOVA post ~ programme + pre with schools as clusters (CR1, t on G - 1), and Hedges' g.

    Cells with n = 0 are left out. Raises ValueError when either arm has fewer
    than 2 pairs, there are fewer than 2 schools, or the baseline scores do not
    vary (the model cannot be fitted).
    """
    kept = [cell for cell in cells if cell.sums[0] > 0]
    arms = {True: [c for c in kept if c.programme], False: [c for c in kept if not c.programme]}
    n_arm = {arm: sum(c.sums[0] for c in group) for arm, group in arms.items()}
    if min(n_arm.values()) < 2:
        raise ValueError("Both arms need at least 2 pupils with pairs to be compared.")
    schools = sorted({c.school for c in kept}, key=repr)
    if len(schools) < 2:
        raise ValueError("Comparing arms with schools as clusters needs at least 2 schools.")

    xtx = np.zeros((3, 3))
    xty = np.zeros(3)
    by_school: dict[Hashable, tuple[np.ndarray, np.ndarray]] = {}
    for cell in kept:
        cross = _cross_products(cell)
        xtx += cross[0]
        xty += cross[1]
        have = by_school.get(cell.school, (np.zeros((3, 3)), np.zeros(3)))
        by_school[cell.school] = (have[0] + cross[0], have[1] + cross[1])
    if np.linalg.matrix_rank(xtx) < 3:
        raise ValueError("The model cannot be fitted: the arms' baseline scores do not vary.")
    bread = np.linalg.inv(xtx)
    beta = bread @ xty
    meat = np.zeros((3, 3))
    for own_xtx, own_xty in by_school.values():
        score = own_xty - own_xtx @ beta
        meat += np.outer(score, score)
    big_n, g_count = sum(n_arm.values()), len(schools)
    correction = g_count / (g_count - 1) * (big_n - 1) / (big_n - 3)
    se = math.sqrt(correction * float((bread @ meat @ bread)[1, 1]))
    df = g_count - 1
    difference = float(beta[1])
    margin = float(stats.t.ppf(upper_tail(confidence), df)) * se
    t_stat = ratio(difference, se)
    p_value = math.nan if math.isnan(t_stat) else 0.0 if math.isinf(t_stat) else float(2 * stats.t.sf(abs(t_stat), df))

    baseline_sd = _pooled_baseline_sd(arms[True], arms[False])
    j = hedges_j(big_n - 2) if big_n > 3 else math.nan
    return ArmComparison(
        n_programme=n_arm[True],
        n_comparison=n_arm[False],
        schools=g_count,
        schools_programme=len({c.school for c in arms[True]}),
        schools_comparison=len({c.school for c in arms[False]}),
        change_programme=sum(c.sums[5] for c in arms[True]) / n_arm[True],
        change_comparison=sum(c.sums[5] for c in arms[False]) / n_arm[False],
        difference=difference,
        se=se,
        df=df,
        ci_low=difference - margin,
        ci_high=difference + margin,
        p_value=p_value,
        baseline_slope=float(beta[2]),
        baseline_sd=baseline_sd,
        g=j * ratio(difference, baseline_sd),
        g_ci_low=j * ratio(difference - margin, baseline_sd),
        g_ci_high=j * ratio(difference + margin, baseline_sd),
    )


def _cross_products(cell: ArmCell) -> tuple[np.ndarray, np.ndarray]:
    """X'X and X'y of one cell's pupils, for the columns (1, programme, pre) and y = post."""
    n, sum_pre, sum_post, sumsq_pre, sumsq_post, _, sumsq_diff = cell.sums
    a = 1.0 if cell.programme else 0.0
    sum_pre_post = (sumsq_pre + sumsq_post - sumsq_diff) / 2
    xtx = np.array(
        [
            [n, a * n, sum_pre],
            [a * n, a * n, a * sum_pre],
            [sum_pre, a * sum_pre, sumsq_pre],
        ],
        dtype=float,
    )
    xty = np.array([sum_post, a * sum_post, sum_pre_post], dtype=float)
    return xtx, xty


def _pooled_baseline_sd(programme: Sequence[ArmCell], comparison: Sequence[ArmCell]) -> float:
    """√(((n_P - 1)s_P² + (n_C - 1)s_C²)/(n_P + n_C - 2)) of the pre scores of each arm."""
    squares = 0.0
    total_n = 0
    for group in (programme, comparison):
        n = sum(c.sums[0] for c in group)
        sum_pre = sum(c.sums[1] for c in group)
        sumsq_pre = sum(c.sums[3] for c in group)
        squares += (n - 1) * variance_from_sums(n, sum_pre, sumsq_pre)
        total_n += n
    return math.sqrt(squares / (total_n - 2))
