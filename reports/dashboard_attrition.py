"""The dashboard's attrition section: the flow, by place, free school meals band and gender, and who stayed.

Built from the rollups in a fixed number of queries (``reports.attrition`` and
``reports.follow_up``); which figures are hidden is the refresh's stored pattern, the one every
other page shows (``reports.disclosure_flow``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reports import disclosure_cube as cube
from reports.attrition import (
    ALL,
    COLUMNS,
    FlowRow,
    FlowStep,
    FlowTable,
    flow_reading,
    flow_steps,
    flow_tables,
    flow_values,
    read_flow,
)
from reports.attrition_breakdowns import Breakdown, county_breakdowns, gender_breakdown, place_breakdown
from reports.dashboard_cells import cell, district_area, hidden_in, own_area
from reports.dashboard_queries import DashboardFilters, filtered
from reports.disclosure import SUPPRESSED
from reports.follow_up import FollowUp, follow_up_figures
from reports.models import ProgressRollup, ScaleRollup
from reports.published_pattern import PagePattern
from schools.models import District, School


@dataclass(frozen=True)
class Attrition:
    total: FlowRow
    steps: tuple[FlowStep, ...]
    reading: tuple[str, ...]
    tables: tuple[FlowTable, ...]
    follow_up: FollowUp
    columns: tuple[str, ...] = COLUMNS

    @property
    def steps_hidden(self) -> bool:
        """Whether a step of the flow, or the pupils who went no further from it, is hidden (c)."""
        return any(SUPPRESSED in (step.count, step.lost_count) for step in self.steps)


def attrition_section(
    *,
    filters: DashboardFilters,
    districts: Sequence[District],
    school: School | None,
    district_link: Callable[[District], str],
    school_link: Callable[[School], str],
    pattern: PagePattern,
) -> Attrition:
    """The flow and follow-up figures of the dashboard's area (the county, a district or a school).

    Every figure is a cell of the refresh's linked set, shown as its stored ``pattern`` has it: the county's
    flow by district, free school meals band and gender; a district's by school and gender; a school's own.
    Tables the set does not publish (by phase or type of school, a district by band, a school by gender)
    are not offered.
    """
    progress = filtered(ProgressRollup.objects.all(), filters, school=school)
    groups = read_flow(progress)
    area = own_area(filters, school)
    breakdowns: list[Breakdown] = []
    cells: dict[object, tuple] = {(ALL,): cell(area, filters)}
    if area == (cube.COUNTY, ""):
        breakdowns = county_breakdowns(groups, {d.pk: (d.name, district_link(d)) for d in districts})
        cells.update(
            ((breakdowns[0].key, c.key), cell(district_area(c.key), filters)) for c in breakdowns[0].categories
        )
        cells.update(((breakdowns[1].key, c.key), cell((cube.FSM, c.key), filters)) for c in breakdowns[1].categories)
    elif area[0] == cube.DISTRICT:
        named = School.objects.filter(pk__in={group.school_id for group in groups}).only("pk", "urn", "name")
        places: dict[object, tuple[str, str]] = {s.pk: (s.name, school_link(s)) for s in named.order_by("name")}
        breakdowns = [
            place_breakdown("schools", "School", places, lambda g: g.school_id, count_schools=False),
            gender_breakdown(True),
        ]
        cells.update(((breakdowns[0].key, pk), cell((cube.SCHOOL, str(pk)), filters)) for pk in places)
    elif area[0] in (cube.PHASE, cube.TYPE, cube.PHASE_TYPE):
        breakdowns = [gender_breakdown(True)]
    if breakdowns and breakdowns[-1].key == "gender":
        cells.update(((breakdowns[-1].key, c.key), cell(area, filters, c.key)) for c in breakdowns[-1].categories)
    flow = flow_values(groups, breakdowns)
    total, tables = flow_tables(flow, breakdowns, hidden=hidden_in(pattern, cells))
    return Attrition(
        total=total,
        steps=flow_steps(total),
        reading=flow_reading(total),
        tables=tables,
        follow_up=follow_up_figures(
            progress, filtered(ScaleRollup.objects.all(), filters, school=school), pattern=pattern, key=cells[(ALL,)]
        ),
    )
