import uuid

import pytest

from learning.models import ModuleProgress
from learning.scoring import SubmissionRejectedError
from learning.services.lessons import complete_lesson, record_lesson_taught, record_position
from learning.services.progress import rebuild_progress
from learning.services.quizzes import submit_quiz_attempt
from tests.factories import LessonPageFactory, ModulePageFactory
from tests.learning.conftest import all_right

pytestmark = pytest.mark.django_db

FIELDS = [
    "lessons_done",
    "lessons_total",
    "first_activity_at",
    "last_activity_at",
    "completed_at",
    "quiz_attempts",
    "first_score",
    "best_score",
    "max_score",
    "passed",
    "pre_score",
    "pre_max_score",
    "pre_survey_done",
    "post_survey_done",
]


def progress_of(course, pupil=None):
    return ModuleProgress.objects.get(pupil=pupil or course.pupil, assignment=course.assignment)


def test_module_is_complete_after_every_lesson_and_the_quiz(course):
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    assert (progress_of(course).lessons_done, progress_of(course).percent) == (1, 50)
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[1])
    assert progress_of(course).completed_at is None, "the end-of-module quiz is still to do"
    submit_quiz_attempt(
        pupil=course.pupil,
        assignment=course.assignment,
        version=course.version,
        answers={"q1": ["b"]},
        key=uuid.uuid4(),
    )
    progress = progress_of(course)
    assert progress.is_complete and not progress.passed, "completed and passed are different things"


def test_completing_a_lesson_twice_changes_nothing(course):
    first = complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    again = complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    assert first.completed_at == again.completed_at
    assert progress_of(course).lessons_done == 1


def test_resume_position_only_moves_forward(course):
    record_position(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0], position=5)
    row = record_position(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0], position=2)
    assert row.last_position == 5


def test_lesson_of_another_module_is_refused(course, programme):
    stray = LessonPageFactory(parent=ModulePageFactory(parent=programme))
    with pytest.raises(SubmissionRejectedError):
        complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=stray)
    assert not ModuleProgress.objects.exists()


def test_teacher_records_a_lesson_taught_to_the_class(course):
    count = record_lesson_taught(
        assignment=course.assignment, lesson=course.lessons[0], pupils=[course.pupil, course.other_pupil]
    )
    assert count == 2
    assert progress_of(course, course.other_pupil).lessons_done == 1
    assert course.pupil.lesson_progress.get().taught_in_class


def test_rebuilt_summaries_equal_the_incrementally_kept_ones(course):
    submit_quiz_attempt(
        pupil=course.pupil,
        assignment=course.assignment,
        version=course.version,
        answers={"q1": ["a"]},
        key=uuid.uuid4(),
        wave="pre",
    )
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[1])
    for answers in ({"q1": ["a"]}, all_right()):
        submit_quiz_attempt(
            pupil=course.pupil, assignment=course.assignment, version=course.version, answers=answers, key=uuid.uuid4()
        )
    record_position(pupil=course.other_pupil, assignment=course.assignment, lesson=course.lessons[1], position=3)
    kept = {p.pk: [getattr(p, f) for f in FIELDS] for p in ModuleProgress.objects.all()}
    ModuleProgress.objects.update(lessons_done=0, completed_at=None, best_score=None, passed=False, pre_score=None)
    assert rebuild_progress() == 2
    rebuilt = {p.pk: [getattr(p, f) for f in FIELDS] for p in ModuleProgress.objects.all()}
    assert rebuilt == kept
    assert progress_of(course).is_complete and progress_of(course).passed


def test_the_summary_written_holds_every_value_worked_out(course):
    from django.forms.models import model_to_dict

    complete_lesson(pupil=course.pupil, assignment=course.assignment, lesson=course.lessons[0])
    record_lesson_taught(assignment=course.assignment, lesson=course.lessons[1], pupils=[course.pupil])
    submit_quiz_attempt(
        pupil=course.pupil, assignment=course.assignment, version=course.version, answers=all_right(), key=uuid.uuid4()
    )
    stored = ModuleProgress.objects.get(pupil=course.pupil, assignment=course.assignment)
    worked_out = model_to_dict(stored)
    stored.completed_at = stored.last_activity_at = None
    stored.lesson_states = ""
    stored.save()  # spoilt, then put right by a rebuild from the event rows
    rebuild_progress(assignment=course.assignment)
    rebuilt = ModuleProgress.objects.get(pk=stored.pk)
    assert model_to_dict(rebuilt) == worked_out
    assert rebuilt.lessons_done == 2 and rebuilt.quiz_attempts == 1 and rebuilt.lesson_states.endswith(":23")
    assert rebuilt.completed_at is not None
