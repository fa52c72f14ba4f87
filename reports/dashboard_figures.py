"""Figures ready to show: rates, changes and breakdown tables, with disclosure control applied.

The rules (``reports.disclosure``): each count in a breakdown is suppressed as a
series with its total (primary and secondary suppression), with the number of
schools behind it; a rate is shown only when both its counts are; a mean change
only when its number of pairs is. A category with no school taking part is a
known zero (which schools take part is not personal) and is shown as NOT_DEFINED,
outside the series. On a single school's page the school is named, so only the
pupil threshold applies (``count_schools=False``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reports.charts import BarChart, ChartRow, bar_chart
from reports.dashboard_queries import ProgressSums
from reports.disclosure import SUPPRESSED, Shown, is_disclosive, suppress_series
from reports.published_pattern import PagePattern
from reports.readings import NOT_DEFINED, count_text, interval_text, number_text, p_value_text, percent_text
from reports.rollup_sums import PairedSums
from reports.stats import wilson_interval
from reports.stats_pooled import PooledChange, SchoolGroup, pooled_change

NO_SCHOOLS = NOT_DEFINED
KNOWLEDGE_DECIMALS = 1
# Means are shown to 1 decimal, so a mean less one pupil's score moves it by less than it shows.
SCALE_DECIMALS = 1


@dataclass(frozen=True)
class Rate:
    """A proportion with its Wilson 95% interval, or hidden."""

    numerator: int = 0
    denominator: int = 0
    low: float = 0.0
    high: float = 0.0
    hidden: bool = True

    @property
    def value(self) -> float | None:
        return None if self.hidden else self.numerator / self.denominator

    @property
    def text(self) -> str:
        return SUPPRESSED if self.hidden else percent_text(self.numerator / self.denominator)

    @property
    def ci_text(self) -> str:
        return SUPPRESSED if self.hidden else f"{percent_text(self.low)} to {percent_text(self.high)}"


def make_rate(numerator: Shown, denominator: Shown) -> Rate:
    """The rate numerator/denominator, hidden when either count is hidden (or there is no denominator)."""
    if isinstance(numerator, str) or isinstance(denominator, str) or denominator <= 0:
        return Rate()
    low, high = wilson_interval(numerator, denominator)
    return Rate(numerator, denominator, low, high, hidden=False)


@dataclass(frozen=True)
class Change:
    """A before/after change as shown (``reports.stats_pooled.PooledChange``), or hidden (``result`` None).

    Its interval is clustered by school when the figure pools schools, and
    pupil-level for one school's figure (``result.clustered`` says which).
    """

    result: PooledChange | None = None
    decimals: int = KNOWLEDGE_DECIMALS

    @property
    def hidden(self) -> bool:
        return self.result is None

    def _number(self, value: float, decimals: int | None = None, signed: bool = False) -> str:
        return SUPPRESSED if self.result is None else number_text(value, decimals or self.decimals, signed=signed)

    @property
    def pre_text(self) -> str:
        return self._number(self.result.mean_pre if self.result else 0.0)

    @property
    def post_text(self) -> str:
        return self._number(self.result.mean_post if self.result else 0.0)

    @property
    def text(self) -> str:
        return self._number(self.result.mean_diff if self.result else 0.0, signed=True)

    @property
    def ci_text(self) -> str:
        if self.result is None:
            return SUPPRESSED
        return interval_text(self.result.ci_low, self.result.ci_high, self.decimals)

    @property
    def ci_low_text(self) -> str:
        return self._number(self.result.ci_low if self.result else 0.0)

    @property
    def ci_high_text(self) -> str:
        return self._number(self.result.ci_high if self.result else 0.0)

    @property
    def interval_kind(self) -> str:
        """How the interval was worked out, in a few words ("" when hidden)."""
        if self.result is None:
            return ""
        if self.result.clustered:
            return f"clustered by school ({self.result.schools} schools)"
        return "pupil-level (one school)"

    @property
    def p_text(self) -> str:
        """The p-value as shown: NOT_DEFINED below the schools needed for one, SUPPRESSED when hidden."""
        if self.result is None:
            return SUPPRESSED
        p = self.result.p
        return NOT_DEFINED if p is None else p_value_text(p)

    @property
    def d_z_text(self) -> str:
        return number_text(self.result.d_z, 2) if self.result else SUPPRESSED

    @property
    def d_z_ci_text(self) -> str:
        return interval_text(self.result.d_z_ci_low, self.result.d_z_ci_high, 2) if self.result else SUPPRESSED

    @property
    def g_z_text(self) -> str:
        return number_text(self.result.g_z, 2) if self.result else SUPPRESSED

    @property
    def d_av_text(self) -> str:
        return number_text(self.result.d_av, 2) if self.result else SUPPRESSED


def make_change(
    sums: PairedSums,
    pairs: Shown,
    school_groups: Sequence[SchoolGroup],
    decimals: int = KNOWLEDGE_DECIMALS,
    *,
    effect_sizes: bool = False,
) -> Change:
    """The change from stored sums and each school's (n, Σd, Σd²), hidden when the pair count is.

    Clustered by school when more than one school has pairs (``reports.stats_pooled``).
    ``effect_sizes`` asks for the noncentral-t interval of d_z for one school's figure
    (a root search, so only for an area's own figure, not for each breakdown row).
    """
    if isinstance(pairs, str) or sums.n < 2:
        return Change(decimals=decimals)
    return Change(pooled_change(sums.as_tuple(), school_groups, effect_size_interval=effect_sizes), decimals)


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


@dataclass(frozen=True)
class Category:
    key: object
    label: str
    link: str = ""
    eligible: int | None = None


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    caption: str
    category_heading: str
    rows: tuple[BreakdownRow, ...]
    total: BreakdownRow
    show_schools: bool
    completion_chart: BarChart
    knowledge_chart: BarChart
    # Each group's difference in change from a reference group (``reports.dashboard_subgroups``).
    differences: tuple = ()


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


def _value(sums: ProgressSums, name: str) -> int:
    return sums.knowledge.n if name == "knowledge_n" else getattr(sums, name)


def _primary(sums: ProgressSums, sums_name: str, schools_name: str, count_schools: bool) -> Shown:
    value = _value(sums, sums_name)
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
        return {name: self.pattern.shown(key, name, _value(sums, sums_name)) for name, sums_name, _ in SERIES}


def headline_row(
    total: ProgressSums, *, count_schools: bool, label: str = "Total", cells: Cells | None = None
) -> BreakdownRow:
    """The area's own figures: as the stored pattern shows its cell (``cells.total``), so a page's headline
    never gives away a figure another page's table hides; without ``cells``, the primary rule alone."""
    if cells is not None:
        return row_for(label, cells.values(cells.total, total), total, effect_sizes=True)
    values = {name: _primary(total, sums_name, schools_name, count_schools) for name, sums_name, schools_name in SERIES}
    return row_for(label, values, total, effect_sizes=True)


def build_breakdown(
    *,
    key: str,
    title: str,
    caption: str,
    category_heading: str,
    categories: Sequence[Category],
    sums: dict,
    total: ProgressSums,
    count_schools: bool,
    known_zeros: bool,
    show_schools: bool = False,
    total_label: str = "Total",
    total_eligible: int | None = None,
    cells: Cells | None = None,
) -> Breakdown:
    """Suppress and lay out one breakdown of uptake and knowledge change.

    ``sums`` maps each category key to its ProgressSums (missing: none). With
    ``known_zeros`` a category without a school taking part is shown as NOT_DEFINED
    and kept out of the suppression (districts, bands); without it every
    category takes part in the series (gender, where a zero is about pupils).
    The categories must add up to ``total``. With ``cells`` every count is shown as the stored
    pattern has it (the linked set's one pattern); without, the table is suppressed on its own.
    """
    empty = ProgressSums()
    kept = [c for c in categories if not known_zeros or sums.get(c.key, empty).schools > 0]
    shown: dict[str, tuple[tuple[Shown, ...], Shown]] = {}
    for row_name, sums_name, schools_name in SERIES:
        if cells is not None:
            shown[row_name] = (
                tuple(
                    cells.pattern.shown(cells.key(c.key), row_name, _value(sums.get(c.key, empty), sums_name))
                    for c in kept
                ),
                cells.pattern.shown(cells.total, row_name, _value(total, sums_name)),
            )
            continue
        if not kept:
            shown[row_name] = ((), _primary(total, sums_name, schools_name, count_schools))
            continue
        counts = [_value(sums.get(c.key, empty), sums_name) for c in kept]
        schools = [getattr(sums.get(c.key, empty), schools_name) for c in kept] if count_schools else None
        series = suppress_series(counts, schools, total_schools=getattr(total, schools_name) if count_schools else None)
        shown[row_name] = (series.values, series.total)

    position = {c.key: i for i, c in enumerate(kept)}
    rows = []
    for category in categories:
        source = sums.get(category.key, empty)
        if category.key not in position:
            rows.append(
                BreakdownRow(
                    label=category.label, link=category.link, eligible=category.eligible, schools=0, no_schools=True
                )
            )
            continue
        i = position[category.key]
        values = {name: shown[name][0][i] for name, _, _ in SERIES}
        rows.append(row_for(category.label, values, source, link=category.link, eligible=category.eligible))
    total_row = row_for(total_label, {name: shown[name][1] for name, _, _ in SERIES}, total, eligible=total_eligible)
    return Breakdown(
        key=key,
        title=title,
        caption=caption,
        category_heading=category_heading,
        rows=tuple(rows),
        total=total_row,
        show_schools=show_schools,
        completion_chart=completion_chart(key, f"Pupils who completed the module, {caption}", rows),
        knowledge_chart=knowledge_chart(key, f"Change in quiz scores, {caption}", rows),
    )


def completion_chart(key: str, title: str, rows: Sequence[BreakdownRow]) -> BarChart:
    """Completion rates with their intervals; categories without schools are left to the table."""
    chart_rows = [
        ChartRow(
            row.label,
            row.completed_rate.value,
            row.completed_rate.text,
            None if row.completed_rate.hidden else row.completed_rate.low,
            None if row.completed_rate.hidden else row.completed_rate.high,
        )
        for row in rows
        if not row.no_schools
    ]
    return bar_chart(key=f"{key}-completion", title=title, rows=chart_rows, tick_format=percent_text, domain=(0.0, 1.0))


def knowledge_chart(key: str, title: str, rows: Sequence[BreakdownRow]) -> BarChart:
    chart_rows = []
    for row in rows:
        if row.no_schools:
            continue
        result = row.knowledge.result
        finite = result is not None and math.isfinite(result.mean_diff)
        chart_rows.append(
            ChartRow(
                row.label,
                result.mean_diff if finite and result else None,
                row.knowledge.text,
                result.ci_low if finite and result else None,
                result.ci_high if finite and result else None,
            )
        )
    return bar_chart(
        key=f"{key}-knowledge", title=title, rows=chart_rows, tick_format=lambda v: number_text(v, 0, signed=True)
    )
