import datetime
import logging

import pytest
from django.test import override_settings
from django.urls import reverse

from classroom.models import AnonymousQuestion, Attendance
from learning.models import (
    ActivityAnswer,
    LessonProgress,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
    SurveyAnswer,
    SurveyResponse,
)
from reports.audit_models import AuditReport, AuditReportStatus
from reports.models import RollupRefresh
from schools.models import AuditAction, AuditEvent, ClassMembership, Pupil
from schools.services.erasure import ErasureError, erase_pupil, unclassified_pupil_relations
from schools.services.pupils import authenticate_pupil, record_opt_out
from tests.schools.privacy_world import FREE_TEXT, QUESTION, add_pupil, build_world, rows_mentioning

pytestmark = pytest.mark.django_db

FIRST, LAST = "Quillon", "Farthingale"
LEARNING_MODELS = (QuizAttempt, SurveyResponse, ActivityAnswer, LessonProgress, ModuleProgress)


class BrokenTask:
    """A summaries task that cannot be queued (as with the broker down)."""

    @staticmethod
    def delay(school_id):
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")


broken_task = BrokenTask()


class RecordingTask:
    """Stands in for a task that rebuilds what was added up from a school's pupils."""

    schools: list[int] = []

    def delay(self, school_id: int) -> None:
        self.schools.append(school_id)


recording_task = RecordingTask()


@pytest.fixture
def world(programme):
    world = build_world(programme)
    add_pupil(world, FIRST, LAST, gender="female", upn="A123456789012")
    add_pupil(world, "Bexley", "Tamworth")
    add_pupil(world, "Corin", "Alderney")
    return world


def erase(pupil, reason="Request from the pupil's parent, 3 March", **extra):
    return erase_pupil(pupil, actor=extra.pop("actor", None), reason=reason, **extra)


def learning_rows(pupil) -> dict[str, int]:
    return {model.__name__: model.objects.filter(pupil=pupil).count() for model in LEARNING_MODELS}


def test_erasure_rule_covers_every_model_that_holds_a_pupil():
    assert unclassified_pupil_relations() == []


def test_identity_is_removed_and_the_pupil_is_gone_from_every_table(world):
    quillon = world.pupils[FIRST]
    assert rows_mentioning(FIRST, LAST)  # the name was stored (pupil row and audit log)

    erase(quillon, actor=world.lead)

    assert rows_mentioning(FIRST, LAST) == {}
    quillon.refresh_from_db()
    assert (quillon.first_name, quillon.last_name) == ("Erased", "pupil")
    assert quillon.upn_digest == "" and quillon.gender == ""
    assert quillon.erased_at is not None
    assert not ClassMembership.objects.filter(pupil=quillon, removed_at__isnull=True).exists()
    assert not SurveyAnswer.objects.filter(response__pupil=quillon).exclude(text="").exists()
    assert not AnonymousQuestion.objects.filter(pupil=quillon).exists()
    assert not Attendance.objects.filter(pupil=quillon).exists()


def test_erased_pupil_can_never_sign_in_again(client, world):
    quillon, code = world.pupils[FIRST], world.codes[FIRST]
    assert authenticate_pupil(class_code=world.klass.class_code, pupil_code=code) is not None
    before = quillon.login_code_digest

    erase(quillon)

    quillon.refresh_from_db()
    assert quillon.login_code_digest != before and not quillon.login_code_digest.isalnum()
    assert authenticate_pupil(class_code=world.klass.class_code, pupil_code=code) is None
    response = client.post(reverse("schools:pupil_login"), {"class_code": world.klass.class_code, "pupil_code": code})
    assert "could not sign you in" in response.content.decode()


def test_an_open_pupil_session_ends_at_the_next_page(client, world):
    quillon = world.pupils[FIRST]
    client.post(
        reverse("schools:pupil_login"), {"class_code": world.klass.class_code, "pupil_code": world.codes[FIRST]}
    )
    assert client.get(reverse("learning:pupil_home")).status_code == 200

    erase(quillon)

    assert client.get(reverse("learning:pupil_home")).status_code == 302


