"""The export of the dashboard's outcome tables: the dashboard's own figures, clustered and hidden alike."""

import pytest

from reports.disclosure import SUPPRESSED
from reports.outcome_export import KNOWLEDGE_HEADER, SCALE_HEADER, county_board, outcome_sheets
from tests.factories import ModulePageFactory, SurveyFactory, likert, stream

from .rollup_rows import YEAR, district, progress, refreshed, scale, school

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(programme):
    """Three schools in Ashford and one in Dover; school k's ten pupils gain 10 + 4k or 30 + 4k points."""
    module = ModulePageFactory(parent=programme, title="Healthy relationships")
    ashford, dover = district("Ashford", "E07000105"), district("Dover", "E07000108")
    places = [school(ashford, name=f"Ashford {i}") for i in range(3)] + [school(dover, name="Dover")]
    for k, place in enumerate(places):
        pairs = [(40, 50 + 4 * k)] * 5 + [(40, 70 + 4 * k)] * 5
        progress(place, module, assigned=40, completed=20, pairs=pairs)
        scale(place, module, survey_key="respect", pairs=[(2.0, 3.0 + k / 10), (3.0, 3.5)] * 5)
    module.attitude_survey = SurveyFactory(key="respect", title="Respect survey", questions=stream([likert("a1")]))
    module.save()
    refreshed()
    return module


def test_the_knowledge_sheet_carries_the_dashboards_clustered_figures(county):
    knowledge, _ = outcome_sheets(YEAR)
    rows = {(row[0], row[1]): row for row in knowledge.rows}

    assert knowledge.header == KNOWLEDGE_HEADER
    # The area: mean 26, CR2 interval on 3 df 17.78 to 34.22 (worked in test_dashboard).
    assert rows["Area", "Total"] == [
        "Area", "Total", "40", "40.0", "66.0", "+26.0", "17.8", "34.2", "clustered by school (4 schools)"
    ]  # fmt: skip
    # Dover is one school (hidden), so Ashford is hidden too; the total of the districts is not.
    assert rows["By district", "Dover"][2:] == [SUPPRESSED] * 6 + [""]
    assert rows["By district", "Ashford"][2] == SUPPRESSED
    assert rows["By district", "Total"][6:8] == ["17.8", "34.2"]
    board = county_board(YEAR)
    assert rows["Area", "Total"][5] == board.knowledge.total.knowledge.text


def test_the_attitude_sheet_names_module_survey_and_scale_with_holm_p_values(county):
    _, attitudes = outcome_sheets(YEAR)
    (row,) = attitudes.rows
    figure = county_board(YEAR).surveys[0].scales[0]

    assert attitudes.header == SCALE_HEADER
    assert row[:5] == ["Healthy relationships", "Respect survey", "Attitudes", "1 to 5", "40"]
    assert row[8:11] == [figure.change.ci_low_text, figure.change.ci_high_text, "clustered by school (4 schools)"]
    assert row[11] == "\u2013"  # fewer than 10 schools: no p-value
