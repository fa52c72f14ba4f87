"""The attrition flow (CONSORT style) of an area, from the rollups: how many pupils reached each step.

The steps are ``reports.attrition_stages``'s. One query reads the rollup rows' flow counts
grouped by school and gender; every table (by district or school, free school meals band,
gender) and the area's own flow are sums of those groups, so no page passes over pupils.

Disclosure control: every figure of the flow is a cell of the refresh's one linked set
(``reports.disclosure_flow``): the flow's pupils assigned is the headline's, each step of a
school adds up to its district's, and within a row pupils assigned = opted out + withdrawn +
in the evaluation, each step = the pupils lost after it + the next step. Pages show the stored
pattern (``reports.dashboard_cells.hidden_in``); the audit report protects its frozen period's figures
(``reports.audit_attrition``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet, Sum

from reports.disclosure import SUPPRESSED, Shown
from reports.readings import count_text, percent_text
from reports.rollup_bands import fsm_band

if TYPE_CHECKING:
    from reports.attrition_breakdowns import Breakdown, Category

# The flow's columns as shown: the row's pupils assigned, the two exclusions, then each step.
COLUMNS = (
    "Assigned",
    "Opted out",
    "Withdrawn",
    "In the evaluation",
    "Answered before the lessons",
    "Completed the lessons",
    "Answered after the lessons",
    "Matched pair, in order",
    "Follow-up, in order",
)
# What the pupils lost after each step (the parts 2 to 6) did not do, in plain words.
LOST = (
    "did not answer the questions before the lessons",
    "did not complete the lessons",
    "did not answer the questions after the lessons",
    "had no pair of answers in order (why: see how the figures are worked out)",
    "did not answer the follow-up survey (yet)",
)
# The row's figures, in the order of ``COLUMNS`` (also ``FlowCounts``' fields), and the losses between steps.
STEPS = (
    "assigned",
    "opted_out",
    "withdrawn",
    "in_evaluation",
    "pre",
    "lessons",
    "post",
    "matched",
    "follow_up",
)
LOSSES = ("lost_pre", "lost_lessons", "lost_post", "lost_matched", "lost_follow_up")
FIELDS = (
    "pupils_assigned",
    "pupils_opted_out",
    "pupils_withdrawn",
    "pupils_in_evaluation",
    "flow_pre",
    "flow_lessons",
    "flow_post",
    "flow_matched",
    "flow_follow_up",
)


@dataclass
class FlowCounts:
    """One group's flow: pupils assigned, excluded, and in the evaluation reaching each step."""

    assigned: int = 0
    opted_out: int = 0
    withdrawn: int = 0
    in_evaluation: int = 0
    pre: int = 0
    lessons: int = 0
    post: int = 0
    matched: int = 0
    follow_up: int = 0

    def add(self, other: FlowCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class FlowGroup:
    """One school's pupils of one gender: the unit every table adds up."""

    school_id: int
    district_id: int | None
    fsm_band: str
    gender: str
    counts: FlowCounts


def read_flow(rows: QuerySet) -> list[FlowGroup]:
    """The flow counts of ProgressRollup ``rows`` (already filtered) per school and gender: one query."""
    grouped = (
        rows.order_by()
        .values("school_id", "school__district_id", "school__fsm_percent", "gender")
        .annotate(**{f"n_{name}": Sum(name) for name in FIELDS})
        .order_by("school_id", "gender")
    )
    return [
        FlowGroup(
            row["school_id"],
            row["school__district_id"],
            fsm_band(row["school__fsm_percent"]).value,
            row["gender"],
            FlowCounts(*(int(row[f"n_{name}"] or 0) for name in FIELDS)),
        )
        for row in grouped
    ]


@dataclass(frozen=True)
class FlowRow:
    label: str
    cells: tuple[Shown, ...]
    link: str = ""
    # Pupils lost after each step from answering before (``LOSSES``), as shown.
    lost: tuple[Shown, ...] = ()

    @property
    def texts(self) -> list[str]:
        return [count_text(cell) for cell in self.cells]


@dataclass(frozen=True)
class FlowTable:
    key: str
    caption: str
    category_heading: str
    rows: tuple[FlowRow, ...]
    total: FlowRow
    columns: tuple[str, ...] = COLUMNS


@dataclass(frozen=True)
class FlowStep:
    """One box of the flow diagram: the pupils at a step, and those who went no further."""

    label: str
    count: Shown
    lost: str = ""
    lost_count: Shown = ""

    @property
    def count_text(self) -> str:
        return count_text(self.count)

    @property
    def lost_text(self) -> str:
        if not self.lost:
            return ""
        return f"{SUPPRESSED} (hidden)" if self.lost_count == SUPPRESSED else count_text(self.lost_count)


ALL = "all"


def _cells(counts: FlowCounts) -> dict[str, int]:
    """The row's figures (``STEPS``) and the pupils lost after each step (``LOSSES``)."""
    values = [getattr(counts, name) for name in STEPS]
    steps = values[3:]
    return {
        **dict(zip(STEPS, values, strict=True)),
        **{loss: a - b for loss, a, b in zip(LOSSES, steps, steps[1:], strict=False)},
    }


@dataclass(frozen=True)
class FlowValues:
    """Every figure of a flow's tables: ``values[(name, *row)]``, and the schools with a positive count of it."""

    rows: tuple[tuple, ...]
    kept: dict[str, list[Category]]
    values: dict[tuple, int]
    schools: dict[tuple, set[int]]
    counted: dict[tuple, bool]


def flow_values(groups: Sequence[FlowGroup], breakdowns: Sequence[Breakdown]) -> FlowValues:
    """Add up the groups into the area's row ``(ALL,)`` and each breakdown's rows ``(breakdown key, category)``."""
    values: dict[tuple, int] = defaultdict(int)
    schools: dict[tuple, set[int]] = defaultdict(set)
    counted: dict[tuple, bool] = {(ALL,): any(b.count_schools for b in breakdowns)}
    rows: list[tuple] = [(ALL,)]
    kept = {breakdown.key: breakdown.kept(groups) for breakdown in breakdowns}
    for breakdown in breakdowns:
        for category in kept[breakdown.key]:
            rows.append((breakdown.key, category.key))
            counted[(breakdown.key, category.key)] = breakdown.count_schools
    for group in groups:
        cells = _cells(group.counts)
        for row in [(ALL,)] + [(b.key, b.key_of(group)) for b in breakdowns]:
            if row not in counted:
                continue
            for name, value in cells.items():
                values[(name, *row)] += value
                if value:
                    schools[(name, *row)].add(group.school_id)
    every = {(name, *row): values.get((name, *row), 0) for row in rows for name in (*STEPS, *LOSSES)}
    return FlowValues(tuple(rows), kept, every, schools, counted)


def flow_tables(
    flow: FlowValues, breakdowns: Sequence[Breakdown], *, hidden: Callable[[str, tuple, int], bool]
) -> tuple[FlowRow, tuple[FlowTable, ...]]:
    """The area's flow (every table's total row) and each breakdown's table, as ``hidden`` has them.

    ``hidden(name, row, value)`` says whether a figure (``STEPS`` or ``LOSSES``) of a row is hidden: on the
    dashboard and in the evaluator export, from the refresh's stored pattern (``reports.dashboard_cells.hidden_in``).
    """

    def shown(name: str, row: tuple) -> Shown:
        value = flow.values[(name, *row)]
        return SUPPRESSED if hidden(name, row, value) else value

    def flow_row(label: str, row: tuple, link: str = "") -> FlowRow:
        return FlowRow(label, tuple(shown(name, row) for name in STEPS), link, tuple(shown(n, row) for n in LOSSES))

    total = flow_row("All", (ALL,))
    tables = tuple(
        FlowTable(
            key=f"flow-{b.key}",
            caption=b.caption,
            category_heading=b.heading,
            rows=tuple(flow_row(c.label, (b.key, c.key), c.link) for c in flow.kept[b.key]),
            total=total,
        )
        for b in breakdowns
    )
    return total, tables


def flow_steps(total: FlowRow) -> tuple[FlowStep, ...]:
    """The flow diagram's boxes from the area's shown row: assigned (with the exclusions), then each step."""
    cells = total.cells
    steps = [
        FlowStep(COLUMNS[0], cells[0]),
        FlowStep(COLUMNS[3], cells[3], "opted out or withdrawn", _excluded(cells)),
    ]
    for index, label in enumerate(COLUMNS[4:]):
        steps.append(FlowStep(label, cells[4 + index], LOST[index], total.lost[index]))
    return tuple(steps)


def _excluded(cells: Sequence[Shown]) -> Shown:
    """Pupils opted out or withdrawn, as shown: from the two counts, or from assigned less in the evaluation."""
    assigned, opted_out, withdrawn, in_evaluation = cells[:4]
    if isinstance(opted_out, int) and isinstance(withdrawn, int):
        return opted_out + withdrawn
    if isinstance(assigned, int) and isinstance(in_evaluation, int):
        return assigned - in_evaluation
    return SUPPRESSED


def flow_reading(total: FlowRow) -> tuple[str, ...]:
    """The flow in plain words, from shown counts only."""
    assigned, opted_out, withdrawn, in_evaluation, _, _, _, matched, follow_up = total.cells
    if not isinstance(assigned, int) or not isinstance(in_evaluation, int):
        return ("There are too few pupils here to show how many took part in the evaluation.",)
    said = [
        f"Of {count_text(assigned)} pupils assigned a module, {count_text(in_evaluation)} took part in the evaluation"
        + (
            f" ({count_text(opted_out)} opted out and {count_text(withdrawn)} were withdrawn)."
            if isinstance(opted_out, int) and isinstance(withdrawn, int)
            else " (the others opted out or were withdrawn)."
        )
    ]
    if isinstance(matched, int) and in_evaluation:
        said.append(
            f"{count_text(matched)} of them ({percent_text(matched / in_evaluation)}) answered before and after the "
            "lessons in the right order: only their answers count in the changes on this page."
        )
    if isinstance(follow_up, int) and isinstance(matched, int) and matched:
        said.append(
            f"{count_text(follow_up)} of those ({percent_text(follow_up / matched)}) "
            "also answered the follow-up survey."
        )
    said.append(
        "Pupils who stop along the way may differ from those who stay, so the changes describe the pupils who stayed."
    )
    return tuple(said)