def test_evaluation_pupil_keeps_anonymised_evaluation_rows(world):
    quillon = world.pupils[FIRST]
    research_key = quillon.research_key
    before = learning_rows(quillon)
    assert all(before.values())
    likert = SurveyAnswer.objects.filter(response__pupil=quillon, text="").count()

    result = erase(quillon)

    assert result.in_evaluation and not result.already_erased
    assert learning_rows(quillon) == before
    assert result.evaluation_records_kept == sum(before.values())
    assert SurveyAnswer.objects.filter(response__pupil=quillon).count() == likert
    assert QuizAnswer.objects.filter(attempt__pupil=quillon).count() == 2
    kept = Pupil.objects.get(pk=quillon.pk)
    assert kept.research_key == research_key
    assert (kept.school_id, kept.year_group) == (world.school.pk, 9)
    assert Pupil.objects.in_evaluation().filter(pk=quillon.pk).exists()


def test_opted_out_pupil_loses_learning_records_too(world):
    quillon = world.pupils[FIRST]
    record_opt_out(pupil=quillon, kind="opt_out", on=datetime.date(2026, 1, 5), actor=world.lead)

    result = erase(quillon)

    assert not result.in_evaluation
    assert learning_rows(quillon) == dict.fromkeys(learning_rows(quillon), 0)
    assert not QuizAnswer.objects.filter(attempt__pupil=quillon).exists()
    assert not SurveyAnswer.objects.filter(response__pupil=quillon).exists()
    assert result.quiz_attempts_deleted == 1 and result.survey_responses_deleted == 1
    assert result.lesson_progress_deleted == 2 and result.module_progress_deleted == 1
    assert result.activity_answers_deleted == 1 and result.evaluation_records_kept == 0


def test_withdrawn_pupil_loses_learning_records_too(world):
    quillon = world.pupils[FIRST]
    record_opt_out(pupil=quillon, kind="withdrawal", on=datetime.date(2026, 1, 5), actor=world.lead)

    erase(quillon)

    assert sum(learning_rows(quillon).values()) == 0


def test_other_pupils_are_untouched(world):
    others = [world.pupils["Bexley"], world.pupils["Corin"]]
    before = {p.pk: (learning_rows(p), Attendance.objects.filter(pupil=p).count()) for p in others}

    erase(world.pupils[FIRST])

    for other in others:
        other.refresh_from_db()
        assert other.erased_at is None and other.first_name in {"Bexley", "Corin"}
        assert (learning_rows(other), Attendance.objects.filter(pupil=other).count()) == before[other.pk]
        assert SurveyAnswer.objects.filter(response__pupil=other, text=FREE_TEXT).exists()
        assert AnonymousQuestion.objects.filter(pupil=other, text=QUESTION).exists()
        assert ClassMembership.objects.filter(pupil=other, removed_at__isnull=True).exists()


def test_published_audit_report_is_untouched(world):
    report = AuditReport.objects.create(
        period_start=datetime.date(2025, 9, 1),
        period_end=datetime.date(2026, 2, 28),
        status=AuditReportStatus.PUBLISHED,
        html="<html><body><p>Pupils reached: 15</p></body></html>",
        snapshot={"pupils_reached": 15, "schools": 3},
    )
    before = AuditReport.objects.filter(pk=report.pk).values().get()

    erase(world.pupils[FIRST])

    assert AuditReport.objects.filter(pk=report.pk).values().get() == before


def test_erasure_is_audited_without_the_name(world):
    quillon = world.pupils[FIRST]
    erase(quillon, actor=world.lead, reason="Parent's email of 3 March", ip_address="203.0.113.9")

    event = AuditEvent.objects.get(action=AuditAction.PUPIL_ERASED)
    assert event.actor == world.lead and event.school == world.school
    assert event.ip_address == "203.0.113.9"
    assert event.summary.startswith(f"Erased pupil #{quillon.pk}")
    assert FIRST not in event.summary and LAST not in event.summary
    assert event.detail["reason"] == "Parent's email of 3 March"
    assert event.detail["questions_deleted"] == 1 and event.detail["attendance_records_deleted"] == 1
    assert event.detail["class_memberships_ended"] == 1 and event.detail["free_text_answers_deleted"] == 1
    assert event.detail["in_evaluation"] is True


