"""Comparison (wait-list) classes in the rollups: their pairs in their own rows, never in a programme figure."""

import datetime

import pytest

from reports.comparison_models import KNOWLEDGE, ComparisonRollup
from reports.models import ProgressRollup, ScaleRollup
from reports.rollups import refresh_rollups
from schools.models import Arm, Assignment

from .conftest import add_pupil, assign, work

pytestmark = pytest.mark.django_db

SURVEY = {"a1": 3, "a2": 3, "a3": 3, "b1": 3, "b2": 3}


def comparison_class(evaluated, school=None) -> Assignment:
    assignment = assign(evaluated, school, name="9C")
    Assignment.objects.filter(pk=assignment.pk).update(
        arm=Arm.COMPARISON, post_wave_on=assignment.opens_on + datetime.timedelta(days=42)
    )
    assignment.refresh_from_db()
    return assignment


def test_a_comparison_classs_pairs_are_kept_apart_from_the_programme(evaluated):
    programme = assign(evaluated)
    comparison = comparison_class(evaluated, programme.school_class.school)
    for i in range(3):
        who = add_pupil(programme, f"Taught{i}")
        work(evaluated, programme, who, pre_quiz=0, post_quiz=2, pre_survey=SURVEY, post_survey=SURVEY)
    for i, (pre, post) in enumerate([(0, 1), (1, 1)]):
        who = add_pupil(comparison, f"Waiting{i}")
        # Before and after, without the lessons.
        work(evaluated, comparison, who, pre_quiz=pre, post_quiz=post, finish=False, pre_survey=SURVEY)
        work(evaluated, comparison, who, finish=False, post_survey={**SURVEY, "a1": 4})

    refresh = refresh_rollups()

    # The programme's rows count only the taught class.
    assert sum(ProgressRollup.objects.values_list("pupils_assigned", flat=True)) == 3
    assert sum(ProgressRollup.objects.values_list("knowledge_pairs", flat=True)) == 3
    assert set(ScaleRollup.objects.values_list("pairs", flat=True)) == {3}
    # The comparison class: quiz 0% -> 50% and 50% -> 50% (Σd = 50, Σd² = 2500); attitudes +1/3 each.
    knowledge = ComparisonRollup.objects.get(outcome=KNOWLEDGE)
    assert knowledge.change.as_tuple() == (2, 50.0, 100.0, 2500.0, 5000.0, 50.0, 2500.0)
    attitudes = ComparisonRollup.objects.get(outcome="respect-survey/attitudes")
    assert attitudes.pairs == 2 and attitudes.sum_diff == pytest.approx(2 / 3)
    assert set(ComparisonRollup.objects.values_list("outcome", flat=True)) == {
        KNOWLEDGE,
        "respect-survey/attitudes",
        "respect-survey/safety",
    }
    assert refresh.rows_written == ProgressRollup.objects.count() + ScaleRollup.objects.count() + 3

    # Rebuilding writes the same rows, and a school without comparison classes has none.
    refresh_rollups()
    assert ComparisonRollup.objects.count() == 3
    Assignment.objects.filter(pk=comparison.pk).update(arm=Arm.PROGRAMME, post_wave_on=None)
    refresh_rollups()
    assert not ComparisonRollup.objects.exists()
    # As programme pupils without a lesson, the waiting pupils' pairs cannot be shown to be in order.
    totals = ProgressRollup.objects.totals()
    assert (totals["knowledge_pairs"], totals["knowledge_order_unknown"]) == (3, 2)
