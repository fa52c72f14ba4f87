"""Scale scores and their internal consistency (Cronbach's alpha with Feldt's interval).

Import these from ``reports.stats``, which re-exports them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

import numpy as np
from scipy import stats

from reports.stats_moments import is_missing, upper_tail, variance_from_sums

# Shares such as 2/3 are not exact in binary; answered/total within this of min_share counts as reaching it.
_SHARE_TOLERANCE = 1e-9


def scale_score(
    values: Sequence[float | None],
    minimum: float,
    maximum: float,
    reverse_flags: Sequence[bool],
    min_share: float = 0.5,
) -> float | None:
    """A pupil's score on one scale: the mean of the answered items after reverse scoring.

    A reverse-scored item is turned round with x' = min + max - x (on a 1-5
    scale 1 ↔ 5, 2 ↔ 4, 3 stays 3), so a high score always means the same
    thing. Unanswered items (None or NaN) are left out of the mean (person-mean
    imputation). The score is None when answered/total < ``min_share``: a pupil
    who answered exactly half of the items still gets a score at the default
    0.5.

    Raises ValueError for an empty scale, a flags list of another length,
    minimum ≥ maximum, ``min_share`` outside (0, 1], or an answer outside
    [minimum, maximum] (a sign the wrong scale definition was used).

    References: Likert, R. (1932) Archives of Psychology 140; on the mean of
    available items, Schafer, J. L. & Graham, J. W. (2002) Psychological
    Methods 7, 147-177.
    """
    if not values:
        raise ValueError("A scale needs at least one item.")
    if len(values) != len(reverse_flags):
        raise ValueError(f"Got {len(values)} answers but {len(reverse_flags)} reverse-scoring flags.")
    if minimum >= maximum:
        raise ValueError(f"The scale minimum ({minimum}) must be below its maximum ({maximum}).")
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be in (0, 1]; got {min_share}.")
    scored: list[float] = []
    for value, reverse in zip(values, reverse_flags, strict=True):
        if value is None or is_missing(value):
            continue
        if not minimum <= value <= maximum:
            raise ValueError(f"Answer {value} is outside the scale range {minimum} to {maximum}.")
        scored.append(minimum + maximum - value if reverse else value)
    if not scored or len(scored) / len(values) < min_share - _SHARE_TOLERANCE:
        return None
    return statistics.fmean(scored)


def feldt_interval(alpha: float, n: int, k: int, confidence: float = 0.95) -> tuple[float, float]:
    """Feldt's confidence interval for Cronbach's alpha from n respondents and k items.

    With a the sample alpha, (1 - alpha)/(1 - a) follows an F distribution on
    df₁ = n - 1 and df₂ = (n - 1)(k - 1). With c = 1 - confidence and F_q the
    q quantile of that distribution::

        lower = 1 - (1 - a) · F_{1-c/2}(df₁, df₂)
        upper = 1 - (1 - a) · F_{c/2}(df₁, df₂)

    so the larger quantile gives the lower limit (as in pingouin and R's
    cocron). Checked against Feldt, Woodruff & Salih's worked example
    (a = .790, n = 41, k = 26, 90 %): .7047 to .8616, which they print as
    .704 to .861 from F tables rounded to two decimals.

    References: Feldt, L. S. (1965) Psychometrika 30, 357-370; Feldt,
    Woodruff & Salih (1987) Applied Psychological Measurement 11, 93-103,
    formulas 6 and 7.
    """
    if n < 2 or k < 2:
        raise ValueError(f"Feldt's interval needs at least 2 respondents and 2 items; got n={n}, k={k}.")
    tail = upper_tail(confidence)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    lower = 1 - (1 - alpha) * float(stats.f.ppf(tail, df1, df2))
    upper = 1 - (1 - alpha) * float(stats.f.ppf(1 - tail, df1, df2))
    return lower, upper


def cronbach_alpha(items: Sequence[Sequence[float | None]], confidence: float = 0.95) -> tuple[float, float, float]:
    """Cronbach's alpha with Feldt's confidence interval: (alpha, ci_low, ci_high).

    Rows are respondents, columns items. A row with any missing answer (None
    or NaN) is dropped whole (listwise deletion). With k items, item sample
    variances sᵢ² and the sample variance s_T² of respondents' total scores::

        alpha = k/(k - 1) · (1 - Σsᵢ² / s_T²)

    The interval is ``feldt_interval`` on the n complete rows. When the total
    scores do not vary at all (s_T² = 0) alpha is undefined and all three
    values are nan. Alpha can be negative when items disagree.

    Raises ValueError for rows of different lengths, fewer than 2 items or
    fewer than 2 complete rows.

    Reference: Cronbach, L. J. (1951) Psychometrika 16, 297-334.
    """
    rows = [list(row) for row in items]
    widths = {len(row) for row in rows}
    if len(widths) > 1:
        raise ValueError(f"Every respondent needs an entry for every item; row lengths were {sorted(widths)}.")
    k = widths.pop() if widths else 0
    if k < 2:
        raise ValueError(f"Cronbach's alpha needs at least 2 items; got {k}.")
    complete = [[float(x) for x in row if x is not None] for row in rows if not any(is_missing(x) for x in row)]
    if len(complete) < 2:
        raise ValueError(
            f"Cronbach's alpha needs at least 2 respondents with every item answered; got {len(complete)}."
        )
    matrix = np.array(complete)
    item_variance = float(matrix.var(axis=0, ddof=1).sum())
    total_variance = float(matrix.sum(axis=1).var(ddof=1))
    return _alpha_with_interval(len(complete), k, item_variance, total_variance, confidence)


def cronbach_alpha_from_sums(
    n: int,
    item_sums: Sequence[float],
    item_sumsqs: Sequence[float],
    total_sum: float,
    total_sumsq: float,
    confidence: float = 0.95,
) -> tuple[float, float, float]:
    """``cronbach_alpha`` from stored sums over the n complete rows.

    ``item_sums[i]``/``item_sumsqs[i]`` are Σx and Σx² of item i;
    ``total_sum``/``total_sumsq`` are Σ and Σ of squares of each respondent's
    total score. Sample variances are (Σx² - (Σx)²/n)/(n - 1); the result
    matches ``cronbach_alpha`` on the same rows up to rounding. Raises
    ValueError as ``cronbach_alpha`` does, when the two item lists differ in
    length, or when Σ item sums ≠ total_sum.
    """
    if len(item_sums) != len(item_sumsqs):
        raise ValueError(f"Got {len(item_sums)} item sums but {len(item_sumsqs)} item sums of squares.")
    k = len(item_sums)
    if k < 2:
        raise ValueError(f"Cronbach's alpha needs at least 2 items; got {k}.")
    if n < 2:
        raise ValueError(f"Cronbach's alpha needs at least 2 respondents with every item answered; got {n}.")
    if abs(math.fsum(item_sums) - total_sum) > 1e-9 * max(1.0, abs(total_sum)):
        raise ValueError("total_sum must equal the sum of the item sums over the same respondents.")
    item_variance = math.fsum(variance_from_sums(n, s, ss) for s, ss in zip(item_sums, item_sumsqs, strict=True))
    total_variance = variance_from_sums(n, total_sum, total_sumsq)
    return _alpha_with_interval(n, k, item_variance, total_variance, confidence)


def _alpha_with_interval(
    n: int, k: int, item_variance: float, total_variance: float, confidence: float
) -> tuple[float, float, float]:
    upper_tail(confidence)  # reject a bad confidence even when alpha is undefined
    if total_variance <= 0:
        return math.nan, math.nan, math.nan
    alpha = k / (k - 1) * (1 - item_variance / total_variance)
    low, high = feldt_interval(alpha, n, k, confidence)
    return alpha, low, high
