"""The dashboard's attrition section: the flow, by place, free school meals band and gender, and who stayed.

Built from the rollups in a fixed number of queries (``reports.attrition`` and
``reports.follow_up``), suppressed like every other figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reports.attrition import (
    COLUMNS,
    Breakdown,
    FlowRow,
    FlowStep,
    FlowTable,
    county_breakdowns,
    flow_reading,
    flow_steps,
    flow_tables,
    fsm_breakdown,
    gender_breakdown,
    place_breakdown,
    read_flow,
)
from reports.dashboard_queries import DashboardFilters, filtered
from reports.follow_up import FollowUp, follow_up_figures
from reports.models import ProgressRollup, ScaleRollup
from schools.models import District, School


@dataclass(frozen=True)
class Attrition:
    total: FlowRow
    steps: tuple[FlowStep, ...]
    reading: tuple[str, ...]
    tables: tuple[FlowTable, ...]
    follow_up: FollowUp
    columns: tuple[str, ...] = COLUMNS


def attrition_section(
    *,
    filters: DashboardFilters,
    districts: Sequence[District],
    school: School | None,
    district_link: Callable[[District], str],
    school_link: Callable[[School], str],
    assigned_hidden: bool = False,
) -> Attrition:
    """The flow and follow-up figures of the dashboard's area (the county, a district or a school).

    ``assigned_hidden``: the headline hides the area's pupils assigned (the stored pattern), so the flow does too.
    """
    progress = filtered(ProgressRollup.objects.all(), filters, school=school)
    groups = read_flow(progress)
    count_schools = school is None
    breakdowns: list[Breakdown] = []
    if school is None and filters.district is None:
        breakdowns = county_breakdowns(groups, {d.pk: (d.name, district_link(d)) for d in districts})
    elif school is None:
        named = School.objects.filter(pk__in={group.school_id for group in groups}).only("pk", "urn", "name")
        places: dict[object, tuple[str, str]] = {s.pk: (s.name, school_link(s)) for s in named.order_by("name")}
        # Each school is named here, so only the pupil threshold applies to its own figures.
        breakdowns.append(place_breakdown("schools", "School", places, lambda g: g.school_id, count_schools=False))
    if school is not None:
        breakdowns.append(gender_breakdown(False))
    elif filters.district is not None:
        breakdowns += [fsm_breakdown(), gender_breakdown(True)]
    total, tables = flow_tables(groups, breakdowns, hidden_elsewhere=["assigned"] if assigned_hidden else [])
    return Attrition(
        total=total,
        steps=flow_steps(total),
        reading=flow_reading(total),
        tables=tables,
        follow_up=follow_up_figures(
            progress, filtered(ScaleRollup.objects.all(), filters, school=school), count_schools=count_schools
        ),
    )
