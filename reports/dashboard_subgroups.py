"""Differences in knowledge change between the groups of an equity breakdown, marked exploratory.

Each shown group is compared with the shown group with the most pupils (the
reference) as an interaction: the difference in mean change, with an interval
clustered by school (``reports.stats_subgroups``), from the per-school sums the
breakdown already holds. Only groups whose own change is shown are compared, so
nothing hidden can be worked back from a difference.

They are exploratory unless the frozen evaluation protocol the figures answer
planned that comparison (``reports.protocol.planned_subgroups``, decided by the
view, since protocols are read per request): with several groups one difference
or another will look large by chance.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from reports.dashboard_breakdowns import Breakdown, Category
from reports.dashboard_changes import KNOWLEDGE_DECIMALS
from reports.dashboard_queries import ProgressSums
from reports.readings import interval_text, number_text
from reports.stats_subgroups import subgroup_difference

EXPLORATORY = (
    "Exploratory: these differences between groups were not planned in advance, and with several groups some "
    "will look large by chance. Read them as leads to look into, not as findings."
)


CONFIRMATORY = (
    "Confirmatory: the evaluation protocol these figures answer set out this comparison before the answers "
    "came in. Other comparisons on this page remain exploratory."
)


@dataclass(frozen=True)
class GroupDifference:
    """One group's change less the reference group's, as text."""

    label: str
    reference: str
    text: str
    ci_text: str


def with_differences(breakdown: Breakdown, categories: Sequence[Category], sums: dict) -> Breakdown:
    """The breakdown with each shown group's difference in change from the reference group."""
    shown = [
        (category, sums[category.key])
        for category, row in zip(categories, breakdown.rows, strict=True)
        if not row.no_schools and not row.knowledge.hidden and category.key in sums
    ]
    if len(shown) < 2:
        return breakdown
    reference, reference_sums = max(shown, key=lambda pair: pair[1].knowledge.n)
    found = []
    for category, group_sums in shown:
        if category is reference:
            continue
        result = subgroup_difference(_by_school(group_sums), _by_school(reference_sums))
        found.append(
            GroupDifference(
                label=category.label,
                reference=reference.label,
                text=number_text(result.difference, KNOWLEDGE_DECIMALS, signed=True),
                ci_text=interval_text(result.ci_low, result.ci_high, KNOWLEDGE_DECIMALS),
            )
        )
    return dataclasses.replace(breakdown, differences=tuple(found))


def _by_school(sums: ProgressSums) -> dict[int, tuple[int, float]]:
    return {school: (n, total) for school, (n, total, _) in sums.knowledge_groups.items()}
