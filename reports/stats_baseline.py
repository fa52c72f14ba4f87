"""The baseline check of attrition: did the pupils who stayed start where the pupils lost started?

CONSORT asks whether those analysed differ at the start from those lost (Schulz, Altman &
Moher 2010, item 13b; Dumville, Torgerson & Hewitt 2006, BMJ 332, 969-971). Here: the
mean score before the lessons of pupils with an answer after (group a) minus that of pupils
without one (group b), from each school's (n, Σx, Σx²) in each group: no pass over pupils.

- Pooling schools: the CR2 interval clustered by school of ``reports.stats_subgroups``
  (the difference of two group means in a regression on group indicators; t on G - 2).
- One school: Welch's two-sample t on its pupils (a pupil-level interval, labelled so):
  se = √(s_a²/n_a + s_b²/n_b), Welch-Satterthwaite degrees of freedom (Welch 1947,
  Biometrika 34, 28-35), the same as ``scipy.stats.ttest_ind_from_stats(equal_var=False)``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from scipy import stats

from reports.stats_moments import upper_tail, variance_from_sums
from reports.stats_subgroups import subgroup_difference

# One school's pupils in one group: (n, Σx, Σx²).
MomentSums = tuple[int, float, float]
School = TypeVar("School", bound=Hashable)


@dataclass(frozen=True)
class BaselineDifference:
    """Mean of group a minus mean of group b, with its interval (nan when it has none)."""

    n_a: int
    n_b: int
    schools: int
    mean_a: float
    mean_b: float
    difference: float
    ci_low: float
    ci_high: float
    df: float
    clustered: bool


def baseline_difference(
    first: Mapping[School, MomentSums], second: Mapping[School, MomentSums], confidence: float = 0.95
) -> BaselineDifference:
    """x̄_a - x̄_b from each school's (n, Σx, Σx²) in group a (``first``) and group b (``second``).

    Clustered by school when the groups' pupils are in more than one school; Welch's t
    otherwise. Raises ValueError when a group has no pupils.
    """
    groups = [{school: sums for school, sums in side.items() if sums[0] > 0} for side in (first, second)]
    totals = [
        (
            sum(n for n, _, _ in group.values()),
            sum(s for _, s, _ in group.values()),
            sum(q for _, _, q in group.values()),
        )
        for group in groups
    ]
    if min(n for n, _, _ in totals) == 0:
        raise ValueError("Both groups need pupils to compare their scores before the lessons.")
    means = [total / n for n, total, _ in totals]
    schools = set(groups[0]) | set(groups[1])
    if len(schools) > 1:
        clustered = subgroup_difference(
            {school: (n, s) for school, (n, s, _) in groups[0].items()},
            {school: (n, s) for school, (n, s, _) in groups[1].items()},
            confidence,
        )
        return BaselineDifference(
            totals[0][0],
            totals[1][0],
            len(schools),
            means[0],
            means[1],
            clustered.difference,
            clustered.ci_low,
            clustered.ci_high,
            clustered.df,
            True,
        )
    variances = [variance_from_sums(n, s, q) / n if n > 1 else math.nan for n, s, q in totals]
    se = math.sqrt(sum(variances))
    df = se**4 / sum(v * v / (n - 1) for v, (n, _, _) in zip(variances, totals, strict=True)) if se > 0 else math.nan
    margin = stats.t.ppf(upper_tail(confidence), df) * se if not math.isnan(df) else math.nan
    difference = means[0] - means[1]
    return BaselineDifference(
        totals[0][0],
        totals[1][0],
        1,
        means[0],
        means[1],
        difference,
        difference - margin,
        difference + margin,
        df,
        False,
    )
