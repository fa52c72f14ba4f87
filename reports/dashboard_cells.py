"""Where each figure of a dashboard page is in the linked table set (``reports.disclosure_cube``).

A page's own area and filters name its headline cell; its tables' rows are cells one level
down (a county's districts, a district's schools), across (its genders, the county's free
school meals bands and urban or rural schools) or over time (each term). The stored pattern
(``reports.published_pattern``) says which of them are hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reports import disclosure_cube as cube
from reports.dashboard_queries import DashboardFilters
from reports.disclosure import SUPPRESSED
from reports.published_pattern import PagePattern, page_pattern
from schools.models import School

# An area the linked set does not publish (a district narrowed by phase or type of school).
NOT_PUBLISHED = "not_published"


def own_area(filters: DashboardFilters, school: School | None = None) -> tuple[str, str]:
    """The (kind, area) of the page's own figures."""
    if school is not None:
        return cube.SCHOOL, str(school.pk)
    if filters.district is not None:
        if filters.phase or filters.establishment_type:
            return NOT_PUBLISHED, str(filters.district.pk)
        return cube.DISTRICT, str(filters.district.pk)
    if filters.phase and filters.establishment_type:
        return cube.PHASE_TYPE, f"{filters.phase}|{filters.establishment_type}"
    if filters.phase:
        return cube.PHASE, filters.phase
    if filters.establishment_type:
        return cube.TYPE, filters.establishment_type
    return cube.COUNTY, ""


def filter_values(filters: DashboardFilters) -> tuple[int, int, int, int]:
    """(academic year, term, module, year group), ``ALL`` (0) for any not chosen."""
    return (
        filters.academic_year or cube.ALL,
        filters.term or cube.ALL,
        filters.module_id or cube.ALL,
        filters.year_group or cube.ALL,
    )


def cell(area: tuple[str, Any], filters: DashboardFilters, gender: Any = cube.EVERY_GENDER) -> tuple:
    return (*area, *filter_values(filters), gender)


def district_area(district_id: Any) -> tuple[str, str]:
    return cube.DISTRICT, cube.NO_DISTRICT if district_id is None else str(district_id)


def publishes_places(filters: DashboardFilters) -> bool:
    """Whether the county's tables by district and by band are published for these filters (not by phase or type)."""
    return not filters.phase and not filters.establishment_type


def load_pattern(
    filters: DashboardFilters, *, school: School | None = None, school_ids: Sequence[int] = ()
) -> PagePattern:
    """The hidden cells of one page (one query): its own area, and the areas its tables list."""
    area = own_area(filters, school)
    kinds: list[str] = []
    listed: list[tuple[str, str]] = []
    if area == (cube.COUNTY, ""):
        kinds = [cube.DISTRICT, cube.FSM, cube.LOCALITY]
    elif area[0] == cube.DISTRICT:
        listed = [(cube.SCHOOL, str(pk)) for pk in school_ids]
    year, term, module, year_group = filter_values(filters)
    # The page's own area is shown by gender and over the terms of every year (the trend); the places its
    # tables list only at the page's year and term, with every gender.
    return page_pattern(
        module=module, year_group=year_group, areas=[area], kinds=kinds, listed=(year, term), listed_areas=listed
    )


def hidden_in(pattern: PagePattern, cells: dict[Any, tuple]) -> Callable[[str, Any, int], bool]:
    """Whether the stored pattern hides a figure: (measure, row, value), each row of a table being ``cells[row]``."""
    return lambda measure, row, value: pattern.shown(cells[row], measure, value) == SUPPRESSED
