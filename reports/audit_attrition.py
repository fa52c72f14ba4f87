"""The audit report's attrition flow and follow-up: kept in its snapshot as plain numbers, shown from them alone.

``collect_attrition`` reads the half-year's rollups into JSON (each school's flow by gender,
its district and free school meals band, and the sums of ``reports.follow_up``); the
numbers are before any suppression, like the rest of the snapshot. ``attrition_figures``
builds what the report shows from them with the dashboard's rules (``reports.attrition``,
``reports.follow_up``): the flow by district, free school meals band and gender, suppressed
together, pooled over schools (the 3-school rule applies). A snapshot taken before the flow
was kept has none, and its report shows none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from reports.attrition import (
    ALL,
    LOSSES,
    STEPS,
    FlowCounts,
    FlowGroup,
    FlowRow,
    FlowStep,
    FlowTable,
    FlowValues,
    flow_reading,
    flow_steps,
    flow_tables,
    flow_values,
    read_flow,
)
from reports.attrition_breakdowns import Breakdown, county_breakdowns
from reports.disclosure import is_disclosive, threshold
from reports.disclosure_linked import Line, protect
from reports.follow_up import FollowUp, Stored, follow_up_from, read_follow_up
from schools.models import District

# The flow's counts in the order of ``reports.attrition.FIELDS`` (the order ``FlowCounts`` takes them).
_COUNT_NAMES = tuple(FlowCounts.__dataclass_fields__)


def collect_attrition(progress: QuerySet, scales: QuerySet) -> dict:
    """The flow and follow-up numbers of the rollup rows (already limited to the period): three queries."""
    groups = read_flow(progress)
    names = dict(
        District.objects.filter(pk__in={g.district_id for g in groups if g.district_id}).values_list("pk", "name")
    )
    return {
        "flow": flow_rows(groups),
        "districts": {str(pk): name for pk, name in sorted(names.items(), key=lambda item: item[1])},
        **read_follow_up(progress, scales),
    }


def flow_rows(groups: list[FlowGroup]) -> list[list]:
    """The flow's groups as the snapshot keeps them (plain numbers)."""
    return [
        [g.school_id, g.district_id, g.fsm_band, g.gender, *(getattr(g.counts, f) for f in _COUNT_NAMES)]
        for g in groups
    ]


@dataclass(frozen=True)
class AuditAttrition:
    total: FlowRow
    steps: tuple[FlowStep, ...]
    reading: tuple[str, ...]
    tables: tuple[FlowTable, ...]
    follow_up: FollowUp


def flow_of(data: dict) -> tuple[FlowValues, list[Breakdown]]:
    """The flow's figures and breakdowns from the snapshot's numbers."""
    groups = [FlowGroup(row[0], row[1], row[2], row[3], FlowCounts(*row[4:])) for row in data["flow"]]
    names = {int(pk): (name, "") for pk, name in data["districts"].items()}
    breakdowns = county_breakdowns(groups, names)
    return flow_values(groups, breakdowns), breakdowns


def attrition_figures(
    data: dict | None, hidden: set | None = None, pairs: Stored | None = None
) -> AuditAttrition | None:
    """What the report shows of the flow and follow-up, from the snapshot's numbers alone (None when it has none).

    ``hidden`` is the report's stored pattern (``reports.audit_protection``): the cells hidden across all its
    tables together; ``pairs`` the same for the follow-up counts (``reports.audit_pairs``), when they are
    cells of it. A report frozen before that was kept protects its flow as a linked set of its own.
    """
    if not data:
        return None
    flow, breakdowns = flow_of(data)
    if hidden is None:
        total, tables = flow_tables(flow, breakdowns, hidden=_protected(flow, breakdowns))
    else:
        total, tables = flow_tables(flow, breakdowns, hidden=lambda name, row, value: (name, *row) in hidden)
    return AuditAttrition(
        total=total,
        steps=flow_steps(total),
        reading=flow_reading(total),
        tables=tables,
        follow_up=follow_up_from(data, count_schools=True, stored=pairs),
    )


def suppressed_flow(groups: list[FlowGroup], breakdowns: list[Breakdown]) -> tuple[FlowRow, tuple[FlowTable, ...]]:
    """The period's flow and its tables by ``breakdowns``, suppressed as one linked set of their own."""
    flow = flow_values(groups, breakdowns)
    return flow_tables(flow, breakdowns, hidden=_protected(flow, breakdowns))


def _row_lines(row: tuple) -> list[Line]:
    """Within a row: assigned = exclusions + in the evaluation; each step = lost after it + the next step."""
    cell = lambda name: (name, *row)  # noqa: E731
    lines = [Line(cell("assigned"), (cell("opted_out"), cell("withdrawn"), cell("in_evaluation")))]
    steps = STEPS[3:]
    for loss, step, following in zip(LOSSES, steps, steps[1:], strict=False):
        lines.append(Line(cell(step), (cell(loss), cell(following))))
    return lines


def flow_cells(flow: FlowValues, breakdowns: list[Breakdown]) -> tuple[list[Line], list[tuple]]:
    """The flow's lines and the cells its primary rules hide (a cell is ``(name, *row)``)."""
    lines = [line for row in flow.rows for line in _row_lines(row)]
    for breakdown in breakdowns:
        keys = [category.key for category in flow.kept[breakdown.key]]
        lines.extend(Line((name, ALL), tuple((name, breakdown.key, key) for key in keys)) for name in (*STEPS, *LOSSES))
    primary = [
        key
        for key, value in flow.values.items()
        if is_disclosive(value, len(flow.schools[key]) if flow.counted[key[1:]] else None)
    ]
    # A step followed by a hidden loss is hidden with it, so the step after it (nearer the analysis) stays shown.
    steps = STEPS[3:]
    primary += [(steps[LOSSES.index(key[0])], *key[1:]) for key in primary if key[0] in LOSSES]
    return lines, primary


def _protected(flow: FlowValues, breakdowns: list[Breakdown]):
    """The period's flow tables suppressed as one linked set of their own (reports frozen before the
    report's tables were protected together): (name, row, value) -> hidden."""
    lines, primary = flow_cells(flow, breakdowns)
    hidden = protect(flow.values, lines, primary, threshold=threshold()).hidden
    return lambda name, row, value: (name, *row) in hidden
