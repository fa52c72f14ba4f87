"""The dashboard's equity tables: by the school's free school meals band, urban or rural school, and gender.

Each shows every group's difference in knowledge change from the largest group
(``reports.dashboard_subgroups``), except on one school's page.
"""

from __future__ import annotations

from collections.abc import Sequence

from reports.dashboard_breakdowns import Breakdown, Category, build_breakdown
from reports.dashboard_cells import cell
from reports.dashboard_places import sums_by
from reports.dashboard_queries import DashboardFilters, ProgressSums, SchoolProgress
from reports.dashboard_rows import Cells
from reports.dashboard_subgroups import with_differences
from reports.disclosure_cube import FSM, LOCALITY
from reports.published_pattern import PagePattern
from reports.rollup_bands import FsmBand, Locality, fsm_band, locality
from schools.models import Gender


def fsm_table(
    schools: Sequence[SchoolProgress], total: ProgressSums, pattern: PagePattern, filters: DashboardFilters, own: tuple
) -> Breakdown:
    categories = [Category(band.value, band.label) for band in FsmBand]
    sums = sums_by(schools, lambda row: fsm_band(row.fsm_percent).value)
    breakdown = build_breakdown(
        key="fsm",
        title="By the school's share of pupils eligible for free school meals",
        caption="by the school's free school meals band",
        category_heading="Free school meals (school)",
        categories=categories,
        sums=sums,
        total=total,
        count_schools=True,
        known_zeros=True,
        cells=Cells(pattern, lambda key: cell((FSM, key), filters), own),
    )
    return with_differences(breakdown, categories, sums)


def locality_table(
    schools: Sequence[SchoolProgress], total: ProgressSums, pattern: PagePattern, filters: DashboardFilters, own: tuple
) -> Breakdown:
    categories = [Category(kind.value, kind.label) for kind in Locality]
    sums = sums_by(schools, lambda row: locality(row.urban_rural).value)
    breakdown = build_breakdown(
        key="locality",
        title="Urban and rural schools",
        caption="by urban or rural school",
        category_heading="School's area",
        categories=categories,
        sums=sums,
        total=total,
        count_schools=True,
        known_zeros=True,
        cells=Cells(pattern, lambda key: cell((LOCALITY, key), filters), own),
    )
    return with_differences(breakdown, categories, sums)


def gender_table(by_gender: dict, total: ProgressSums, count_schools: bool, cells: Cells) -> Breakdown:
    categories = [Category(choice.value, choice.label) for choice in Gender]
    sums = {key[0]: sums for key, sums in by_gender.items()}
    breakdown = build_breakdown(
        key="gender",
        title="By gender",
        caption="by gender (as the school recorded it)",
        category_heading="Gender",
        categories=categories,
        sums=sums,
        total=total,
        count_schools=count_schools,
        known_zeros=False,
        cells=cells,
    )
    # One school's page compares no groups: its pupils alone cannot say how groups differ elsewhere.
    return with_differences(breakdown, categories, sums) if count_schools else breakdown