def test_earlier_audit_entries_name_the_pupil_by_number(world):
    quillon = world.pupils[FIRST]
    created = AuditEvent.objects.get(action=AuditAction.PUPIL_CREATED, target_id=str(quillon.pk))
    other = AuditEvent.objects.get(action=AuditAction.PUPIL_CREATED, target_id=str(world.pupils["Bexley"].pk))

    result = erase(quillon)

    created.refresh_from_db()
    other.refresh_from_db()
    assert created.summary == f"Added pupil #{quillon.pk}"
    assert other.summary == "Added Bexley Tamworth"
    assert result.audit_entries_redacted >= 1


def test_erasing_twice_changes_nothing_the_second_time(world):
    quillon = world.pupils[FIRST]
    erase(quillon)
    state = Pupil.objects.filter(pk=quillon.pk).values().get()
    events = AuditEvent.objects.count()

    again = erase(quillon)

    assert again.already_erased
    assert again.counts() == dict.fromkeys(again.counts(), 0)
    assert Pupil.objects.filter(pk=quillon.pk).values().get() == state
    assert AuditEvent.objects.count() == events


def test_erasure_updates_the_pupil_passed_in(world):
    quillon = world.pupils[FIRST]
    erase(quillon)
    assert quillon.erased_at is not None and quillon.display_name == "Erased pupil"


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_missing_or_overlong_reason_is_refused_and_changes_nothing(world, reason):
    quillon = world.pupils[FIRST]
    with pytest.raises(ErasureError):
        erase(quillon, reason=reason)
    quillon.refresh_from_db()
    assert quillon.erased_at is None and quillon.first_name == FIRST
    assert not AuditEvent.objects.filter(action=AuditAction.PUPIL_ERASED).exists()


@override_settings(PUPIL_DATA_CHANGED_TASKS=["tests.schools.test_erasure.recording_task"])
def test_pupil_data_changed_tasks_run_for_the_school_after_commit(world, django_capture_on_commit_callbacks):
    recording_task.schools.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        erase(world.pupils[FIRST])
    assert len(callbacks) == 1
    assert recording_task.schools == [world.school.pk]


def test_published_rollups_are_not_rebuilt_at_once(world, django_capture_on_commit_callbacks):
    # A rebuild now would show the pupil's answers as the difference; the nightly one leaves them out.
    with django_capture_on_commit_callbacks(execute=True):
        erase(world.pupils[FIRST])
    assert not RollupRefresh.objects.exists()


@override_settings(PUPIL_DATA_CHANGED_TASKS=["tests.schools.test_erasure.broken_task"])
def test_a_missing_broker_does_not_undo_or_break_erasure(world, django_capture_on_commit_callbacks, caplog):
    quillon = world.pupils[FIRST]
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        result = erase(quillon)
    assert not result.already_erased
    assert Pupil.objects.get(pk=quillon.pk).erased_at is not None
    assert "Could not run tests.schools.test_erasure.broken_task" in caplog.text


def test_not_erased_leaves_out_erased_pupils(world):
    quillon = world.pupils[FIRST]
    erase(quillon)
    school_pupils = Pupil.objects.filter(school=world.school)
    assert quillon.pk not in set(school_pupils.not_erased().values_list("pk", flat=True))
    assert set(school_pupils.erased().values_list("pk", flat=True)) == {quillon.pk}
    assert school_pupils.not_erased().count() == 2


def test_teacher_pages_drop_the_erased_pupil(client, world):
    client.force_login(world.teacher)
    pages = [
        reverse("schools:class_detail", args=[world.klass.pk]),
        reverse("learning:class_progress", args=[world.klass.pk]),
    ]
    for page in pages:
        assert FIRST in client.get(page).content.decode()

    erase(world.pupils[FIRST])

    for page in pages:
        html = client.get(page).content.decode()
        assert "Bexley" in html
        assert FIRST not in html and "Erased" not in html
