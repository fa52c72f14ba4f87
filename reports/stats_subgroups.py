"""The difference in mean change between two groups of pupils, with a CR2 interval clustered by school.

A subgroup difference (girls against boys, rural against urban schools) is the
interaction of the group with the before/after change: in the regression of each
pupil's change d on one indicator per group, the difference of two coefficients.
The groups may share schools (gender) or not (free school meals band), so the
interval is cluster-robust by school, from each school's (n, Σd) in each group:
no pass over pupils.

With group means d̄_g over n_g pupils, school j's residual sum in group g is
E_jg = Σd_jg - n_jg·d̄_g. For this design the hat matrix of school j is block
diagonal, with the block of group g equal to (1/n_g)·11ᵀ, so the CR2 adjustment
(I - H_jj)^(-1/2) scales E_jg by (1 - n_jg/n_g)^(-1/2), and

    Var(d̄_a - d̄_b) = Σ_j (E_ja / (n_a·√(1 - n_ja/n_a)) - E_jb / (n_b·√(1 - n_jb/n_b)))²

which for one group is ``reports.stats.clustered_change``. The interval uses
Student's t on G - 2 degrees of freedom (schools with pupils in either group,
less the two means estimated). A group whose pupils are all in one school has
no cluster-robust variance (its only school has leverage 1): no interval then.

References: Bell, R. M. & McCaffrey, D. F. (2002) Survey Methodology 28,
169-181; Pustejovsky, J. E. & Tipton, E. (2018) Journal of Business & Economic
Statistics 36, 672-683.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from scipy import stats

from reports.stats_moments import upper_tail

# One school's pupils in one group: (n, Σd).
GroupSums = tuple[int, float]
School = TypeVar("School", bound=Hashable)


@dataclass(frozen=True)
class SubgroupDifference:
    """Mean change of group a minus that of group b, with its clustered interval (nan when it has none)."""

    n_a: int
    n_b: int
    schools: int
    difference: float
    se: float
    df: int
    ci_low: float
    ci_high: float


def subgroup_difference(
    first: Mapping[School, GroupSums], second: Mapping[School, GroupSums], confidence: float = 0.95
) -> SubgroupDifference:
    """d̄_a - d̄_b from each school's (n, Σd) in group a (``first``) and group b (``second``).

    Keys are schools; a school may be in both. Schools with n = 0 are left out.
    Raises ValueError when a group has no pupils.
    """
    groups = [{school: (n, total) for school, (n, total) in side.items() if n > 0} for side in (first, second)]
    sizes = [sum(n for n, _ in group.values()) for group in groups]
    if min(sizes) == 0:
        raise ValueError("Both groups need pupils to compare their changes.")
    means = [sum(total for _, total in group.values()) / size for group, size in zip(groups, sizes, strict=True)]
    schools = set(groups[0]) | set(groups[1])
    difference = means[0] - means[1]
    df = len(schools) - 2
    if df < 1 or any(len(group) < 2 for group in groups):
        return SubgroupDifference(
            sizes[0], sizes[1], len(schools), difference, math.nan, max(df, 0), math.nan, math.nan
        )
    variance = 0.0
    for school in schools:
        score = 0.0
        for sign, group, size, mean in zip((1.0, -1.0), groups, sizes, means, strict=True):
            n, total = group.get(school, (0, 0.0))
            if n:
                score += sign * (total - n * mean) / (size * math.sqrt(1 - n / size))
        variance += score * score
    se = math.sqrt(variance)
    margin = float(stats.t.ppf(upper_tail(confidence), df)) * se
    return SubgroupDifference(
        sizes[0], sizes[1], len(schools), difference, se, df, difference - margin, difference + margin
    )
