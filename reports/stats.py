"""Statistics for the evaluation reports: pure functions on plain numbers.

Every function takes and returns plain Python numbers, so the same code serves
raw answers (in tests and evaluator exports) and stored rollup sums (in
reports). scipy supplies the distributions. Each docstring gives the formula
and a reference.

Scale scores and reliability (``reports.stats_scales``) and clustering
(``reports.stats_clusters``) live in their own modules and are re-exported
here, so callers import every statistic from ``reports.stats``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from reports.stats_clusters import (
    ClusteredChange,
    clustered_change,
    clustered_change_from_sums,
    design_effect,
    design_effect_unequal,
    icc_from_group_sums,
    icc_oneway,
    minimum_detectable_effect,
)
from reports.stats_moments import is_missing, mean_sd, ratio, upper_tail, variance_from_sums
from reports.stats_scales import cronbach_alpha, cronbach_alpha_from_sums, feldt_interval, scale_score

__all__ = [
    "ClusteredChange",
    "PairedChange",
    "clustered_change",
    "clustered_change_from_sums",
    "cronbach_alpha",
    "cronbach_alpha_from_sums",
    "design_effect",
    "design_effect_unequal",
    "feldt_interval",
    "hedges_j",
    "icc_from_group_sums",
    "icc_oneway",
    "minimum_detectable_effect",
    "paired_change",
    "paired_change_from_sums",
    "scale_score",
    "wilson_interval",
]


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion (completion rates, pass rates).

    With p = successes / n and z the standard normal quantile at 1 - (1 - confidence)/2::

        (p + z²/2n ± z·√(p(1 - p)/n + z²/4n²)) / (1 + z²/n)

    The interval stays inside [0, 1] and behaves well for small n and for p
    near 0 or 1, unlike the Wald interval p ± z·√(p(1 - p)/n). At 0 successes
    the lower limit is exactly 0, at n successes the upper limit is exactly 1.

    References: Wilson, E. B. (1927) JASA 22, 209-212; Newcombe, R. G. (1998)
    Statistics in Medicine 17, 857-872, method 3.
    """
    if n <= 0:
        raise ValueError(f"A Wilson interval needs at least one trial; n was {n}.")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be between 0 and n ({n}); got {successes}.")
    z = float(stats.norm.ppf(upper_tail(confidence)))
    p = successes / n
    z2_n = z * z / n
    centre = (p + z2_n / 2) / (1 + z2_n)
    half_width = z * math.sqrt(p * (1 - p) / n + z2_n / (4 * n)) / (1 + z2_n)
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == n else min(1.0, centre + half_width)
    return low, high


def hedges_j(df: float) -> float:
    """Exact small-sample bias correction for a standardised mean difference.

    ``J(df) = Γ(df/2) / (√(df/2) · Γ((df - 1)/2))``, computed on the log scale
    with ``gammaln`` so large df do not overflow. J(9) = 0.91387, close to the
    usual approximation 1 - 3/(4·df - 1) = 0.91429. Needs df > 1: with one
    degree of freedom the expected value of d does not exist.

    References: Hedges, L. V. (1981) Journal of Educational Statistics 6,
    107-128, eq. 6e; Hedges & Olkin (1985) Statistical Methods for
    Meta-Analysis, p. 80.
    """
    if df <= 1:
        raise ValueError(f"Hedges' correction needs more than 1 degree of freedom; got {df}.")
    log_j = special.gammaln(df / 2) - 0.5 * math.log(df / 2) - special.gammaln((df - 1) / 2)
    return float(math.exp(log_j))


@dataclass(frozen=True)
class PairedChange:
    """Change from pre to post in matched pairs (difference = post - pre).

    ``p`` is two-sided. ``ci_low``/``ci_high`` bound the mean difference,
    ``d_z_ci_low``/``d_z_ci_high`` bound d_z. See ``paired_change``.
    """

    n: int
    mean_pre: float
    mean_post: float
    mean_diff: float
    sd_diff: float
    t: float
    df: int
    p: float
    ci_low: float
    ci_high: float
    d_z: float
    d_z_ci_low: float
    d_z_ci_high: float
    g_z: float
    d_av: float


def paired_change(pre: Sequence[float | None], post: Sequence[float | None], confidence: float = 0.95) -> PairedChange:
    """Paired t-test and standardised effect sizes for pre/post scores.

    ``pre[i]`` and ``post[i]`` belong to the same pupil. A pair with a missing
    value (None or NaN) on either side is dropped. With the n differences
    dᵢ = postᵢ - preᵢ, mean d̄, sample standard deviation s_d and
    c = 1 - confidence:

    - t = d̄ / (s_d/√n) on df = n - 1; p = 2·P(T_df > |t|).
    - CI of the mean difference: d̄ ± t_{df, 1-c/2} · s_d/√n.
    - d_z = d̄ / s_d (Cohen 1988, p. 48). Its CI inverts the noncentral t:
      the limits are the noncentrality parameters λ with
      P(T_df(λ) ≤ t) = 1 - c/2 and c/2, divided by √n (Steiger & Fouladi
      1997; Cumming & Finch 2001).
    - g_z = J(df)·d_z, Hedges' exact correction (see ``hedges_j``); nan for
      n = 2, where the correction does not exist.
    - d_av = d̄ / √((s_pre² + s_post²)/2) (Cumming 2012; Lakens 2013,
      Frontiers in Psychology 4:863).

    When every difference is the same (s_d = 0, or within rounding error of
    it: see ``reports.stats_moments.mean_sd``) the t distribution does not
    apply: t, d_z and g_z are ±inf with p = 0 if that difference is non-zero,
    and nan with p = nan if it is zero; the mean-difference CI collapses to
    the point d̄; the d_z CI is (nan, nan). d_av follows the same rule when
    both s_pre and s_post are 0. Nothing raises ZeroDivisionError. The d_z CI
    is also nan if scipy cannot evaluate the noncentral t, which happens only
    for t far beyond any real evaluation (about 10⁵).

    Raises ValueError when the sequences differ in length or fewer than 2
    complete pairs remain.

    Reference for the t-test and its CI: Student (1908) Biometrika 6, 1-25.
    """
    if len(pre) != len(post):
        raise ValueError(f"pre and post must have the same length; got {len(pre)} and {len(post)}.")
    pairs = [
        (float(a), float(b))
        for a, b in zip(pre, post, strict=True)
        if a is not None and b is not None and not is_missing(a) and not is_missing(b)
    ]
    if len(pairs) < 2:
        raise ValueError(f"A paired comparison needs at least 2 complete pairs; got {len(pairs)}.")
    values = np.array(pairs)
    mean_pre, sd_pre = mean_sd(values[:, 0])
    mean_post, sd_post = mean_sd(values[:, 1])
    mean_diff, sd_diff = mean_sd(values[:, 1] - values[:, 0])
    return _paired_change_from_moments(
        n=len(pairs),
        mean_pre=mean_pre,
        mean_post=mean_post,
        sd_pre=sd_pre,
        sd_post=sd_post,
        mean_diff=mean_diff,
        sd_diff=sd_diff,
        confidence=confidence,
    )


