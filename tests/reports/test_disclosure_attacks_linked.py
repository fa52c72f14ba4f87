"""Attacks through the attrition flow, the comparison of arms and the pairs left out: each opens several pages.

These figures are cells of the refresh's one linked set (``reports.disclosure_flow``), so a figure hidden on
one page cannot be worked out from what another page shows.
"""

import pytest

from reports.attrition import STEPS
from reports.disclosure import SUPPRESSED
from reports.models import ProgressRollup
from reports.terms import Term

from .rollup_rows import YEAR, comparison, district, progress, refreshed, scale, school
from .rollup_rows import dashboard_page as page

pytestmark = pytest.mark.django_db


def flow(place, module, assigned, pre, lessons, post, matched, follow_up, **counts):
    row = progress(place, module, assigned=assigned, completed=lessons, pairs=[(40, 50)] * matched)
    ProgressRollup.objects.filter(pk=row.pk).update(
        flow_pre=pre, flow_lessons=lessons, flow_post=post, flow_matched=matched, flow_follow_up=follow_up, **counts
    )


def derivable(*figures) -> bool:
    """Whether a hidden part follows from a total and every other part, all shown somewhere."""
    return SUPPRESSED not in figures


def test_a_schools_flow_hidden_in_its_district_cannot_be_worked_out_from_a_sibling_schools_page(module):
    # District flow by school: A, B (7 pupils), C. C's own page and A's, with the district's total, would give B.
    ashford = district("Ashford", "E07000105")
    a, b, c = (school(ashford, name=name) for name in ("A School", "B School", "C School"))
    flow(a, module, 100, 90, 80, 70, 60, 30)
    flow(b, module, 7, 7, 6, 5, 4, 2)
    flow(c, module, 50, 45, 40, 35, 30, 15)
    refreshed()

    board = page(district=ashford)
    by_school = {row.label: row.cells for row in board.attrition.tables[0].rows}
    own = {name: page(place).attrition.total.cells for name, place in (("A School", a), ("C School", c))}
    for n, step in enumerate(STEPS):
        a_shown = by_school["A School"][n] if by_school["A School"][n] != SUPPRESSED else own["A School"][n]
        c_shown = by_school["C School"][n] if by_school["C School"][n] != SUPPRESSED else own["C School"][n]
        assert not derivable(board.attrition.total.cells[n], a_shown, c_shown), step
    # The flow's pupils assigned are the uptake table's, school by school.
    uptake = {row.label: row.assigned for row in board.places.rows}
    assert {label: cells[0] for label, cells in by_school.items()} == uptake


def test_the_flow_shows_no_figure_the_headline_hides(module):
    canterbury = district("Canterbury", "E07000106")
    only = school(canterbury, name="Canterbury Academy")
    flow(only, module, 85, 80, 77, 60, 31, 20)
    refreshed()

    board = page(only)
    assert board.headline.total.assigned == SUPPRESSED
    assert set(board.attrition.total.cells) == {SUPPRESSED}, "its district's figures, which the district hides"


def programme_school(place, module, pairs=20):
    progress(place, module, assigned=40, completed=40, pairs=[(40 + k % 7, 60 + k % 5) for k in range(pairs)])


def waiting(place, module, pairs):
    comparison(place, module, pairs=[(40 + k % 7, 44 + k % 3) for k in range(pairs)])


def test_the_comparison_shows_no_pairs_the_headline_hides(module):
    # The programme's pairs come from 2 schools (hidden: fewer than 3), the comparison's from 3.
    ashford = district("Ashford", "E07000105")
    for k in range(2):
        programme_school(school(ashford, name=f"Taught {k}"), module)
    for k in range(3):
        waiting(school(ashford, name=f"Waiting {k}"), module, 12)
    refreshed()

    board = page(district=ashford)
    assert board.headline.total.pairs == SUPPRESSED
    (figure,) = board.comparison
    assert figure.hidden and figure.programme_pairs == SUPPRESSED


def test_a_districts_comparison_arm_cannot_be_worked_out_from_the_county_and_another_district(module):
    # Comparison pairs 90 in Ashford and 5 in Dover: the county's 95 less Ashford's would give Dover's 5.
    places = {}
    for n, (name, pairs) in enumerate((("Ashford", (30, 30, 30)), ("Dover", (2, 2, 1)))):
        places[name] = district(name, f"E0700010{n}")
        for k, count in enumerate(pairs):
            place = school(places[name], name=f"{name} {k}")
            programme_school(place, module)
            waiting(place, module, count)
    refreshed()

    (dover,) = page(district=places["Dover"]).comparison
    assert dover.hidden
    shown = [page().comparison[0].comparison_pairs, page(district=places["Ashford"]).comparison[0].comparison_pairs]
    assert not derivable(*shown)


def test_a_schools_pairs_left_out_cannot_be_worked_out_from_its_district_and_siblings(module):
    # Pairs in the wrong order 20, 3 and 12: the district's 35 less the two others' would give the 3.
    ashford = district("Ashford", "E07000105")
    places = [school(ashford, name=f"Ashford {k}") for k in range(3)]
    for place, wrong in zip(places, (20, 3, 12), strict=True):
        flow(place, module, 40, 40, 40, 40, 20, 0, knowledge_wrong_order=wrong, knowledge_order_unknown=15)
    refreshed()

    district_figure = page(district=ashford).pairs_left_out[0].wrong_order
    assert page(places[1]).pairs_left_out[0].wrong_order == SUPPRESSED
    siblings = [page(place).pairs_left_out[0].wrong_order for place in (places[0], places[2])]
    assert not derivable(district_figure, *siblings)


def test_a_scale_term_a_few_pairs_short_of_its_year_is_hidden(module):
    # 25 scale pairs in the year, 20 in the autumn: the 5 spring pupils' mean would follow from the two.
    ashford = district("Ashford", "E07000105")
    places = [school(ashford, name=f"Ashford {k}") for k in range(3)]
    for place, autumn, spring in zip(places, (7, 7, 6), (2, 2, 1), strict=True):
        progress(place, module, assigned=40, completed=40)
        progress(place, module, term=Term.SPRING, assigned=40, completed=40)
        scale(place, module, survey_key="respect", pairs=[(2.5, 3.0)] * autumn)
        scale(place, module, survey_key="respect", term=Term.SPRING, pairs=[(1.75, 3.0)] * spring)
    refreshed()

    (year,) = page(academic_year=YEAR).surveys[0].scales
    (autumn,) = page(academic_year=YEAR, term=Term.AUTUMN).surveys[0].scales
    assert not derivable(year.pairs, autumn.pairs)
