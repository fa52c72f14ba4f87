"""The pass rate is an outcome: the first end-of-module attempt of pupils in the evaluation; passing later is apart."""

import pytest
from django.utils import timezone

from learning.models import ModuleProgress, Wave
from reports.models import ProgressRollup
from reports.rollups import refresh_rollups
from schools.services.pupils import record_opt_out
from tests.factories import staff

from .conftest import _quiz, add_pupil, assign, work

pytestmark = pytest.mark.django_db


def test_only_the_first_attempt_passes_and_passing_after_practice_is_counted_apart(evaluated):
    """Quiz out of 2, pass mark 70%: Ava 2 first (passed); Ben 1 then 2 (after practice); Cal 0 then 1 (never)."""
    assignment = assign(evaluated)
    ava, ben, cal = (add_pupil(assignment, name) for name in ("Ava", "Ben", "Cal"))
    work(evaluated, assignment, ava, post_quiz=2)
    work(evaluated, assignment, ben, post_quiz=1)
    _quiz(evaluated, assignment, ben, Wave.POST, 2)
    work(evaluated, assignment, cal, post_quiz=0)
    _quiz(evaluated, assignment, cal, Wave.POST, 1)

    refresh_rollups()

    summaries = [ModuleProgress.objects.get(pupil=who) for who in (ava, ben, cal)]
    assert [(summary.passed, summary.first_passed) for summary in summaries] == [
        (True, True),
        (True, False),
        (False, False),
    ]
    row = ProgressRollup.objects.get()
    assert (row.quiz_taken, row.pupils_passed, row.pupils_passed_after_practice) == (3, 1, 1)


def test_opted_out_pupils_are_left_out_before_the_pass_rate_is_counted(evaluated):
    assignment = assign(evaluated)
    lead = staff(assignment.school_class.school, role="school_lead")
    kept, opted = add_pupil(assignment, "Ava"), add_pupil(assignment, "Opt")
    work(evaluated, assignment, kept, post_quiz=1)
    work(evaluated, assignment, opted, post_quiz=2)
    record_opt_out(pupil=opted, kind="opt_out", on=timezone.localdate(), actor=lead)

    refresh_rollups()

    row = ProgressRollup.objects.get()
    # Both count as assigned; only Ava, who failed, counts in the pass rate.
    assert (row.pupils_assigned, row.pupils_in_evaluation) == (2, 1)
    assert (row.quiz_taken, row.pupils_passed) == (1, 0)


def test_the_dashboard_shows_passed_after_practice_apart_and_hides_it_when_few(client, programme):
    from django.core.cache import cache

    from reports.dashboard import build_dashboard
    from reports.dashboard_queries import DashboardFilters
    from reports.disclosure import SUPPRESSED
    from reports.forms import FilterChoices
    from tests.factories import ModulePageFactory

    from .rollup_rows import commissioner, district, progress, refreshed, school

    cache.clear()
    module = ModulePageFactory(parent=programme, title="Healthy relationships")
    place = district("Ashford", "E07000105")
    # Three schools: 20 took the quiz, 15 passed at the first try, 4 + 4 + 2 passed after practice.
    for k, after in enumerate((4, 4, 2)):
        progress(school(place, name=f"School {k}"), module, assigned=40, completed=20, passed=15, after_practice=after)
    refreshed()

    total = build_dashboard(filters=DashboardFilters(), districts=FilterChoices.load().districts).headline.total
    assert (total.quiz_taken, total.passed, total.passed_after_practice) == (60, 45, 10)
    assert total.passed_rate.text == "75%"  # first tries only: 45 of 60
    client.force_login(commissioner())
    page = " ".join(client.get("/reports/").content.decode().split())
    assert "Passed after practice: <strong>10</strong> pupils" in page
    assert "Passed after practice (not counted as passed)" in page

    cache.clear()
    school_page = build_dashboard(
        filters=DashboardFilters(), districts=FilterChoices.load().districts, school=place.schools.get(name="School 2")
    )
    assert school_page.headline.total.passed_after_practice == SUPPRESSED  # 2 pupils
