"""Sample moments from raw values or stored sums, and the checks every statistic shares.

The report statistics are computed either from raw values or from the sums a
rollup table stores (n, Σx, Σx²). Both routes meet here so they agree.
"""

from __future__ import annotations

import math

import numpy as np

# Σx² - (Σx)²/n loses about one unit in the last place of Σx² to cancellation,
# so a variance within this share of the mean square is rounding residue, not spread.
_CANCELLATION_SLACK = 1e-12


def is_missing(value: float | None) -> bool:
    """True for None and NaN, the two ways a missing answer reaches a statistic."""
    # NaN is the one value not equal to itself, whatever its numeric type.
    return value is None or value != value


def upper_tail(confidence: float) -> float:
    """The cumulative probability 1 - (1 - confidence)/2 of a two-sided interval's upper limit."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive); got {confidence}.")
    return 1 - (1 - confidence) / 2


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, with a zero denominator giving ±inf (or nan for 0/0) instead of raising."""
    if denominator != 0:
        return numerator / denominator
    if numerator == 0 or math.isnan(numerator):
        return math.nan
    return math.copysign(math.inf, numerator)


def mean_sd(values: np.ndarray) -> tuple[float, float]:
    """Mean and sample standard deviation (divisor n - 1) of at least two values.

    Computed in two passes for accuracy. A spread within rounding error of
    zero (values that differ only in the last binary place, such as
    0.4 - 0.1 and 0.5 - 0.2) is returned as exactly 0, by the same rule as
    ``variance_from_sums``, so raw data and stored sums agree on it.
    """
    mean = float(values.mean())
    variance = float(values.var(ddof=1))
    slack = _CANCELLATION_SLACK * float(np.square(values).sum()) / (len(values) - 1)
    return mean, (0.0 if variance <= slack else math.sqrt(variance))


def variance_from_sums(n: int, total: float, total_sq: float) -> float:
    """Sample variance from stored sums: s² = (Σx² - (Σx)²/n) / (n - 1).

    A result within rounding error of zero is returned as exactly 0; a clearly
    negative one means the sums cannot come from real data and raises
    ValueError.
    """
    if n < 2:
        raise ValueError(f"A variance needs at least 2 values; got {n}.")
    variance = (total_sq - total * total / n) / (n - 1)
    slack = _CANCELLATION_SLACK * abs(total_sq) / (n - 1)
    if variance < -slack:
        raise ValueError(f"Inconsistent sums: Σx² = {total_sq} is less than (Σx)²/n for Σx = {total}, n = {n}.")
    return 0.0 if variance <= slack else variance
