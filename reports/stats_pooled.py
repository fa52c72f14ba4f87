"""A before/after change as a report shows it: clustered by school when it pools schools.

Every published change is either one school's (its pupils are the whole story,
so the pupil-level paired t interval is right for it, and labelled so) or pools
pupils from several schools (then the interval must allow for pupils in one
school resembling each other: the CR2 cluster-robust interval of
``reports.stats.clustered_change_from_sums``, on schools - 1 degrees of freedom).
Both come from stored sums: the area's (n, Σpre, Σpost, Σpre², Σpost², Σd, Σd²)
and each school's (n, Σd, Σd²), as the rollups hold them; nothing here reads a pupil.

Below ``MIN_SCHOOLS_FOR_P`` schools a pooled figure has no p-value: with so few
schools the t reference on G - 1 degrees of freedom is the best available
approximation, but a p-value would suggest a precision the data do not have;
the interval is shown, and said to be wide because few schools took part.

Import from here (not ``reports.stats``, which this module builds on).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats

from reports.stats import clustered_change_from_sums, hedges_j, paired_change_from_sums
from reports.stats_moments import ratio, upper_tail, variance_from_sums

# Fewer schools than this: no p-value for a pooled figure, and its reading says why the interval is wide.
MIN_SCHOOLS_FOR_P = 10

SchoolGroup = tuple[int, float, float]  # one school's (n, Σd, Σd²) of the pairs


@dataclass(frozen=True)
class PooledChange:
    """A mean change (post - pre) with its interval and effect sizes; see ``pooled_change``.

    ``clustered`` says which interval it is: True for the CR2 interval over
    ``schools`` schools (df = schools - 1), False for one school's pupil-level
    paired t (df = n - 1). ``p_value`` is the two-sided p of that t; ``p`` is
    what may be shown (None below ``MIN_SCHOOLS_FOR_P`` pooled schools).
    ``icc`` and ``design_effect`` are nan for a single school.
    """

    n: int
    schools: int
    clustered: bool
    mean_pre: float
    mean_post: float
    mean_diff: float
    sd_diff: float
    sd_pre: float
    sd_post: float
    se: float
    df: int
    ci_low: float
    ci_high: float
    p_value: float
    d_z: float
    d_z_ci_low: float
    d_z_ci_high: float
    g_z: float
    d_av: float
    icc: float
    design_effect: float

    @property
    def few_schools(self) -> bool:
        """A pooled figure from fewer than ``MIN_SCHOOLS_FOR_P`` schools: wide interval, no p-value."""
        return self.clustered and self.schools < MIN_SCHOOLS_FOR_P

    @property
    def p(self) -> float | None:
        """The p-value to show, or None when it must not be shown (few schools, or undefined)."""
        return None if self.few_schools or math.isnan(self.p_value) else self.p_value


def pooled_change(
    sums: Sequence[float],
    school_groups: Sequence[SchoolGroup],
    *,
    confidence: float = 0.95,
    effect_size_interval: bool = True,
) -> PooledChange:
    """The change from stored pair sums, clustered when more than one school has pairs.

    ``sums`` are the area's (n, Σpre, Σpost, Σpre², Σpost², Σd, Σd²) in the order of
    ``reports.rollup_sums.PairedSums.as_tuple``; ``school_groups`` each school's
    (n, Σd, Σd²) of the same pairs (schools with n = 0 are left out).

    With two or more schools: mean and interval from ``clustered_change_from_sums``
    (CR2 standard error, t on G - 1), p from that t; d_z = d̄/s_d and its interval
    is the change's interval divided by s_d (s_d, from thousands of pupils, treated
    as known; the clustered uncertainty is in the mean); g_z = J(n - 1)·d_z;
    d_av = d̄ / √((s_pre² + s_post²)/2). With one school: the pupil-level paired t
    of ``paired_change_from_sums``, whose d_z interval inverts the noncentral t
    (a root search; with ``effect_size_interval`` False it is skipped and nan).

    Raises ValueError for fewer than 2 pairs, no school with pairs, or school
    groups whose pupils do not add up to n.
    """
    n, sum_pre, sum_post, sumsq_pre, sumsq_post, sum_diff, sumsq_diff = sums
    n = int(n)
    if n < 2:
        raise ValueError(f"A change needs at least 2 pairs; got {n}.")
    groups = [(int(g_n), float(total), float(total_sq)) for g_n, total, total_sq in school_groups if g_n > 0]
    if sum(g_n for g_n, _, _ in groups) != n:
        raise ValueError(f"The schools' pairs ({sum(g_n for g_n, _, _ in groups)}) must add up to the area's ({n}).")
    sd_pre = math.sqrt(variance_from_sums(n, sum_pre, sumsq_pre))
    sd_post = math.sqrt(variance_from_sums(n, sum_post, sumsq_post))
    sd_diff = math.sqrt(variance_from_sums(n, sum_diff, sumsq_diff))
    d_av = ratio(sum_diff / n, math.sqrt((sd_pre**2 + sd_post**2) / 2))
    common = {"mean_pre": sum_pre / n, "mean_post": sum_post / n, "sd_pre": sd_pre, "sd_post": sd_post}
    if len(groups) >= 2:
        pooled = clustered_change_from_sums(groups, confidence)
        d_z = ratio(pooled.mean_diff, sd_diff)
        return PooledChange(
            n=n,
            **common,
            schools=pooled.clusters,
            clustered=True,
            mean_diff=pooled.mean_diff,
            sd_diff=sd_diff,
            se=pooled.se,
            df=pooled.df,
            ci_low=pooled.ci_low,
            ci_high=pooled.ci_high,
            p_value=pooled.p,
            d_z=d_z,
            d_z_ci_low=ratio(pooled.ci_low, sd_diff),
            d_z_ci_high=ratio(pooled.ci_high, sd_diff),
            g_z=hedges_j(n - 1) * d_z if n > 2 else math.nan,
            d_av=d_av,
            icc=pooled.icc,
            design_effect=pooled.design_effect,
        )
    if not groups:
        raise ValueError("A change needs at least one school with pairs.")
    d_z = ratio(sum_diff / n, sd_diff)
    d_z_low = d_z_high = math.nan
    if effect_size_interval:
        paired = paired_change_from_sums(n, sum_pre, sum_post, sumsq_pre, sumsq_post, sum_diff, sumsq_diff, confidence)
        d_z_low, d_z_high = paired.d_z_ci_low, paired.d_z_ci_high
    t_stat = d_z * math.sqrt(n)
    se = sd_diff / math.sqrt(n)
    margin = float(stats.t.ppf(upper_tail(confidence), n - 1)) * se
    mean_diff = sum_diff / n
    return PooledChange(
        n=n,
        **common,
        schools=1,
        clustered=False,
        mean_diff=mean_diff,
        sd_diff=sd_diff,
        se=se,
        df=n - 1,
        ci_low=mean_diff - margin,
        ci_high=mean_diff + margin,
        p_value=_two_sided_p(t_stat, n - 1),
        d_z=d_z,
        d_z_ci_low=d_z_low,
        d_z_ci_high=d_z_high,
        g_z=hedges_j(n - 1) * d_z if n > 2 else math.nan,
        d_av=d_av,
        icc=math.nan,
        design_effect=math.nan,
    )


def _two_sided_p(t_stat: float, df: int) -> float:
    """2·P(T_df > |t|); 0 for an infinite t (every difference the same, not zero), nan for an undefined one."""
    if math.isnan(t_stat):
        return math.nan
    return 0.0 if math.isinf(t_stat) else float(2 * stats.t.sf(abs(t_stat), df))
