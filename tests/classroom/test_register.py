"""The register: who joined, the teacher's corrections, and marking the lesson taught."""

import re

import pytest

import learning.services.lessons as lessons
from classroom.models import Attendance, LiveSession
from classroom.services.live import join_session, start_session
from classroom.services.register import needs_catch_up, register_rows, save_register
from courses.models.modules import DeliveryMode
from learning.models import LessonProgress, ModuleProgress
from schools.models import AuditAction, AuditEvent
from tests.classroom.live_world import make_live_world, url
from tests.factories import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme):
    return make_live_world(programme, pupils=4)


def _session(world) -> LiveSession:
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    for pupil in world.pupils[:3]:
        join_session(session=session, pupil=pupil)
    return session


def test_pupils_who_joined_are_ticked_on_the_register(world):
    session = _session(world)
    page = world.teacher_client().get(url("register", session.pk)).content.decode()
    assert "3 of 4 present" in page
    for index, pupil in enumerate(world.pupils):
        checked = re.search(rf'value="{pupil.pk}"\s+checked', page) is not None
        assert checked is (index < 3), pupil.display_name


def test_register_drives_completion_and_the_summaries(world):
    session = _session(world)
    first, second, third, absent = world.pupils
    client = world.teacher_client()
    # The teacher unticks the second pupil (joined, but was not in the room) and ticks nobody else.
    response = client.post(
        url("register", session.pk), {"present": [first.pk, third.pk], "action": "taught"}, follow=True
    )
    assert "marked taught for 2 pupils" in response.content.decode()
    done = set(
        LessonProgress.objects.filter(lesson=world.lesson, completed_at__isnull=False).values_list("pupil", flat=True)
    )
    assert done == {first.pk, third.pk}
    assert set(LessonProgress.objects.filter(pupil__in=done).values_list("taught_in_class", flat=True)) == {True}
    progress = {row.pupil_id: row for row in ModuleProgress.objects.filter(assignment=world.assignment)}
    assert progress[first.pk].lessons_done == 1 and progress[first.pk].lessons_total == 2
    assert progress[first.pk].percent > 0
    assert second.pk not in progress or progress[second.pk].lessons_done == 0
    session.refresh_from_db()
    assert not session.is_open and session.lesson_recorded_at is not None
    assert Attendance.objects.get(session=session, pupil=second).present is False
    assert Attendance.objects.get(session=session, pupil=second).source == "teacher"
    page = response.content.decode()
    catch_up = page.split("Needs catch-up", 1)[1]
    assert second.display_name in catch_up and absent.display_name in catch_up
    assert first.display_name not in catch_up
    assert "taught in class only" in catch_up
    actions = set(AuditEvent.objects.filter(school=world.school).values_list("action", flat=True))
    assert {AuditAction.REGISTER_CORRECTED, AuditAction.LESSON_TAUGHT} <= actions


def test_teacher_can_tick_a_pupil_who_never_joined(world):
    session = _session(world)
    absent = world.pupils[3]
    save_register(session=session, present_ids=[p.pk for p in world.pupils], actor=world.teacher, mark_taught=True)
    row = Attendance.objects.get(session=session, pupil=absent)
    assert row.present and row.source == "teacher" and row.joined_at is None
    assert LessonProgress.objects.filter(pupil=absent, completed_at__isnull=False).exists()
    assert needs_catch_up(session=session) == []


def test_absent_pupils_can_catch_up_alone_where_the_module_allows_it(programme):
    world = make_live_world(programme, pupils=2, delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED)
    session = _session(world)
    response = world.teacher_client().post(
        url("register", session.pk), {"present": [world.pupils[0].pk], "action": "taught"}, follow=True
    )
    catch_up = response.content.decode().split("Needs catch-up", 1)[1]
    assert "Self-paced catch-up is available" in catch_up
    assert world.pupils[1].display_name in catch_up


def test_saving_without_marking_taught_completes_nothing(world):
    session = _session(world)
    world.teacher_client().post(url("register", session.pk), {"present": [world.pupils[0].pk], "action": "save"})
    assert not LessonProgress.objects.exists()
    assert Attendance.objects.filter(session=session, present=True).count() == 1
    session.refresh_from_db()
    assert session.is_open and session.lesson_recorded_at is None


def test_register_and_completion_are_one_transaction(world, monkeypatch):
    """If completing the lesson fails for one pupil, the corrections and every completion are undone."""
    session = _session(world)
    real = lessons.complete_lesson
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs["pupil"].pk)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr(lessons, "complete_lesson", fail_on_second)
    with pytest.raises(RuntimeError):
        save_register(session=session, present_ids=[p.pk for p in world.pupils], actor=world.teacher, mark_taught=True)
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    assert not ModuleProgress.objects.filter(lessons_done__gt=0).exists()
    assert not Attendance.objects.filter(session=session, pupil=world.pupils[3]).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REGISTER_CORRECTED).exists()
    session.refresh_from_db()
    assert session.is_open and session.lesson_recorded_at is None


@pytest.mark.parametrize("present", [["not-a-number"], ["OTHER"]], ids=["garbage", "other-school-pupil"])
def test_tampered_register_is_refused_and_changes_nothing(world, present):
    session = _session(world)
    present = [world.other_pupil.pk if value == "OTHER" else value for value in present]
    response = world.teacher_client().post(url("register", session.pk), {"present": present, "action": "taught"})
    assert response.status_code == 400
    assert not Attendance.objects.filter(pupil=world.other_pupil).exists()
    assert Attendance.objects.filter(session=session, present=True).count() == 3
    assert not LessonProgress.objects.exists()


def test_register_rows_take_a_constant_number_of_queries(world, django_assert_max_num_queries):
    session = _session(world)
    with django_assert_max_num_queries(4):
        rows = register_rows(session=session)
    assert len(rows) == 4


def test_other_school_and_other_teachers_get_404(world):
    session = _session(world)
    outsider = world.teacher_client(world.other_teacher)
    assert outsider.get(url("register", session.pk)).status_code == 404
    assert outsider.post(url("register", session.pk), {"action": "taught"}).status_code == 404
    colleague = world.teacher_client(staff(world.school, "teacher", email="colleague@fern.example.org"))
    assert colleague.get(url("register", session.pk)).status_code == 404
    assert world.teacher_client(world.lead).get(url("register", session.pk)).status_code == 200
    assert not LessonProgress.objects.exists()


def test_opening_the_register_is_in_the_access_log(world):
    session = _session(world)
    client = world.teacher_client()
    client.get(url("register", session.pk), REMOTE_ADDR="198.51.100.4")
    client.get(url("register", session.pk), REMOTE_ADDR="198.51.100.4")
    viewed = AuditEvent.objects.get(action=AuditAction.PUPIL_DATA_VIEWED)
    assert (viewed.actor, viewed.school, viewed.ip_address) == (world.teacher, world.school, "198.51.100.4")
    assert "register" in viewed.summary
