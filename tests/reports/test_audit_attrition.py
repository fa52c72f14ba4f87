"""The audit report's attrition flow and follow-up: kept in the snapshot, shown from it alone, suppressed."""

import datetime

import pytest
from django.utils import timezone

from reports.audit_periods import Period
from reports.audit_protection import HIDDEN, NIGHTLY, protected
from reports.audit_publish import render_report_html
from reports.audit_report import collect_snapshot, report_figures
from reports.disclosure import SUPPRESSED
from reports.models import ProgressRollup
from reports.pattern_models import HiddenCell
from reports.rollups import refresh_rollups
from schools.services.classes import current_academic_year

from .conftest import add_pupil, assign, populate
from .rollup_rows import refreshed
from .test_audit_report import snapshot

pytestmark = pytest.mark.django_db

YEAR = current_academic_year()
AUTUMN_HALF = Period(datetime.date(YEAR, 9, 1), datetime.date(YEAR + 1, 2, 28))


@pytest.fixture
def autumn(evaluated, settings):
    """Three schools with an autumn class: four pupils who did everything, one who did nothing."""
    settings.SUPPRESSION_THRESHOLD = 2
    for _ in range(3):
        assignment = assign(evaluated)
        populate(evaluated, assignment, 4)
        add_pupil(assignment, "Idle")
    refresh_rollups()


def test_the_snapshot_keeps_the_flow_and_the_report_shows_it(autumn):
    kept = collect_snapshot(AUTUMN_HALF)
    flow = kept["attrition"]["flow"]
    totals = ProgressRollup.objects.totals()
    # Rows of (school, district, band, gender, assigned, opted out, withdrawn, in evaluation, then each step).
    assert sum(row[4] for row in flow) == totals["pupils_assigned"] == 15
    assert sum(row[11] for row in flow) == totals["flow_matched"] == 12
    assert len({row[0] for row in flow}) == 3
    figures = report_figures(kept)
    # Shown from the snapshot alone: each figure shown is the sum of the kept rows.
    sums = [sum(row[4 + n] for row in flow) for n in range(9)]
    shown = [
        (cell, total) for cell, total in zip(figures.attrition.total.cells, sums, strict=True) if cell != SUPPRESSED
    ]
    assert shown and all(cell == total for cell, total in shown)
    assert [table.key for table in figures.attrition.tables] == ["flow-districts", "flow-fsm", "flow-gender"]
    assert SUPPRESSED in figures.attrition.total.cells, "no pupil opted out: a true zero is hidden"
    # The snapshot keeps the pattern of all its tables together, and the flow shows it.
    assert ["opted_out", "all"] in kept[HIDDEN]
    html = render_report_html(snapshot=kept, built_at=timezone.now())
    assert "Who took part, and who stayed" in html and "The follow-up survey" in html


def test_a_report_from_too_few_schools_hides_the_flow(autumn):
    kept = collect_snapshot(AUTUMN_HALF)
    kept["attrition"]["flow"] = [row for row in kept["attrition"]["flow"] if row[0] == kept["attrition"]["flow"][0][0]]
    # The pattern is worked out again for the one school's figures, as freezing them would.
    figures = report_figures(protected({key: value for key, value in kept.items() if key != HIDDEN}))
    assert {step.count for step in figures.attrition.steps} == {SUPPRESSED}


def test_a_snapshot_from_before_the_flow_was_kept_shows_none():
    assert report_figures(snapshot()).attrition is None
    html = render_report_html(snapshot=snapshot(), built_at=timezone.now())
    assert "Who took part, and who stayed" not in html


def test_a_one_term_report_hides_what_the_nightly_pattern_hides_for_that_term(autumn):
    pattern = refreshed().pattern
    # The nightly pattern hides the county's autumn pupils who started: the same pupils as the report's.
    HiddenCell.objects.create(
        pattern=pattern,
        kind="county",
        area="",
        academic_year=YEAR,
        term=1,
        module=0,
        year_group=0,
        gender="*",
        measures=["started"],
    )
    kept = collect_snapshot(AUTUMN_HALF)
    figures = report_figures(kept)

    assert ["pupils_started", "all"] in kept[NIGHTLY]
    assert figures.proportions[0].count == SUPPRESSED
    assert figures.districts.total.counts[1] == SUPPRESSED
