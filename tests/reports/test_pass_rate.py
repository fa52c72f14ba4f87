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
