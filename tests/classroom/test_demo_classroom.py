"""The demo live lessons: one finished per demo school, consistent with the demo progress, loaded once.

Loading the demo content, schools and progress takes a while, so it is done once for this
module inside a transaction that is rolled back at the end; each test runs in a savepoint.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classroom.demo_data import load_demo_classroom
from classroom.models import AnonymousQuestion, Attendance, AttendanceSource, LiveSession, QuestionStatus
from courses.demo_data import load_demo_content
from learning.demo_data import load_demo_progress
from learning.models import ActivityAnswer, LessonProgress, ModuleProgress
from learning.services.progress import rebuild_progress
from schools.demo_data import demo_logins, load_demo_schools
from schools.models import AuditAction, AuditEvent, Pupil, SchoolRole
from schools.services.pupils import authenticate_pupil

pytestmark = pytest.mark.django_db

DEMO_SCHOOLS = 4


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_content()
        load_demo_schools()
        load_demo_progress()
        yield load_demo_classroom()
        transaction.set_rollback(True)


def sessions() -> list[LiveSession]:
    return list(LiveSession.objects.select_related("school_class__school", "assignment__module", "lesson"))


def present_ids(session: LiveSession) -> set[int]:
    return set(Attendance.objects.filter(session=session, present=True).values_list("pupil_id", flat=True))


def lesson_number(session: LiveSession) -> int:
    return [lesson.pk for lesson in session.assignment.module.lessons()].index(session.lesson_id) + 1


def class_pupils(session: LiveSession) -> list[Pupil]:
    return list(Pupil.objects.filter(memberships__school_class=session.school_class, memberships__removed_at=None))


def test_each_demo_school_has_one_finished_live_lesson_with_its_register(demo):
    assert len(demo.created) == DEMO_SCHOOLS
    found = sessions()
    assert len(found) == DEMO_SCHOOLS and len({s.school_class.school_id for s in found}) == DEMO_SCHOOLS
    for session in found:
        assert session.ended_at is not None and session.lesson_recorded_at is not None
        assert session.started_at < session.ended_at <= session.lesson_recorded_at <= timezone.now()
        pupils = class_pupils(session)
        present = present_ids(session)
        assert 0.8 <= len(present) / len(pupils) < 1 and len(pupils) - len(present) >= 2, "about 90 % present"
        rows = Attendance.objects.filter(session=session)
        corrected = rows.filter(source=AttendanceSource.TEACHER)
        assert corrected.count() == 1, "one pupil without a device, ticked by the teacher"
        assert corrected.get().present and corrected.get().joined_at is None
        joined = rows.filter(joined_at__isnull=False)
        assert joined.count() == len(present) - 1
        assert all(session.started_at < row.joined_at < session.ended_at for row in joined)
        for action in (AuditAction.REGISTER_CORRECTED, AuditAction.LESSON_TAUGHT):
            assert AuditEvent.objects.about(session).filter(action=action).count() == 1, action


def test_present_pupils_have_the_lesson_done_and_answered_in_class(demo):
    for session in sessions():
        present = present_ids(session)
        done = LessonProgress.objects.filter(
            assignment=session.assignment, lesson=session.lesson, completed_at__isnull=False
        )
        assert set(done.values_list("pupil_id", flat=True)) == present, "the register marked it taught, to them only"
        assert all(row.taught_in_class for row in done)
        answers = ActivityAnswer.objects.filter(assignment=session.assignment, lesson=session.lesson, in_class=True)
        assert len({answer.block_id for answer in answers}) == 2, "a knowledge check and a scenario"
        assert {answer.kind for answer in answers} == {"knowledge_check", "scenario"}
        for block_id in {answer.block_id for answer in answers}:
            answered = answers.filter(block_id=block_id)
            assert answered.count() >= 0.75 * (len(present) - 1)
            assert set(answered.values_list("pupil_id", flat=True)) <= present
            assert all(session.started_at < a.answered_at < session.ended_at for a in answered)


def test_the_lesson_is_the_next_one_nobody_in_the_class_had_been_taught(demo):
    for session in sessions():
        lessons = list(session.assignment.module.lessons())
        earlier = LessonProgress.objects.filter(assignment=session.assignment, completed_at__lt=session.started_at)
        assert not earlier.filter(lesson=session.lesson).exists(), "nobody had done it before"
        for lesson in lessons[: lesson_number(session) - 1]:
            assert earlier.filter(lesson=lesson).exists(), "the lessons before it were taught already"


def test_summaries_are_what_the_events_give(demo):
    before = list(ModuleProgress.objects.order_by("pk").values())
    rebuild_progress()
    assert list(ModuleProgress.objects.order_by("pk").values()) == before


def test_printed_demo_logins_keep_their_work_in_progress_and_fresh_start(demo):
    printed = [login for login in demo_logins() if login.role == "pupil"]
    pupils = [authenticate_pupil(class_code=p.class_code, pupil_code=p.pupil_code)[0] for p in printed]
    assert not Attendance.objects.filter(pupil__in=pupils).exists(), "away from the demo live lessons"
    first, second = pupils[:2]
    progress = ModuleProgress.objects.get(pupil=first)
    assert 0 < progress.lessons_done < progress.lessons_total
    assert not ModuleProgress.objects.filter(pupil=second).exists()


def test_each_question_box_has_answered_hidden_and_passed_questions(demo):
    for session in sessions():
        school = session.school_class.school
        assert school.dsl_user is not None and school.has_safeguarding_lead
        assert school.dsl_user.memberships.get(school=school).role == SchoolRole.SCHOOL_LEAD
        questions = AnonymousQuestion.objects.filter(school_class=session.school_class)
        assert 4 <= questions.count() <= 6
        assert all(q.session == session and session.started_at < q.created_at < session.ended_at for q in questions)
        assert all(q.pupil_id in present_ids(session) for q in questions)
        statuses = sorted(questions.values_list("status", flat=True))
        assert statuses.count(QuestionStatus.ANSWERED_IN_WRITING) == 2
        assert statuses.count(QuestionStatus.HIDDEN) == 1
        assert statuses.count(QuestionStatus.ANSWERED_IN_CLASS) == 1
        assert all(q.answer for q in questions.filter(status=QuestionStatus.ANSWERED_IN_WRITING))
        passed = questions.passed_to_dsl().get()
        assert passed.passed_by == session.teacher and passed.dsl_opened_at is None
        assert AuditEvent.objects.about(passed).filter(action=AuditAction.QUESTION_PASSED_TO_DSL).exists()


def test_the_teacher_sees_the_questions_but_never_who_asked(demo):
    session = sessions()[0]
    client = Client()
    client.force_login(session.teacher)
    page = client.get(reverse("classroom:class_questions", args=[session.school_class.pk])).content.decode()
    questions = AnonymousQuestion.objects.filter(school_class=session.school_class).exclude(
        status=QuestionStatus.HIDDEN
    )
    for question in questions:
        assert question.text.split("'")[0] in page
    for pupil in class_pupils(session):
        assert pupil.display_name not in page
    register = client.get(reverse("classroom:register", args=[session.pk])).content.decode()
    assert f"{len(present_ids(session))} of {len(class_pupils(session))} present" in register


def test_the_dsl_is_shown_the_question_waiting(demo):
    school = sessions()[0].school_class.school
    client = Client()
    client.force_login(school.dsl_user)
    page = client.get(reverse("schools:school_overview", args=[school.urn])).content.decode()
    assert reverse("classroom:dsl_questions") in page and "1 waiting" in page


def test_demo_logins_name_each_finished_live_lesson(demo):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    for session in sessions():
        number = lesson_number(session)
        assert f"class {session.school_class.name:<4} lesson {number}: {session.lesson.title}" in printed
        assert session.teacher.email in printed


def test_loading_again_changes_nothing(demo):
    def counts() -> dict:
        models = (LiveSession, Attendance, AnonymousQuestion, LessonProgress, ActivityAnswer, ModuleProgress)
        return {model.__name__: model.objects.count() for model in models} | {"audit": AuditEvent.objects.count()}

    before = counts()
    assert load_demo_classroom().created == []
    assert counts() == before
