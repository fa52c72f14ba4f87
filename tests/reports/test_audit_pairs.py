"""The audit report's changes and follow-up counts follow the linked pattern: none shows a count the dashboard hides."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from reports import disclosure_cube as cube
from reports.audit_pairs import LEFT_OUT_KEY, pair_cells
from reports.audit_periods import Period
from reports.audit_protection import HIDDEN, protected
from reports.audit_publish import render_report_html
from reports.audit_report import collect_snapshot, report_figures
from reports.disclosure import SUPPRESSED
from reports.disclosure_flow import LEFT_OUT_FIELDS
from reports.follow_up import BASELINE_FIELDS
from reports.models import ProgressRollup
from reports.pattern_models import HiddenCell
from reports.published_pattern import current_pattern

from . import rollup_rows
from .test_audit_report import snapshot

pytestmark = pytest.mark.django_db

AUTUMN, SPRING = 1, 2
SEPTEMBER_TO_FEBRUARY = Period(datetime.date(rollup_rows.YEAR, 9, 1), datetime.date(rollup_rows.YEAR + 1, 2, 28))


@pytest.fixture
def pairs_in_autumn_and_three_in_spring(module, settings):
    """Three schools: 4 knowledge pairs (and survey pairs) each in the autumn, and 3 more in one school in spring.

    The dashboard shows the year's 15 pairs and hides the autumn's 12 (15 - 12 = 3 pairs would be spring's, which
    it hides). A report of the autumn alone, each figure to its own rule, shows 12 (3 schools), giving spring's 3.
    """
    settings.SUPPRESSION_THRESHOLD = 10
    place = rollup_rows.district("Ashford", "E07000105")
    schools = [rollup_rows.school(place) for _ in range(3)]
    for school in schools:
        rollup_rows.progress(school, module, term=AUTUMN, assigned=20, pairs=[(40, 60)] * 4, gender="female")
    rollup_rows.progress(schools[0], module, term=SPRING, assigned=20, pairs=[(40, 60)] * 3, gender="female")
    ProgressRollup.objects.update(survey_pairs=F("knowledge_pairs"), follow_up_retained=F("knowledge_pairs"))
    rollup_rows.refreshed()


def nightly_hides(term: int, measure: str) -> bool:
    cell = HiddenCell.objects.filter(
        pattern=current_pattern(),
        kind=cube.COUNTY,
        academic_year=rollup_rows.YEAR,
        term=term,
        module=cube.ALL,
        year_group=cube.ALL,
        gender=cube.EVERY_GENDER,
    ).first()
    return cell is not None and measure in cell.measures


def test_the_dashboard_hides_the_autumn_pairs_a_report_to_its_own_rules_would_show(pairs_in_autumn_and_three_in_spring):
    assert nightly_hides(AUTUMN, "pairs") and not nightly_hides(cube.ALL, "pairs")
    assert nightly_hides(AUTUMN, "survey_pairs") and not nightly_hides(cube.ALL, "survey_pairs")
    kept = collect_snapshot(SEPTEMBER_TO_FEBRUARY)
    # Each figure to its own rule (as the changes and follow-up were): 12 pairs from 3 schools are shown.
    values, _, primary = pair_cells(kept)
    assert values[("pairs", "all")] == 12 and ("pairs", "all") not in primary


def test_a_frozen_report_hides_its_changes_and_follow_up_where_the_dashboard_hides_their_pairs(
    pairs_in_autumn_and_three_in_spring,
):
    kept = collect_snapshot(SEPTEMBER_TO_FEBRUARY)
    figures = report_figures(kept)

    assert ["pairs", "all"] in kept[HIDDEN]
    assert figures.knowledge.pairs == SUPPRESSED and figures.knowledge.mean_diff == SUPPRESSED
    assert figures.attrition.follow_up.retention.survey_pairs == SUPPRESSED


def test_counts_of_the_follow_up_are_protected_together_within_the_report():
    # 40 survey pairs, 35 kept to the follow-up: the 5 not kept are hidden, and so must be one of the others.
    zeros = dict.fromkeys(BASELINE_FIELDS, 0)
    data = {
        "schools": [{**zeros, "school_id": n, "survey_pairs": 10, "follow_up_retained": 9} for n in range(3)]
        + [{**zeros, "school_id": 3, "survey_pairs": 10, "follow_up_retained": 8}],
        "scales": [],
        "flow": [],
        "districts": {},
    }
    frozen = protected(snapshot(version=2, attrition=data))
    hidden = {tuple(key) for key in frozen[HIDDEN]}
    figures = report_figures(frozen)

    assert ("not_retained", "all") in hidden
    assert {("survey_pairs", "all"), ("follow_up_retained", "all")} & hidden
    assert SUPPRESSED in (
        figures.attrition.follow_up.retention.survey_pairs,
        figures.attrition.follow_up.retention.retained,
    )


def left_out(**counts) -> dict:
    """The snapshot's pairs left out: each reason's (count, schools with any), 3 schools unless given."""
    return {name: list(counts.get(name, (0, 0))) for name in LEFT_OUT_FIELDS}


def test_pairs_left_out_are_protected_together_and_rounded_in_the_report():
    # 30 quiz pairs in the wrong order and 4 whose order cannot be shown, in 3 schools: the 4 are hidden, and
    # with them the 30 or the 34 in all (else 34 - 30 = 4).
    counts = left_out(knowledge_wrong_order=(30, 3), knowledge_order_unknown=(4, 3), survey_wrong_order=(12, 3))
    frozen = protected(snapshot(version=2, **{LEFT_OUT_KEY: counts}))
    hidden = {tuple(key) for key in frozen[HIDDEN]}
    quiz, survey = report_figures(frozen).left_out

    assert ("knowledge_order_unknown", "all") in hidden
    assert {("knowledge_wrong_order", "all"), ("knowledge_left_out", "all")} & hidden
    assert quiz.order_unknown == SUPPRESSED and SUPPRESSED in (quiz.wrong_order, quiz.left_out)
    # No survey pair's order is unknown: that 0 is hidden, and with it the 12 in the wrong order (the 12 in all
    # would give it); shown counts are rounded to the nearest 5, as on the public page.
    assert (survey.wrong_order, survey.order_unknown, survey.left_out) == (SUPPRESSED, SUPPRESSED, 10)
    html = render_report_html(snapshot=frozen, built_at=timezone.now())
    assert "Pupils whose answers before and after are left out" in html


def test_the_pairs_left_out_are_kept_when_frozen_and_hidden_as_the_dashboard_hides_them_for_the_term(
    pairs_in_autumn_and_three_in_spring,
):
    # 5 quiz pairs in the wrong order in each school in the autumn, none whose order is unknown.
    ProgressRollup.objects.filter(term=AUTUMN).update(knowledge_wrong_order=5)
    rollup_rows.refreshed()
    kept = collect_snapshot(SEPTEMBER_TO_FEBRUARY)
    quiz = report_figures(kept).left_out[0]

    assert kept[LEFT_OUT_KEY]["knowledge_wrong_order"] == [15, 3]
    for name, shown in (("knowledge_wrong_order", quiz.wrong_order), ("knowledge_left_out", quiz.left_out)):
        assert nightly_hides(AUTUMN, name) == (shown == SUPPRESSED), name
    assert quiz.order_unknown == SUPPRESSED
