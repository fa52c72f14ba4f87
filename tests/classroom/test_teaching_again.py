"""A lesson taught live a second time collects fresh answers; ending a lesson asks first; the register's shortcuts."""

import importlib

import pytest
from django.apps import apps

from classroom.models import Attendance, LiveAnswer, LiveSession
from classroom.services import live_counts as counts_module
from classroom.services.live import end_session, join_session, open_activity, start_session
from classroom.services.live_answers import answer_block
from classroom.services.live_counts import live_counts
from learning.models import ActivityAnswer, LessonProgress
from schools.models import AuditAction, AuditEvent
from schools.services.erasure import erase_pupil
from tests.classroom.live_world import CHECK_ID, make_live_world, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme, monkeypatch):
    # Counts computed afresh on every call (in use they are cached for a moment).
    monkeypatch.setattr(counts_module, "COUNTS_TTL", 0)
    return make_live_world(programme, pupils=3)


def _teach(world) -> LiveSession:
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    for pupil in world.pupils:
        join_session(session=session, pupil=pupil)
    return open_activity(session=session, key=CHECK_ID)


def test_a_new_teaching_of_the_lesson_collects_fresh_answers_and_the_first_still_counts(world):
    first_lesson = _teach(world)
    answer_block(session=first_lesson, pupil=world.pupils[0], block_id=CHECK_ID, choice=1)
    assert live_counts(first_lesson).answered == 1
    end_session(session=first_lesson)

    again = _teach(world)
    assert live_counts(again).answered == 0, "nothing answered yet in this lesson"
    client = world.pupil_client(0)
    page = client.get(url("pupil_live_lesson", again.pk)).content.decode()
    assert "Send my answer" in page and "You answered" not in page, "the pupil can answer again"

    response = client.post(url("pupil_live_answer", again.pk), {"block": CHECK_ID, "choice": 0})
    assert response.status_code == 302
    page = client.get(url("pupil_live_lesson", again.pk)).content.decode()
    assert "You answered: Yes, at any time" in page and "Yes, that's right." in page
    assert live_counts(LiveSession.objects.get(pk=again.pk)).answered == 1
    # The first answer ever is the one that counts for the evaluation.
    kept = ActivityAnswer.objects.get(pupil=world.pupils[0], block_id=CHECK_ID)
    assert (kept.choice, kept.correct) == (1, False)
    assert sorted(LiveAnswer.objects.values_list("attendance__session_id", "choice")) == [
        (first_lesson.pk, 1),
        (again.pk, 0),
    ]


def test_the_first_answer_in_a_lesson_stands_within_it(world):
    session = _teach(world)
    first, created = answer_block(session=session, pupil=world.pupils[1], block_id=CHECK_ID, choice=0)
    again, created_again = answer_block(session=session, pupil=world.pupils[1], block_id=CHECK_ID, choice=1)
    assert created and not created_again and again.pk == first.pk and again.choice == 0


def test_answers_of_an_erased_pupil_go_with_their_register_row(world):
    session = _teach(world)
    answer_block(session=session, pupil=world.pupils[0], block_id=CHECK_ID, choice=0)
    erase_pupil(pupil=world.pupils[0], actor=world.lead, reason="A parent asked for the data to be erased.")
    assert not Attendance.objects.filter(pupil=world.pupils[0]).exists()
    assert not LiveAnswer.objects.exists()


def test_answers_given_in_past_live_lessons_are_kept_per_lesson_by_the_migration(world):
    session = _teach(world)
    pupil = world.pupils[2]
    ActivityAnswer.objects.create(
        pupil=pupil,
        assignment=world.assignment,
        lesson=world.lesson,
        block_id=CHECK_ID,
        kind="knowledge_check",
        choice=1,
        correct=False,
        in_class=True,
    )
    migration = importlib.import_module("classroom.migrations.0004_live_answers")
    migration.keep_answers_of_past_live_lessons(apps, None)
    (kept,) = LiveAnswer.objects.all()
    assert (kept.attendance.session_id, kept.attendance.pupil_id, kept.choice) == (session.pk, pupil.pk, 1)


# --- Ending the lesson -----------------------------------------------------------------------------


def test_ending_the_lesson_asks_first(world):
    session = _teach(world)
    client = world.teacher_client()
    page = client.get(url("live_session", session.pk)).content.decode()
    assert f'href="{url("live_end", session.pk)}">End the lesson and take the register</a>' in page
    confirm = client.get(url("live_end", session.pk))
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "End the lesson?" in text and "3 pupils joined" in text and "No, keep teaching" in text
    session.refresh_from_db()
    assert session.is_open, "asking changes nothing"
    ended = client.post(url("live_end", session.pk))
    assert ended["Location"] == url("register", session.pk)
    session.refresh_from_db()
    assert not session.is_open
    assert client.get(url("live_end", session.pk))["Location"] == url("register", session.pk)


def test_another_schools_teacher_cannot_see_the_question(world):
    session = _teach(world)
    outsider = world.teacher_client(world.other_teacher)
    assert outsider.get(url("live_end", session.pk)).status_code == 404


# --- The register ----------------------------------------------------------------------------------


def test_mark_everyone_present_ticks_the_whole_class_and_saves_without_marking_taught(world):
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    join_session(session=session, pupil=world.pupils[0])
    client = world.teacher_client()
    page = client.get(url("register", session.pk)).content.decode()
    assert "Mark everyone present" in page
    assert "<strong>Mark the lesson taught</strong> records the lesson as done" in page
    assert "<strong>Save the register</strong> only keeps who was present" in page

    response = client.post(url("register", session.pk), {"action": "all_present"}, follow=True)
    assert "Everyone in the class is marked present" in response.content.decode()
    assert "3 of 3 present" in response.content.decode()
    assert set(Attendance.objects.filter(session=session, present=True).values_list("pupil", flat=True)) == {
        pupil.pk for pupil in world.pupils
    }
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists(), "not marked taught"
    session.refresh_from_db()
    assert session.is_open
    assert AuditEvent.objects.filter(action=AuditAction.REGISTER_CORRECTED).count() == 1


def test_saving_says_the_lesson_is_not_marked_taught_yet(world):
    session = _teach(world)
    response = world.teacher_client().post(
        url("register", session.pk), {"action": "save", "present": [world.pupils[0].pk]}, follow=True
    )
    assert "The register is saved. The lesson is not marked taught yet." in response.content.decode()
