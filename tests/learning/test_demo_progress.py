"""The demo progress loader: realistic, the summaries its events give, and loaded only once.

Loading the demo content, schools and progress takes a while, so it is done once for this
module inside a transaction that is rolled back at the end; each test runs in a savepoint.
"""

import datetime
from statistics import mean

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from courses.demo_data import load_demo_content
from learning.demo_data import load_demo_progress
from learning.models import ActivityAnswer, LessonProgress, ModuleProgress, QuizAttempt, SurveyResponse, Wave
from learning.services.progress import rebuild_progress
from schools.demo_data import demo_logins, load_demo_schools
from schools.models import Arm, Assignment, Delivery, Pupil
from schools.services.pupils import authenticate_pupil

pytestmark = pytest.mark.django_db

LOADERS = [
    "courses.demo_data.load_demo_content",
    "schools.demo_data.load_demo_schools",
    "learning.demo_data.load_demo_progress",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content()
        load_demo_schools()
        summary = load_demo_progress()
        yield summary
        transaction.set_rollback(True)


def summaries() -> list[dict]:
    return list(ModuleProgress.objects.order_by("pk").values())


def event_counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (LessonProgress, ActivityAnswer, QuizAttempt, SurveyResponse, ModuleProgress)
    }


def scale_scores(wave: str) -> list[float]:
    """Each answered response's mean item score after reverse scoring (x' = min + max - x)."""
    scores = []
    responses = SurveyResponse.objects.filter(wave=wave, skipped=False).select_related("survey_version")
    for response in responses.prefetch_related("answers"):
        items = {item["key"]: item for item in response.survey_version.definition["items"] if item["type"] == "likert"}
        values = [
            items[a.item_key]["min"] + items[a.item_key]["max"] - a.value if items[a.item_key]["reverse"] else a.value
            for a in response.answers.all()
            if a.item_key in items and a.value is not None
        ]
        scores.append(mean(values))
    return scores


def raw_item_mean(wave: str, *, reverse: bool) -> float:
    values = []
    for response in SurveyResponse.objects.filter(wave=wave, skipped=False).select_related("survey_version"):
        keys = {i["key"] for i in response.survey_version.definition["items"] if i.get("reverse") is reverse}
        values += [a.value for a in response.answers.all() if a.item_key in keys and a.value is not None]
    return mean(values)


def test_demo_has_completed_partway_and_untouched_pupils_in_every_kind_of_class(demo):
    assert len(demo.created) == Assignment.objects.count() == 16
    for delivery in (Delivery.SELF_PACED, Delivery.IN_CLASS):
        progress = list(ModuleProgress.objects.filter(assignment__delivery=delivery))
        assert sum(p.is_complete for p in progress) >= 20, delivery
        assert sum(not p.is_complete and p.lessons_done > 0 for p in progress) >= 20, delivery
    pupils = Pupil.objects.filter(memberships__school_class__assignments__delivery=Delivery.SELF_PACED)
    assert pupils.filter(module_progress__isnull=True).count() >= 4, "a few never started"
    assert LessonProgress.objects.filter(taught_in_class=True, assignment__delivery=Delivery.IN_CLASS).exists()
    assert not LessonProgress.objects.filter(taught_in_class=True, assignment__delivery=Delivery.SELF_PACED).exists()
    assert ActivityAnswer.objects.filter(in_class=True).exists()
    assert ActivityAnswer.objects.filter(in_class=False).exists()
    partly = LessonProgress.objects.filter(completed_at__isnull=True, assignment__delivery=Delivery.SELF_PACED)
    assert partly.filter(last_position__gt=1).exists(), "some pupils stopped inside a lesson"


def test_rebuilding_the_summaries_from_the_events_changes_nothing(demo):
    before = summaries()
    assert len(before) > 250
    rebuild_progress()
    assert summaries() == before


def test_opted_out_and_withdrawn_pupils_have_no_survey_or_baseline_quiz(demo):
    out = Pupil.objects.exclude(opted_out_at=None, withdrawn_at=None)
    assert out.filter(withdrawn_at__isnull=False).exists() and out.filter(opted_out_at__isnull=False).exists()
    assert not SurveyResponse.objects.filter(pupil__in=out).exists()
    assert not QuizAttempt.objects.filter(pupil__in=out, wave=Wave.PRE).exists()
    assert ModuleProgress.objects.filter(pupil__in=out, completed_at__isnull=False).exists(), "they still learn"


def test_post_survey_answers_are_healthier_than_pre_with_reverse_items_moving_down(demo):
    pre, post = scale_scores(Wave.PRE), scale_scores(Wave.POST)
    assert len(pre) > 200 and len(post) > 100
    assert 0.05 < mean(post) - mean(pre) < 0.8, "a modest change in the healthy direction"
    assert raw_item_mean(Wave.POST, reverse=False) > raw_item_mean(Wave.PRE, reverse=False)
    assert raw_item_mean(Wave.POST, reverse=True) < raw_item_mean(Wave.PRE, reverse=True)
    assert SurveyResponse.objects.filter(skipped=True, wave=Wave.PRE).exists()
    assert SurveyResponse.objects.filter(skipped=True, wave=Wave.POST).exists()


