"""The baseline check's two groups are cells of the nightly pattern: it is hidden wherever either count is."""

import pytest

from reports.dashboard import build_dashboard
from reports.dashboard_queries import DashboardFilters
from reports.disclosure_cube import COUNTY, EVERY_GENDER
from reports.models import ProgressRollup
from reports.pattern_models import HiddenCell
from reports.published_pattern import current_pattern
from schools.models import District

from .rollup_rows import district, refreshed, school
from .test_attrition_flow import flow_row

pytestmark = pytest.mark.django_db

AUTUMN, SPRING = 1, 2


@pytest.fixture
def two_more_in_spring(module, settings):
    """Three schools: 4 pupils who took the end quiz and 4, 3 and 3 who did not, in the autumn; 2 more who did not
    in one school in the spring. The year's 12 who did not, less the autumn's 10, would be the spring's 2."""
    settings.SUPPRESSION_THRESHOLD = 10
    kent = district("Ashford", "E07000105")
    for k, lost in enumerate((4, 3, 3)):
        place = school(kent, name=f"School {k}")
        if k == 0:
            row = flow_row(place, module, flow=(2, 0, 0, 2, 2, 2, 2, 0), gender="female", baseline=((), [20, 20]))
            ProgressRollup.objects.filter(pk=row.pk).update(term=SPRING)
        flow_row(place, module, flow=(20, 0, 0, 20, 20, 20, 20, 0), gender="female", baseline=([60] * 4, [40] * lost))
    refreshed()


def autumn_board():
    return build_dashboard(filters=DashboardFilters(term=AUTUMN), districts=list(District.objects.all()))


def test_the_autumn_baseline_check_is_hidden_where_its_group_a_few_short_of_the_year_is(two_more_in_spring):
    hidden = HiddenCell.objects.get(
        pattern=current_pattern(),
        kind=COUNTY,
        area="",
        academic_year=0,
        term=AUTUMN,
        module=0,
        year_group=0,
        gender=EVERY_GENDER,
    )
    assert "baseline_without_post" in hidden.measures

    baseline = autumn_board().attrition.follow_up.baseline

    assert baseline.difference is None
    assert "went on to take the end-of-module quiz" not in baseline.reading
