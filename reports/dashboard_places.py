"""The dashboard's tables by place: the county's districts, or a district's schools."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from django.db.models import Q

from reports.dashboard_breakdowns import Breakdown, Category, build_breakdown
from reports.dashboard_queries import DashboardFilters, ProgressSums, SchoolProgress
from reports.dashboard_rows import Cells
from reports.eligibility import eligible_q
from schools.models import District, School


def sums_by(schools: Sequence[SchoolProgress], key: Callable[[SchoolProgress], object]) -> dict:
    """The schools' sums added up by ``key`` of each school (its district, band or kind of area)."""
    groups: dict = defaultdict(ProgressSums)
    for row in schools:
        groups[key(row)].add(row.sums)
    return dict(groups)


def district_table(
    schools: Sequence[SchoolProgress],
    total: ProgressSums,
    eligible: dict[int | None, int],
    districts: Sequence[District],
    district_link: Callable[[District], str],
    cells: Cells,
) -> Breakdown:
    """The county's districts: every one with an eligible school or a school taking part."""
    present = set(eligible) | {row.district_id for row in schools}
    categories = [Category(d.pk, d.name, district_link(d), eligible.get(d.pk, 0)) for d in districts if d.pk in present]
    if None in present:
        categories.append(Category(None, "No district recorded", "", eligible.get(None, 0)))
    return build_breakdown(
        key="districts",
        title="By district",
        caption="by district",
        category_heading="District",
        categories=categories,
        sums=sums_by(schools, lambda row: row.district_id),
        total=total,
        count_schools=True,
        known_zeros=True,
        show_schools=True,
        total_eligible=sum(eligible.values()),
        cells=cells,
    )


def school_table(
    schools: Sequence[SchoolProgress],
    total: ProgressSums,
    filters: DashboardFilters,
    school_link: Callable[[School], str],
    cells: Cells,
) -> Breakdown:
    """The district's schools: every eligible one, and any other taking part, by name."""
    listed = School.objects.filter(district=filters.district).filter(
        eligible_q() | Q(pk__in=[row.school_id for row in schools])
    )
    if filters.phase:
        listed = listed.filter(phase=filters.phase)
    if filters.establishment_type:
        listed = listed.filter(establishment_type=filters.establishment_type)
    categories = [Category(s.pk, s.name, school_link(s)) for s in listed.only("pk", "urn", "name").order_by("name")]
    return build_breakdown(
        key="schools",
        title="By school",
        caption="by school",
        category_heading="School",
        categories=categories,
        sums={row.school_id: row.sums for row in schools},
        total=total,
        # Each school is named here, so only the pupil threshold applies to its own figures.
        count_schools=False,
        known_zeros=True,
        total_label="All schools in the district",
        cells=cells,
    )