def test_post_quiz_scores_beat_the_baseline_with_retries_and_some_fails(demo):
    # The programme's classes: a comparison class answers after without the lessons.
    firsts = QuizAttempt.objects.filter(number=1, assignment__arm=Arm.PROGRAMME)
    pre = [a.score for a in firsts.filter(wave=Wave.PRE)]
    post = [a.score for a in firsts.filter(wave=Wave.POST)]
    assert len(pre) > 200 and len(post) > 100
    assert mean(post) > mean(pre) + 1
    assert firsts.filter(wave=Wave.POST, passed=False).exists()
    assert firsts.filter(wave=Wave.POST, passed=True).exists()
    retries = QuizAttempt.objects.filter(wave=Wave.POST, number__gt=1)
    assert retries.exists() and not retries.filter(counts_for_evaluation=True).exists()
    assert not QuizAttempt.objects.filter(wave=Wave.PRE, number__gt=1).exists()


def test_events_happen_after_opening_and_pre_before_lessons_before_post(demo):
    first_day = Assignment.objects.aggregate(day=Min("opens_on"))["day"]
    opened = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time()))
    now = timezone.now()
    for model, stamp in (
        (LessonProgress, "updated_at"),
        (ActivityAnswer, "answered_at"),
        (QuizAttempt, "submitted_at"),
    ):
        bounds = model.objects.aggregate(first=Min(stamp), last=Max(stamp))
        assert opened <= bounds["first"] and bounds["last"] < now, model
    for progress in ModuleProgress.objects.filter(lessons_done__gt=0):
        lessons = LessonProgress.objects.filter(
            pupil=progress.pupil_id, assignment=progress.assignment_id, completed_at__isnull=False
        ).aggregate(first=Min("completed_at"), last=Max("completed_at"))
        for row in SurveyResponse.objects.filter(pupil=progress.pupil_id, assignment=progress.assignment_id):
            assert (row.submitted_at < lessons["first"]) == (row.wave == Wave.PRE)
        for row in QuizAttempt.objects.filter(pupil=progress.pupil_id, assignment=progress.assignment_id):
            assert (row.submitted_at < lessons["first"]) == (row.wave == Wave.PRE)
            assert row.wave == Wave.PRE or row.submitted_at > lessons["last"]


def test_printed_demo_logins_show_work_in_progress_then_a_fresh_start(demo):
    printed = [login for login in demo_logins() if login.role == "pupil"]
    first, second = (authenticate_pupil(class_code=p.class_code, pupil_code=p.pupil_code)[0] for p in printed[:2])
    progress = ModuleProgress.objects.get(pupil=first)
    assert progress.pre_survey_done and progress.pre_score is not None
    assert 0 < progress.lessons_done < progress.lessons_total and not progress.is_complete
    assert first.in_evaluation and second.in_evaluation
    assert not ModuleProgress.objects.filter(pupil=second).exists()
    assert not ActivityAnswer.objects.filter(pupil=second).exists()


def test_a_class_loaded_again_after_clearing_gets_the_same_events(demo):
    assignment = Assignment.objects.filter(delivery=Delivery.SELF_PACED).order_by("pk").first()

    def events() -> list:
        return [
            list(
                LessonProgress.objects.filter(assignment=assignment)
                .order_by("pk")
                .values_list("pupil", "lesson", "last_position", "started_at", "completed_at")
            ),
            list(
                QuizAttempt.objects.filter(assignment=assignment)
                .order_by("pk")
                .values_list("pupil", "wave", "number", "score", "submitted_at", "idempotency_key")
            ),
            list(
                SurveyResponse.objects.filter(assignment=assignment)
                .order_by("pk", "answers__item_key")
                .values_list("pupil", "wave", "skipped", "submitted_at", "answers__item_key", "answers__value")
            ),
            list(
                ActivityAnswer.objects.filter(assignment=assignment)
                .order_by("pk")
                .values_list("pupil", "block_id", "choice", "answered_at")
            ),
        ]

    before = events()
    for model in (ModuleProgress, LessonProgress, ActivityAnswer, QuizAttempt, SurveyResponse):
        model.objects.filter(assignment=assignment).delete()
    assert len(load_demo_progress().created) == 1
    assert events() == before


def test_loading_the_demo_again_creates_nothing(demo, settings, capsys):
    before = event_counts()
    assert load_demo_progress().created == []
    settings.DEMO_DATA_LOADERS = LOADERS
    call_command("load_demo_data")
    assert "nothing to do" in capsys.readouterr().out
    assert event_counts() == before


def test_each_demo_school_has_a_comparison_class_answering_before_and_after_without_lessons(demo):
    comparison = Assignment.objects.filter(arm=Arm.COMPARISON)
    assert comparison.values("school_class__school").distinct().count() == 4
    assert not LessonProgress.objects.filter(assignment__in=comparison).exists()
    pairs = ModuleProgress.objects.filter(
        assignment__in=comparison, pre_survey_at__isnull=False, post_survey_at__isnull=False
    )
    assert pairs.count() >= 40
    assert all(p.pre_survey_at < p.post_survey_at and p.pre_quiz_at < p.post_quiz_at for p in pairs if p.post_quiz_at)


def test_the_year_8_classes_answered_the_follow_up_survey_after_the_survey_after_the_lessons(demo):
    follow_up = ModuleProgress.objects.filter(follow_up_at__isnull=False)
    assert follow_up.count() >= 20
    assert all(p.first_lesson_at < p.follow_up_at < timezone.now() for p in follow_up)
    assert all(p.post_survey_at < p.follow_up_at for p in follow_up if p.post_survey_at), "some skipped it"
    assert follow_up.filter(post_survey_at__isnull=False).count() >= 20
    assert set(follow_up.values_list("assignment__school_class__year_group", flat=True)) == {8}
