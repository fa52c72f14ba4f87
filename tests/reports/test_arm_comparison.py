"""Programme against comparison classes on the dashboard: the ANCOVA from rollup sums, hidden like every figure,
and the only figure set beside published effects."""

import pytest
from django.urls import reverse

from reports.dashboard import build_dashboard
from reports.dashboard_queries import DashboardFilters
from reports.disclosure import SUPPRESSED
from reports.forms import FilterChoices
from reports.stats_arms import ArmCell, compare_arms
from tests.factories import ModulePageFactory, SurveyFactory, likert, stream

from .rollup_rows import comparison, district, pair_sums, progress, refreshed, scale, school

pytestmark = pytest.mark.django_db


def taught(k: int) -> list[tuple[int, int]]:
    """A programme school's ten pupils: before 30 to 66, after about 20 more."""
    return [(30 + 4 * i, 52 + 4 * i + (k + i) % 5) for i in range(10)]


def waiting(k: int) -> list[tuple[int, int]]:
    """A comparison school's ten pupils: before 32 to 68, after about 5 more."""
    return [(32 + 4 * i, 37 + 4 * i + (k + 2 * i) % 4) for i in range(10)]


@pytest.fixture
def county(programme):
    module = ModulePageFactory(parent=programme, title="Healthy relationships")
    ashford = district("Ashford", "E07000105")
    schools = [school(ashford, name=f"Taught {k}") for k in range(4)]
    waiting_schools = [school(ashford, name=f"Waiting {k}") for k in range(3)]
    for k, place in enumerate(schools):
        progress(place, module, assigned=10, pairs=taught(k))
    for k, place in enumerate(waiting_schools):
        comparison(place, module, pairs=waiting(k))
    refreshed()
    return module, schools, waiting_schools


def board(**filters):
    return build_dashboard(filters=DashboardFilters(**filters), districts=FilterChoices.load().districts)


def test_the_difference_between_arms_is_the_ancova_of_the_rollup_sums(county):
    (figure,) = board().comparison

    cells = [ArmCell(f"t{k}", True, pair_sums(taught(k)).as_tuple()) for k in range(4)]
    cells += [ArmCell(f"w{k}", False, pair_sums(waiting(k)).as_tuple()) for k in range(3)]
    expected = compare_arms(cells)
    assert not figure.hidden
    assert (figure.programme_pairs, figure.comparison_pairs) == ("40", "30")
    assert (figure.programme_schools, figure.comparison_schools) == ("4", "3")
    assert figure.difference == f"+{expected.difference:.1f}"
    assert figure.ci_text == f"{expected.ci_low:.1f} to {expected.ci_high:.1f}"
    assert figure.g == f"{expected.g:.2f}"
    assert figure.published_text == "0.22"
    assert figure.p == "\u2013"  # 7 schools: no p-value
    assert figure.reading.took_part == (
        "40 pupils in 4 schools had the lessons; 30 pupils in comparison classes in 3 schools answered the same "
        "questions at the same times without them."
    )
    assert "similar programmes averaged about 0.22" in figure.reading.changed
    assert "few schools took part (7)" in figure.reading.how_sure
    assert "chosen, not drawn by lot" in figure.reading.not_shown


def test_attitude_scales_are_compared_too_and_set_beside_the_published_attitudes_effect(county):
    module, schools, waiting_schools = county
    SurveyFactory(key="respect", title="Respect survey", questions=stream([likert("a1")]))
    for place in schools:
        scale(place, module, survey_key="respect", pairs=[(2.0, 3.0), (3.0, 3.5), (2.5, 3.5)] * 4)
    for place in waiting_schools:
        comparison(place, module, outcome="respect/attitudes", pairs=[(2.0, 2.5), (3.0, 3.0), (2.5, 3.0)] * 4)

    _, attitudes = board().comparison

    assert attitudes.measure == "the attitudes scale of “Respect survey”"
    assert attitudes.published_text == "0.14"
    assert attitudes.comparison_pairs == "36"


def test_a_comparison_from_too_few_schools_or_pupils_is_hidden(county, client):
    from reports.comparison_models import ComparisonRollup

    _, _, waiting_schools = county

    ComparisonRollup.objects.filter(school=waiting_schools[0]).delete()
    refreshed()

    (figure,) = board().comparison
    assert figure.hidden and figure.difference == SUPPRESSED and figure.g == SUPPRESSED
    assert "hidden" in str(figure.reading)
    # A comparison school's own page has no pupils with the lessons: the programme's pairs there are hidden.
    page = build_dashboard(
        filters=DashboardFilters(), districts=FilterChoices.load().districts, school=waiting_schools[1]
    )
    assert page.comparison[0].hidden
    assert str(page.comparison[0].reading).startswith(
        "The comparison on the knowledge quiz (points out of 100) is hidden (c) because"
    )


def test_no_comparison_classes_no_section(module, client):
    place = school(district("Dover", "E07000108"))
    progress(place, module, assigned=10, pairs=taught(0))
    refreshed()
    assert board().comparison == ()


def test_the_page_shows_the_comparison_and_keeps_published_effects_to_it(county, client):
    from .rollup_rows import commissioner

    client.force_login(commissioner())
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert 'id="comparison"' in html and "Hedges' g" in html
    # What the comparisons do not show is said once for all of them, not under each.
    section = html[html.index('id="comparison"') :].split("</section>")[0]
    assert section.count("not drawn by lot") == 1 and "What these comparisons do not show" in section
    evidence = html[html.index('id="evidence"') :]
    assert "0.22" not in evidence.split("Published evaluations")[0]
