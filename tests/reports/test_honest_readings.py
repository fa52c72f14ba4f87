"""Multiplicity and honesty in the readings: Holm-adjusted p-values across scales, and what a change does not prove."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from courses.models import ModulePage, Survey
from reports.dashboard import build_dashboard
from reports.dashboard_analysts import holm_adjusted
from reports.dashboard_queries import DashboardFilters
from reports.forms import FilterChoices
from reports.readings import NOT_CAUSE, p_value_text
from tests.factories import ModulePageFactory, SurveyFactory, likert, stream

from .rollup_rows import commissioner, district, progress, refreshed, scale, school

pytestmark = pytest.mark.django_db


def test_holm_adjustment_matches_a_hand_worked_example():
    # Sorted: 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04, raised to the running max 0.06).
    assert holm_adjusted([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    # A scale with no p-value is not in the family: two tests, not three.
    adjusted = holm_adjusted([0.01, None, 0.04])
    assert adjusted[1] is None
    assert adjusted[0] == pytest.approx(0.02) and adjusted[2] == pytest.approx(0.04)
    # Never above 1.
    assert holm_adjusted([0.6, 0.7]) == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize(
    "cause",
    [
        "(maturation)",
        "(the retest effect)",
        "(selection and attrition)",
        "(social desirability)",
        "(regression to the mean)",
    ],
)
def test_not_proof_of_cause_names_each_rival_explanation(cause):
    assert cause in NOT_CAUSE


@pytest.fixture
def two_scales(programme):
    """Twelve schools of ten pupils on two scales, and their quiz pairs."""
    cache.clear()
    module = ModulePageFactory(parent=programme, title="Healthy relationships")
    SurveyFactory(
        key="respect-survey",
        title="Respect survey",
        questions=stream(
            [likert("a1"), likert("a2"), likert("b1", subscale="safety"), likert("b2", subscale="safety")]
        ),
    )
    place = district("Ashford", "E07000105")
    for k in range(12):
        where = school(place, name=f"School {k}")
        progress(where, module, assigned=10, started=10, completed=10, passed=8, pairs=[(40, 60 + k)] * 10)
        scale(where, module, survey_key="respect-survey", pairs=[(2.0, 2.5 + k / 20), (3.0, 3.0 + k / 40)] * 5)
        scale(where, module, survey_key="respect-survey", name="safety", pairs=[(3.0, 3.1), (3.0, 2.8 + k / 50)] * 5)
    refreshed()


def test_the_dashboard_and_transparency_page_say_it_is_not_proof_of_cause(client, two_scales):
    client.force_login(commissioner())
    pages = [client.get(reverse("reports:dashboard")), client.get(reverse("reports:transparency"))]
    for page in pages:
        text = " ".join(page.content.decode().split())
        assert "is not proof that the lessons caused it" in text
        assert "(regression to the mean)" in text


def test_dashboard_scale_p_values_are_holm_adjusted_across_the_scales(two_scales):
    """Each line's p is Holm's adjustment of the two scales' raw p-values."""
    board = build_dashboard(filters=DashboardFilters(), districts=FilterChoices.load().districts)
    (survey,) = board.surveys
    raw = [figure.change.result.p for figure in survey.scales]
    expected = holm_adjusted(raw)

    assert all(p is not None for p in raw)
    assert [figure.analyst.p for figure in survey.scales] == [p_value_text(p) for p in expected]
    assert all(figure.analyst.p_note == "Holm-adjusted across 2 scales" for figure in survey.scales)
    assert expected != raw


def test_each_scales_evidence_line_names_its_survey(two_scales):
    """Every module's survey has an attitudes scale: a line that did not name its survey could be any of them."""
    board = build_dashboard(filters=DashboardFilters(), districts=FilterChoices.load().districts)
    (survey,) = board.surveys
    for figure in survey.scales:
        assert f"the {figure.label.lower()} scale of “{figure.survey_title}”" in figure.evidence.reading


def test_an_evidence_row_names_a_module_once_when_its_survey_is_titled_after_it(two_scales):
    survey = Survey.objects.get(key="respect-survey")
    survey.title = "Healthy relationships: what do you think?"
    survey.save()
    module = ModulePage.objects.get(title="Healthy relationships")
    module.attitude_survey = survey
    module.save()
    board = build_dashboard(filters=DashboardFilters(), districts=FilterChoices.load().districts)
    for figure in board.surveys[0].scales:
        assert figure.evidence.outcome.startswith("Healthy relationships: what do you think?: ")
        assert figure.evidence.outcome.count("Healthy relationships") == 1


def test_the_evidence_panel_says_only_the_comparison_with_wait_list_classes_is_set_beside_published_effects(
    client, two_scales
):
    """A comparison arm may be classes in schools that also have the lessons, as in the demo."""
    client.force_login(commissioner())
    page = " ".join(client.get(reverse("reports:dashboard")).content.decode().split())
    assert "between classes with the lessons and comparison (wait-list) classes without them is." in page


def test_the_analysts_cells_under_a_95_ci_heading_give_the_figure_then_its_interval(two_scales):
    """The headings say "d_z (95% CI)" and "Cronbach's alpha (95% CI)": the cells do not say it again."""
    board = build_dashboard(filters=DashboardFilters(), districts=FilterChoices.load().districts)
    (survey,) = board.surveys
    for figure in survey.scales:
        assert figure.analyst.d_z == f"{figure.change.d_z_text} ({figure.change.d_z_ci_text})"
        assert "95% CI" not in figure.analyst.alpha
