"""The attrition flow and the follow-up wave in the rollups: counts that are the sums of the pupils' summaries."""

import datetime

import pytest
from django.db.models import F, Q
from django.utils import timezone

from learning.models import ModuleProgress, QuizAttempt, SurveyResponse, Wave
from learning.pair_order import PairOrder, pair_order
from learning.services.progress import rebuild_progress
from learning.services.surveys import open_follow_up
from reports.models import ProgressRollup, ScaleRollup
from reports.rollups import refresh_rollups
from schools.models import Pupil

from .conftest import _survey, add_pupil, assign, populate, work

pytestmark = pytest.mark.django_db

FOLLOW_UP_ANSWERS = {"a1": 4, "a2": 2, "a3": 5, "b1": 5, "b2": 5}


def answer_follow_up(evaluated, assignment, pupils) -> None:
    today = timezone.localdate()
    open_follow_up(assignment=assignment, opens_on=today, closes_on=today, actor=None)
    for who in pupils:
        _survey(evaluated, assignment, who, Wave.FOLLOW_UP, FOLLOW_UP_ANSWERS)


@pytest.fixture
def flow_world(evaluated):
    """Two schools' pupils stopping at every step of the flow, with exclusions and a pair out of order."""
    first = assign(evaluated)
    done = populate(evaluated, first, 5)
    answer_follow_up(evaluated, first, done[:2])
    pre_only, lessons_only, nothing, opted_out, withdrawn = (
        add_pupil(first, name) for name in ("Pre", "Lessons", "Nothing", "Opted", "Withdrawn")
    )
    work(evaluated, first, pre_only, pre_quiz=1, finish=False)
    work(evaluated, first, lessons_only, pre_quiz=1, pre_survey={"a1": 2, "a2": 2, "a3": 2, "b1": 2, "b2": 2})
    work(evaluated, first, opted_out, pre_quiz=2)
    work(evaluated, first, withdrawn, pre_quiz=2, post_quiz=2)
    today = timezone.localdate()
    Pupil.objects.filter(pk=opted_out.pk).update(opted_out_at=today)
    Pupil.objects.filter(pk=withdrawn.pk).update(withdrawn_at=today, opted_out_at=today)
    # The fifth pupil's answers before the lessons are stamped after the lessons began: no valid pair.
    late = ModuleProgress.objects.get(pupil=done[4]).first_lesson_at + datetime.timedelta(hours=1)
    QuizAttempt.objects.filter(pupil=done[4], wave=Wave.PRE).update(submitted_at=late)
    SurveyResponse.objects.filter(pupil=done[4], wave=Wave.PRE).update(submitted_at=late)
    second = assign(evaluated)
    answer_follow_up(evaluated, second, populate(evaluated, second, 3)[:1])
    rebuild_progress()
    refresh_rollups()
    return first, second, nothing


def summaries_in_evaluation():
    return ModuleProgress.objects.filter(pupil__opted_out_at__isnull=True, pupil__withdrawn_at__isnull=True)


def test_flow_counts_are_the_sums_of_the_pupils_summaries(flow_world):
    totals = ProgressRollup.objects.totals()
    in_evaluation = summaries_in_evaluation()
    pre = in_evaluation.filter(Q(pre_quiz_at__isnull=False) | Q(pre_survey_at__isnull=False))
    lessons = pre.filter(lessons_total__gt=0, lessons_done=F("lessons_total"))
    post = lessons.filter(Q(post_quiz_at__isnull=False) | Q(post_survey_at__isnull=False))
    matched = [
        row
        for row in post
        if PairOrder.VALID
        in (
            pair_order(row.pre_quiz_at, row.first_lesson_at, row.post_quiz_at),
            pair_order(row.pre_survey_at, row.first_lesson_at, row.post_survey_at),
        )
    ]
    follow_up = [
        row for row in matched if pair_order(row.pre_survey_at, row.first_lesson_at, row.follow_up_at) == "valid"
    ]
    expected = {
        "pupils_assigned": 13,
        "pupils_opted_out": Pupil.objects.filter(opted_out_at__isnull=False, withdrawn_at__isnull=True).count(),
        "pupils_withdrawn": Pupil.objects.filter(withdrawn_at__isnull=False).count(),
        "pupils_in_evaluation": 11,
        "flow_pre": pre.count(),
        "flow_lessons": lessons.count(),
        "flow_post": post.count(),
        "flow_matched": len(matched),
        "flow_follow_up": len(follow_up),
    }
    assert {name: totals[name] for name in expected} == expected
    # Worked by hand: 8 did everything (one of them out of order), one stopped before the lessons, one after
    # them, one did nothing; 3 answered the follow-up; one opted out, one withdrawn (and opted out).
    hand = (1, 1, 10, 9, 8, 7, 3)
    names = ("pupils_opted_out", "pupils_withdrawn", "flow_pre", "flow_lessons", "flow_post", "flow_matched")
    assert tuple(totals[name] for name in (*names, "flow_follow_up")) == hand


def test_follow_up_pairs_and_retention_are_counted_from_the_summaries(flow_world):
    totals = ProgressRollup.objects.totals()
    assert (totals["survey_pairs"], totals["follow_up_pairs"], totals["follow_up_retained"]) == (7, 3, 3)
    answered = summaries_in_evaluation().filter(follow_up_at__isnull=False).count()
    assert answered == totals["follow_up_pairs"]


def test_follow_up_scale_sums_pair_the_score_before_with_the_follow_up(flow_world):
    sums = ScaleRollup.objects.filter(scale="safety").totals()
    # populate's pupils 0 and 1 of the first school and pupil 0 of the second: b1 = 4, b2 = 5 - i before.
    pre_scores = [4.5, 4.0, 4.5]
    assert (sums["n_follow_up"], sums["follow_up_pairs"]) == (3, 3)
    assert sums["follow_up_sum_pre"] == pytest.approx(sum(pre_scores))
    assert sums["follow_up_sum_post"] == pytest.approx(15.0)
    assert sums["follow_up_sum_diff"] == pytest.approx(sum(5.0 - s for s in pre_scores))


def test_baseline_sums_split_the_quiz_before_by_whether_the_end_quiz_was_taken(flow_world):
    totals = ProgressRollup.objects.totals()
    with_post = summaries_in_evaluation().filter(pre_score__isnull=False, first_score__isnull=False)
    without_post = summaries_in_evaluation().filter(pre_score__isnull=False, first_score__isnull=True)
    assert (totals["baseline_with_post"], totals["baseline_without_post"]) == (with_post.count(), without_post.count())
    assert (totals["baseline_with_post"], totals["baseline_without_post"]) == (8, 2)
    assert totals["baseline_without_post_sum"] == pytest.approx(100.0), "two pupils scoring 1 of 2 before"


def test_one_schools_rows_hold_only_its_own_pupils(flow_world):
    _, second, _ = flow_world
    own = ProgressRollup.objects.filter(school=second.school_class.school).totals()
    assert (own["pupils_assigned"], own["flow_matched"], own["flow_follow_up"], own["pupils_opted_out"]) == (3, 3, 1, 0)