def paired_change_from_sums(
    n: int,
    sum_pre: float,
    sum_post: float,
    sumsq_pre: float,
    sumsq_post: float,
    sum_diff: float,
    sumsq_diff: float,
    confidence: float = 0.95,
) -> PairedChange:
    """``paired_change`` from stored sums of complete pairs (rollup tables).

    Means are Σx/n and sample variances (Σx² - (Σx)²/n)/(n - 1) for pre, post
    and the difference post - pre; everything else is as in
    ``paired_change``, which this matches on the same data up to rounding.
    Raises ValueError for n < 2, or when the sums cannot come from real data
    (a clearly negative variance, or Σd ≠ Σpost - Σpre).
    """
    if n < 2:
        raise ValueError(f"A paired comparison needs at least 2 complete pairs; got {n}.")
    scale = max(1.0, abs(sum_pre), abs(sum_post))
    if abs(sum_diff - (sum_post - sum_pre)) > 1e-9 * scale:
        raise ValueError("sum_diff must equal sum_post - sum_pre for the same pairs.")
    return _paired_change_from_moments(
        n=n,
        mean_pre=sum_pre / n,
        mean_post=sum_post / n,
        sd_pre=math.sqrt(variance_from_sums(n, sum_pre, sumsq_pre)),
        sd_post=math.sqrt(variance_from_sums(n, sum_post, sumsq_post)),
        mean_diff=sum_diff / n,
        sd_diff=math.sqrt(variance_from_sums(n, sum_diff, sumsq_diff)),
        confidence=confidence,
    )


def _paired_change_from_moments(
    *,
    n: int,
    mean_pre: float,
    mean_post: float,
    sd_pre: float,
    sd_post: float,
    mean_diff: float,
    sd_diff: float,
    confidence: float,
) -> PairedChange:
    tail = upper_tail(confidence)
    df = n - 1
    root_n = math.sqrt(n)
    margin = float(stats.t.ppf(tail, df)) * sd_diff / root_n
    if sd_diff > 0:
        d_z = mean_diff / sd_diff
        t_stat = d_z * root_n
        p = float(2 * stats.t.sf(abs(t_stat), df))
        d_z_low = _noncentrality_limit(t_stat, df, tail) / root_n
        d_z_high = _noncentrality_limit(t_stat, df, 1 - tail) / root_n
    else:
        d_z = t_stat = ratio(mean_diff, 0.0)
        p = 0.0 if mean_diff != 0 else math.nan
        d_z_low = d_z_high = math.nan
    return PairedChange(
        n=n,
        mean_pre=mean_pre,
        mean_post=mean_post,
        mean_diff=mean_diff,
        sd_diff=sd_diff,
        t=t_stat,
        df=df,
        p=p,
        ci_low=mean_diff - margin,
        ci_high=mean_diff + margin,
        d_z=d_z,
        d_z_ci_low=d_z_low,
        d_z_ci_high=d_z_high,
        g_z=hedges_j(df) * d_z if df > 1 else math.nan,
        d_av=ratio(mean_diff, math.sqrt((sd_pre**2 + sd_post**2) / 2)),
    )


def _noncentrality_limit(t_obs: float, df: int, cumulative: float) -> float:
    """The noncentrality λ at which the observed t sits at ``cumulative`` of T_df(λ).

    P(T_df(λ) ≤ t) falls as λ grows, so a bracket is widened around t until
    it changes sign, then Brent's method finds the root. scipy's noncentral t
    gives up (NaN) far beyond any realistic t (about 10⁵ on 50 df); the limit
    is then nan rather than an error.
    """

    def excess(ncp: float) -> float:
        return float(stats.nct.cdf(t_obs, df, ncp)) - cumulative

    low = _widen(excess, t_obs, -1.0)
    high = _widen(excess, t_obs, 1.0)
    if math.isnan(low) or math.isnan(high):
        return math.nan
    return float(optimize.brentq(excess, low, high, xtol=1e-12, rtol=1e-12))


def _widen(excess: Callable[[float], float], start: float, direction: float) -> float:
    """Step from ``start`` in ``direction`` until ``excess`` has the sign of that side of the root."""
    step = max(1.0, abs(start) / 4)
    point = start + direction * step
    for _ in range(64):
        value = excess(point)
        if math.isnan(value):
            return math.nan
        if value * direction < 0:
            return point
        step *= 2
        point += direction * step
    return math.nan
