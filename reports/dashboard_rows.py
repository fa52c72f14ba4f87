"""A line of an uptake and knowledge table, its counts as shown and its rates and change following them.

Each count is shown as the stored suppression pattern has it (``Cells``), or, for
an area's own figures without one, by the primary rule alone (``reports.disclosure``);
a rate is shown only when both its counts are, a mean change only when its number
of pairs is. A category with no school taking part is a known zero, shown as NOT_DEFINED.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reports.dashboard_changes import Change, make_change
from reports.dashboard_queries import ProgressSums
from reports.dashboard_rates import Rate, make_rate
from reports.disclosure import SUPPRESSED, Shown, is_disclosive
from reports.published_pattern import PagePattern
from reports.readings import NOT_DEFINED, count_text

NO_SCHOOLS = NOT_DEFINED


@dataclass(frozen=True)
class BreakdownRow:
    """One line of an uptake and knowledge table (a district, a band, a term, or the total)."""

    label: str
    link: str = ""
    eligible: int | None = None
    schools: int | None = None
    no_schools: bool = False
    assigned: Shown = SUPPRESSED
    started: Shown = SUPPRESSED
    completed: Shown = SUPPRESSED
    quiz_taken: Shown = SUPPRESSED
    passed: Shown = SUPPRESSED
    passed_after_practice: Shown = SUPPRESSED
    pairs: Shown = SUPPRESSED
    started_rate: Rate = Rate()
    completed_rate: Rate = Rate()
    passed_rate: Rate = Rate()
    knowledge: Change = Change()

    def shown(self, name: str) -> str:
        value = getattr(self, name)
        return NO_SCHOOLS if self.no_schools else count_text(value)

    @property
    def assigned_text(self) -> str:
        return self.shown("assigned")

    @property
    def started_text(self) -> str:
        return self.shown("started")

    @property
    def completed_text(self) -> str:
        return self.shown("completed")

    @property
    def quiz_taken_text(self) -> str:
        return self.shown("quiz_taken")

    @property
    def passed_text(self) -> str:
        return self.shown("passed")

    @property
    def passed_after_practice_text(self) -> str:
        return self.shown("passed_after_practice")

    @property
    def pairs_text(self) -> str:
        return self.shown("pairs")


# (attribute of BreakdownRow, attribute of ProgressSums, attribute giving its number of schools)
SERIES = (
    ("assigned", "assigned", "schools"),
    ("started", "started", "schools"),
    ("completed", "completed", "schools"),
    ("quiz_taken", "quiz_taken", "schools"),
    ("passed", "passed", "schools"),
    ("passed_after_practice", "passed_after_practice", "schools"),
    ("pairs", "knowledge_n", "knowledge_schools"),
)


def series_count(sums: ProgressSums, name: str) -> int:
    """One count of ``SERIES`` from the sums (the pairs are kept with the knowledge sums)."""
    return sums.knowledge.n if name == "knowledge_n" else getattr(sums, name)


def primary_count(sums: ProgressSums, sums_name: str, schools_name: str, count_schools: bool) -> Shown:
    """The count as the primary rule alone shows it (no pattern, no secondary suppression)."""
    value = series_count(sums, sums_name)
    return SUPPRESSED if is_disclosive(value, getattr(sums, schools_name) if count_schools else None) else value


def row_for(
    label: str,
    values: dict[str, Shown],
    source: ProgressSums,
    *,
    effect_sizes: bool = False,
    link: str = "",
    eligible: int | None = None,
) -> BreakdownRow:
    """A table line from its shown counts; rates and the change follow what is shown."""
    return BreakdownRow(
        label=label,
        schools=source.schools,
        assigned=values["assigned"],
        started=values["started"],
        completed=values["completed"],
        quiz_taken=values["quiz_taken"],
        passed=values["passed"],
        passed_after_practice=values["passed_after_practice"],
        pairs=values["pairs"],
        started_rate=make_rate(values["started"], values["assigned"]),
        completed_rate=make_rate(values["completed"], values["assigned"]),
        passed_rate=make_rate(values["passed"], values["quiz_taken"]),
        knowledge=make_change(
            source.knowledge, values["pairs"], source.knowledge_school_groups, effect_sizes=effect_sizes
        ),
        link=link,
        eligible=eligible,
    )


@dataclass(frozen=True)
class Cells:
    """Where a table's rows and total are in the stored suppression pattern (``reports.published_pattern``)."""

    pattern: PagePattern
    key: Callable[[Any], tuple]
    total: tuple

    def values(self, key: tuple, sums: ProgressSums) -> dict[str, Shown]:
        """Each count of a row as the stored pattern shows it."""
        return {name: self.pattern.shown(key, name, series_count(sums, sums_name)) for name, sums_name, _ in SERIES}


def headline_row(
    total: ProgressSums, *, count_schools: bool, label: str = "Total", cells: Cells | None = None
) -> BreakdownRow:
    """The area's own figures: as the stored pattern shows its cell (``cells.total``), so a page's headline
    never gives away a figure another page's table hides; without ``cells``, the primary rule alone."""
    if cells is not None:
        return row_for(label, cells.values(cells.total, total), total, effect_sizes=True)
    values = {
        name: primary_count(total, sums_name, schools_name, count_schools) for name, sums_name, schools_name in SERIES
    }
    return row_for(label, values, total, effect_sizes=True)
