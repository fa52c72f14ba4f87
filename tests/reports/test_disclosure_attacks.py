"""Attacks on the published figures: each opens several pages, as a reader could, to work out a hidden figure.

Every page (a district's table, a school's own page, the county, a filtered view, the transparency
page, the exports) shows the refresh's one stored suppression pattern (``reports.published_pattern``).
"""

import pytest
from django.core.cache import cache

from reports.disclosure import SUPPRESSED
from reports.pattern_models import HiddenCell, SuppressionPattern
from reports.published_pattern import current_pattern
from reports.terms import Term
from schools.models import District

from .rollup_rows import YEAR, district, progress, refreshed, scale, school
from .rollup_rows import dashboard_page as page

pytestmark = pytest.mark.django_db


def row(breakdown, label):
    return next(found for found in breakdown.rows if found.label == label)


def pairs(n, gain=10):
    return [(40, 40 + gain)] * n


def test_a_school_hidden_in_its_district_table_cannot_be_worked_out_from_a_sibling_school_page(module):
    # District table: A = 100, B = c, C = ?, total 157. If C's own page showed 50, B = 157 - 100 - 50 = 7.
    ashford = district("Ashford", "E07000105")
    a, b, c = (school(ashford, name=name) for name in ("A School", "B School", "C School"))
    for place, assigned in ((a, 100), (b, 7), (c, 50)):
        progress(place, module, assigned=assigned, completed=assigned // 2, pairs=pairs(assigned // 2))
    refreshed()

    table = page(district=ashford).places
    assert row(table, "B School").assigned == SUPPRESSED
    assert row(table, "C School").assigned == SUPPRESSED
    own = page(c).headline.total
    assert (own.assigned, own.completed, own.pairs, own.knowledge.text) == (SUPPRESSED,) * 4
    # Nothing shown anywhere adds up to B: the district's total and A's figures leave B + C = 57 unsplit.
    assert page(a).headline.total.assigned == 100 == row(table, "A School").assigned


def test_a_district_with_one_school_hides_the_school_page_too(module):
    canterbury = district("Canterbury", "E07000106")
    only = school(canterbury, name="Canterbury Academy")
    progress(only, module, assigned=85, completed=77, pairs=pairs(31))
    refreshed()

    assert page(district=canterbury).headline.total.assigned == SUPPRESSED
    total = page(only).headline.total
    assert (total.assigned, total.completed, total.pairs) == (SUPPRESSED, SUPPRESSED, SUPPRESSED)
    assert total.knowledge.hidden


def test_a_district_hidden_in_the_county_cannot_be_worked_out_from_its_siblings_own_pages(module):
    # County = D1 + D2 + D3; D3 has two schools and is hidden. D1's and D2's own pages must not both show.
    counts = {"Ashford": (3, 40), "Dover": (3, 30), "Swale": (2, 20)}
    places = {}
    for n, (name, (schools, assigned)) in enumerate(counts.items()):
        places[name] = district(name, f"E0700010{n}")
        for k in range(schools):
            progress(school(places[name], name=f"{name} {k}"), module, assigned=assigned, completed=assigned)
    refreshed()

    county = page()
    assert county.headline.total.assigned == 250
    assert row(county.places, "Swale").assigned == SUPPRESSED
    own_pages = {name: page(district=place).headline.total.assigned for name, place in places.items()}
    assert own_pages["Swale"] == SUPPRESSED
    # Each district shows the same on its own page as in the county's table: one of the other two is hidden.
    assert own_pages == {name: row(county.places, name).assigned for name in places}
    assert SUPPRESSED in (own_pages["Ashford"], own_pages["Dover"])


@pytest.fixture
def three_schools(module):
    ashford = district("Ashford", "E07000105")
    return [school(ashford, name=f"Ashford {k}") for k in range(3)]


def test_a_filtered_mean_one_pupil_short_of_its_parent_is_hidden(module, three_schools):
    # 12 pairs in the year, 11 in the autumn term: the difference would be one pupil's scores.
    a, b, c = three_schools
    for place, n in ((a, 4), (b, 4), (c, 3)):
        progress(place, module, assigned=20, completed=20, pairs=pairs(n, 10))
        scale(place, module, survey_key="respect", pairs=[(2.5, 3.0)] * n)
    progress(a, module, term=Term.SPRING, assigned=10, completed=10, pairs=[(40, 90)])
    scale(a, module, survey_key="respect", term=Term.SPRING, pairs=[(1.75, 3.0)])
    refreshed()

    year = page(academic_year=YEAR)
    (year_scale,) = year.surveys[0].scales
    assert year.headline.total.pairs == 12 and year_scale.pairs == 12
    autumn = page(academic_year=YEAR, term=Term.AUTUMN)
    (autumn_scale,) = autumn.surveys[0].scales
    assert autumn.headline.total.pairs == SUPPRESSED and autumn.knowledge.total.knowledge.hidden
    assert autumn_scale.pairs == SUPPRESSED and autumn_scale.change.hidden
    # The term trend shows the same pattern: the autumn row's pairs and mean are hidden there too.
    autumn_row = year.trend.rows[0]
    assert autumn_row.pairs == SUPPRESSED and autumn_row.knowledge.hidden


def test_scale_means_are_shown_to_one_decimal(module, three_schools):
    for place in three_schools:
        progress(place, module, assigned=20, completed=20)
        scale(place, module, survey_key="respect", pairs=[(2.25, 3.0)] * 2 + [(2.5, 3.25)] * 2)
    refreshed()

    (figure,) = page().surveys[0].scales
    assert figure.pairs == 12
    assert (figure.change.pre_text, figure.change.post_text) == ("2.4", "3.1")


def test_hidden_genders_together_carry_the_threshold(module, three_schools):
    # Female 60, male 55, other 1, not recorded 0: hiding only "other" and "not recorded" would show them to be 1 pupil.
    for gender, total in (("female", 60), ("male", 55), ("other", 1)):
        for k, place in enumerate(three_schools):
            share = total // 3 + (1 if k < total % 3 else 0)
            if share:
                progress(place, module, gender=gender, assigned=share, completed=share)
    refreshed()

    board = page()
    genders = next(table for table in board.equity if table.key == "gender")
    counts = {"female": 60, "male": 55, "other": 1, "": 0}
    labels = {"Female": "female", "Male": "male", "Other or self-described": "other", "Not recorded": ""}
    hidden = [counts[labels[found.label]] for found in genders.rows if found.assigned == SUPPRESSED]
    assert hidden and (sum(hidden) >= 10 or genders.total.assigned == SUPPRESSED)
    assert row(genders, "Other or self-described").knowledge.hidden


def test_pages_show_the_stored_pattern_not_their_own_rules(module, three_schools):
    for place in three_schools:
        progress(place, module, assigned=40, completed=30)
    refreshed()
    assert page().headline.total.assigned == 120
    pattern = current_pattern()
    assert SuppressionPattern.objects.filter(pk=pattern.pk).exists()
    HiddenCell.objects.create(
        pattern=pattern,
        kind="county",
        area="",
        academic_year=0,
        term=0,
        module=0,
        year_group=0,
        gender="*",
        measures=["assigned"],
    )
    cache.clear()

    assert page().headline.total.assigned == SUPPRESSED


def test_the_pattern_is_worked_out_once_per_refresh_and_kept(module, three_schools):
    for place in three_schools:
        progress(place, module, assigned=40, completed=30)
    refresh = refreshed()
    page()
    page(district=District.objects.get())
    assert SuppressionPattern.objects.filter(refresh=refresh).count() == 1
    assert current_pattern().refresh == refresh
