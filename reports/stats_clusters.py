"""Clustering of pupils in schools: ICC(1), the design effect and the minimum detectable effect.

Pupils in one school resemble each other, so n pupils carry less information
than n independent ones. Import these from ``reports.stats``, which re-exports
them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

from reports.stats_moments import variance_from_sums


def icc_oneway(groups: Sequence[Sequence[float]]) -> float:
    """ICC(1) of pupils nested in schools, from a one-way random-effects ANOVA.

    With k non-empty groups of sizes nⱼ (N pupils in all), group means x̄ⱼ
    and grand mean x̄::

        MSB = Σ nⱼ (x̄ⱼ - x̄)² / (k - 1)
        MSW = Σⱼ Σᵢ (xᵢⱼ - x̄ⱼ)² / (N - k)
        n₀  = (N - Σnⱼ²/N) / (k - 1)
        ICC = (MSB - MSW) / (MSB + (n₀ - 1)·MSW), floored at 0

    n₀ is the adjusted mean group size for unequal groups; with equal groups
    it is the group size. A negative estimate means no detectable clustering
    and is reported as 0. When nothing varies at all (MSB = MSW = 0) the ICC
    is 0. Empty groups are ignored.

    Raises ValueError for fewer than 2 non-empty groups, or when no group has
    two members (there is then no within-group variation to compare with).

    References: Shrout, P. E. & Fleiss, J. L. (1979) Psychological Bulletin
    86, 420-428, ICC(1,1); Snijders, T. A. B. & Bosker, R. J. (2012)
    Multilevel Analysis, 2nd ed., section 3.3.1 (n₀ is their ñ).
    """
    arrays = [np.asarray(group, dtype=float) for group in groups if len(group) > 0]
    _check_groups([len(a) for a in arrays])
    grand_mean = float(np.concatenate(arrays).mean())
    between = math.fsum(len(a) * (float(a.mean()) - grand_mean) ** 2 for a in arrays)
    within = math.fsum(float(((a - a.mean()) ** 2).sum()) for a in arrays)
    return _icc_from_squares([len(a) for a in arrays], between, within)


def icc_from_group_sums(groups: Sequence[tuple[int, float, float]]) -> float:
    """``icc_oneway`` from each group's stored (n, Σx, Σx²).

    Within-group sum of squares: Σⱼ (Σx²ⱼ - (Σxⱼ)²/nⱼ); between-group:
    Σⱼ (Σxⱼ)²/nⱼ - (Σⱼ Σxⱼ)²/N. The formula is that of ``icc_oneway``, which
    this matches on the same data up to rounding. Groups with n = 0 are
    ignored; a negative n raises ValueError.
    """
    if any(n < 0 for n, _, _ in groups):
        raise ValueError("A group cannot have a negative number of members.")
    kept = [(n, total, total_sq) for n, total, total_sq in groups if n > 0]
    sizes = [n for n, _, _ in kept]
    _check_groups(sizes)
    big_n = sum(sizes)
    grand_total = math.fsum(total for _, total, _ in kept)
    within = math.fsum((n - 1) * variance_from_sums(n, total, total_sq) for n, total, total_sq in kept if n > 1)
    between = max(0.0, math.fsum(total * total / n for n, total, _ in kept) - grand_total * grand_total / big_n)
    return _icc_from_squares(sizes, between, within)


def design_effect(mean_cluster_size: float, icc: float) -> float:
    """Kish's design effect for cluster sampling: DEFF = 1 + (m - 1)·ICC.

    m is the mean number of pupils per school. Dividing the number of pupils
    by DEFF gives the effective sample size. Raises ValueError for m < 1 or an
    ICC outside [0, 1].

    Reference: Kish, L. (1965) Survey Sampling, section 5.4.
    """
    if mean_cluster_size < 1:
        raise ValueError(f"The mean cluster size must be at least 1; got {mean_cluster_size}.")
    if not 0 <= icc <= 1:
        raise ValueError(f"The ICC must be between 0 and 1; got {icc}.")
    return 1 + (mean_cluster_size - 1) * icc


def minimum_detectable_effect(n: int, deff: float = 1.0, alpha: float = 0.05, power: float = 0.8) -> float:
    """Smallest standardised pre/post change (d_z) the evaluation can reliably detect.

    MDE = (z_{1-alpha/2} + z_{power}) / √(n / DEFF), with z the standard normal
    quantile and n / DEFF the effective number of pupils. For n = 100,
    DEFF = 1, alpha = 0.05 and 80 % power: (1.95996 + 0.84162)/10 = 0.2802. A
    normal approximation, slightly optimistic below about 30 effective pupils.

    References: Bloom, H. S. (1995) Evaluation Review 19, 547-556; Cohen, J.
    (1988) Statistical Power Analysis for the Behavioral Sciences, ch. 2.
    """
    if n <= 0:
        raise ValueError(f"n must be positive; got {n}.")
    if deff <= 0:
        raise ValueError(f"The design effect must be positive; got {deff}.")
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError(f"alpha and power must be between 0 and 1; got {alpha} and {power}.")
    z_alpha = float(stats.norm.ppf(1 - alpha / 2))
    z_power = float(stats.norm.ppf(power))
    return (z_alpha + z_power) / math.sqrt(n / deff)


def _check_groups(sizes: list[int]) -> None:
    if len(sizes) < 2:
        raise ValueError(f"An ICC needs at least 2 non-empty groups; got {len(sizes)}.")
    if sum(sizes) - len(sizes) < 1:
        raise ValueError("An ICC needs at least one group with two or more members.")


def _icc_from_squares(sizes: list[int], between: float, within: float) -> float:
    k, big_n = len(sizes), sum(sizes)
    msb = between / (k - 1)
    msw = within / (big_n - k)
    n0 = (big_n - sum(n * n for n in sizes) / big_n) / (k - 1)
    denominator = msb + (n0 - 1) * msw
    if denominator <= 0:
        return 0.0
    return max(0.0, (msb - msw) / denominator)
