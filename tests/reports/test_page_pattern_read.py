"""A page reads only the hidden cells it can show: its own area in full, the places it lists at its year and term."""

import pytest
from django.utils import timezone

from reports import disclosure_cube as cube
from reports.models import RefreshStatus, RollupRefresh
from reports.pattern_models import HiddenCell, SuppressionPattern
from reports.published_pattern import PagePattern, page_pattern

pytestmark = pytest.mark.django_db

YEAR = 2025


def hidden_cell(pattern, kind, area, term, gender, year=YEAR):
    return HiddenCell.objects.create(
        pattern=pattern,
        kind=kind,
        area=area,
        academic_year=year,
        term=term,
        module=0,
        year_group=0,
        gender=gender,
        measures=["assigned"],
    )


@pytest.fixture
def stored():
    now = timezone.now()
    refresh = RollupRefresh.objects.create(started_at=now, finished_at=now, status=RefreshStatus.SUCCEEDED, full=True)
    pattern = SuppressionPattern.objects.create(refresh=refresh, threshold=10, built_at=now)
    for term in (0, 1, 2):
        for gender in (cube.EVERY_GENDER, "female"):
            hidden_cell(pattern, cube.COUNTY, "", term, gender)
            hidden_cell(pattern, cube.DISTRICT, "7", term, gender)
            hidden_cell(pattern, cube.SCHOOL, "70", term, gender)
    hidden_cell(pattern, cube.DISTRICT, "7", 1, cube.EVERY_GENDER, year=YEAR - 1)
    return pattern


def test_the_places_a_page_lists_are_read_at_its_year_and_term_only(stored):
    found = page_pattern(
        module=0,
        year_group=0,
        areas=[(cube.COUNTY, "")],
        kinds=[cube.DISTRICT],
        listed=(YEAR, 1),
        listed_areas=[(cube.SCHOOL, "70")],
    )

    assert {key for key in found.hidden if key[0] == cube.COUNTY} == {
        (cube.COUNTY, "", YEAR, term, 0, 0, gender) for term in (0, 1, 2) for gender in (cube.EVERY_GENDER, "female")
    }, "the page's own area in full: by gender and over the terms (the trend)"
    assert {key for key in found.hidden if key[0] != cube.COUNTY} == {
        (cube.DISTRICT, "7", YEAR, 1, 0, 0, cube.EVERY_GENDER),
        (cube.SCHOOL, "70", YEAR, 1, 0, 0, cube.EVERY_GENDER),
    }


def test_a_listed_place_outside_what_was_read_is_hidden_never_taken_as_shown():
    pattern = PagePattern(hidden={}, limit=10, listed=(YEAR, 1), read_in_full=frozenset({(cube.COUNTY, "")}))

    assert not pattern.is_hidden((cube.DISTRICT, "7", YEAR, 1, 0, 0, cube.EVERY_GENDER), "assigned")
    assert pattern.is_hidden((cube.DISTRICT, "7", YEAR, 2, 0, 0, cube.EVERY_GENDER), "assigned")
    assert pattern.is_hidden((cube.DISTRICT, "7", YEAR, 1, 0, 0, "female"), "assigned")
    assert pattern.is_hidden((cube.DISTRICT, "7", YEAR - 1, 1, 0, 0, cube.EVERY_GENDER), "assigned")
    assert not pattern.is_hidden((cube.COUNTY, "", YEAR, 2, 0, 0, "female"), "assigned")
