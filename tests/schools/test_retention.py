"""Retention: data on each side of every cutoff, with timestamps moved back by queryset updates."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from classroom.models import AnonymousQuestion, Attendance
from classroom.services.questions import QUESTION_RETENTION
from learning.models import LessonProgress, ModuleProgress, QuizAnswer, QuizAttempt, SurveyAnswer, SurveyResponse
from reports.models import RollupRefresh
from schools.models import AuditAction, AuditEvent, ClassMembership, ImportStatus, Pupil, RosterImport, SchoolClass
from schools.retention import apply_retention, plan_retention
from schools.retention.periods import months_before, retention_periods
from schools.services.erasure import erase_pupil
from schools.services.pupils import create_pupil, record_opt_out
from schools.tasks.retention import apply_retention_task
from tests.factories import SchoolFactory, platform_admin, school_class, staff
from tests.schools.privacy_world import FREE_TEXT, add_pupil, build_world

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
KINDS = ("pupil_identity", "learning_records", "survey_free_text", "talk_requests", "roster_uploads", "audit_log")


# Audit entries cannot be changed through AuditEvent.objects; the tests age them through the
# plain base manager.


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def years_ago(years: int) -> datetime.datetime:
    return months_before(timezone.now(), 12 * years)


@dataclass
class Aged:
    """Rows just past each cutoff (due) and just inside it (kept)."""

    world: object
    left_long_ago: Pupil
    left_recently: Pupil
    archived_long_ago: Pupil
    moved_on: Pupil
    never_in_a_class: Pupil
    opted_out_left: Pupil
    current: Pupil
    erased_long_ago: Pupil
    erased_recently: Pupil
    old_free_text: SurveyAnswer
    new_free_text: SurveyAnswer
    old_upload: RosterImport
    new_upload: RosterImport
    imported_upload: RosterImport
    old_event: AuditEvent
    new_event: AuditEvent


def _leave(pupil, when):
    ClassMembership.objects.filter(pupil=pupil).update(removed_at=when)


@pytest.fixture
def aged(programme):
    world = build_world(programme)
    active = {name: add_pupil(world, name, "K") for name in ("Ada", "Bea", "Cy", "Dot", "Eli", "Fay", "Gus", "Hal")}
    quiet = {name: add_pupil(world, name, "K", active=False) for name in ("Ivo",)}
    p = active | quiet

    _leave(p["Ada"], ago(days=400))  # left 13 months ago: due
    _leave(p["Bea"], ago(days=330))  # left 11 months ago: kept
    old_class = school_class(world.school, world.teacher, name="8Q", year_group=8)
    SchoolClass.objects.filter(pk=old_class.pk).update(archived_at=ago(days=400))
    _leave(p["Cy"], None)
    ClassMembership.objects.filter(pupil=p["Cy"]).delete()
    ClassMembership.objects.create(pupil=p["Cy"], school_class=old_class)  # class archived 13 months ago: due
    ClassMembership.objects.create(pupil=p["Dot"], school_class=old_class)  # also still in 9R: kept
    never, _ = create_pupil(
        school=world.school, school_class=None, first_name="Ned", last_name="K", year_group=9, actor=None
    )
    Pupil.objects.filter(pk=never.pk).update(created_at=ago(days=400))  # added 13 months ago, no class: due
    record_opt_out(pupil=p["Eli"], kind="opt_out", on=datetime.date(2025, 1, 6), actor=world.lead)
    _leave(p["Eli"], ago(days=400))  # opted out and left: due, records deleted
    erase_pupil(p["Fay"], actor=None, reason="Rights request")
    Pupil.objects.filter(pk=p["Fay"].pk).update(erased_at=years_ago(6) - DAY)  # erased 6 years ago: records go
    erase_pupil(p["Gus"], actor=None, reason="Rights request")
    Pupil.objects.filter(pk=p["Gus"].pk).update(erased_at=years_ago(6) + DAY)  # kept

    old_answer = SurveyAnswer.objects.get(response__pupil=p["Hal"], item_key="f1")
    SurveyResponse.objects.filter(pk=old_answer.response_id).update(submitted_at=ago(days=400))
    new_answer = SurveyAnswer.objects.get(response__pupil=p["Bea"], item_key="f1")
    SurveyResponse.objects.filter(pk=new_answer.response_id).update(submitted_at=ago(days=330))

    def upload(days: int, status=ImportStatus.VALID):
        row = RosterImport.objects.create(
            school=world.school,
            school_class=world.klass,
            filename="9R.csv",
            content=b"first_name,last_name,year_group\nZed,Q,9\n",
            sha256="0" * 64,
            status=status,
            preview=[{"first_name": "Zed", "last_name": "Q"}],
        )
        RosterImport.objects.filter(pk=row.pk).update(created_at=ago(days=days))
        return row

    old_event = AuditEvent.objects.create(school=world.school, action=AuditAction.CODE_RESET, summary="Old")
    new_event = AuditEvent.objects.create(school=None, action=AuditAction.STAFF_INVITED, summary="New")
    AuditEvent._base_manager.filter(pk=old_event.pk).update(created_at=years_ago(6) - DAY)
    AuditEvent._base_manager.filter(pk=new_event.pk).update(created_at=years_ago(6) + DAY)
    return Aged(
        world=world,
        left_long_ago=p["Ada"],
        left_recently=p["Bea"],
        archived_long_ago=p["Cy"],
        moved_on=p["Dot"],
        never_in_a_class=never,
        opted_out_left=p["Eli"],
        current=p["Ivo"],
        erased_long_ago=p["Fay"],
        erased_recently=p["Gus"],
        old_free_text=old_answer,
        new_free_text=new_answer,
        old_upload=upload(31),
        new_upload=upload(29),
        imported_upload=upload(40, ImportStatus.IMPORTED),
        old_event=old_event,
        new_event=new_event,
    )


def snapshot() -> dict:
    """Everything retention may change, as plain values."""
    return {
        "pupils": list(Pupil.objects.order_by("pk").values()),
        "memberships": list(ClassMembership.objects.order_by("pk").values()),
        "answers": list(SurveyAnswer.objects.order_by("pk").values()),
        "uploads": list(RosterImport.objects.order_by("pk").values()),
        "events": list(AuditEvent.objects.order_by("pk").values_list("pk", "summary")),
        "rows": [
            model.objects.count()
            for model in (QuizAttempt, QuizAnswer, SurveyResponse, LessonProgress, ModuleProgress, Attendance)
        ],
        "questions": AnonymousQuestion.objects.count(),
    }


def erased(pupil) -> bool:
    return Pupil.objects.get(pk=pupil.pk).erased_at is not None


def test_the_plan_counts_what_is_due_per_kind_and_school(aged):
    plan = plan_retention()
    totals = plan.totals()
    # Ada, Cy, Ned and Eli; not Bea (left 11 months ago), Dot (still in 9R) or Ivo.
    assert totals["pupil_identity"] == 4
    assert totals["learning_records"] == 1
    assert totals["survey_free_text"] == 1
    assert totals["roster_uploads"] == 1
    assert totals["audit_log"] == 1
    assert totals["anonymous_questions"] == 0 and totals["exports"] == 0
    (entry,) = plan.kind("pupil_identity").schools
    assert (entry.school_id, entry.name, entry.count) == (aged.world.school.pk, "Hollowbrook Academy", 4)


def test_dry_run_changes_nothing(aged):
    before = snapshot()
    plan_retention()
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert snapshot() == before
    assert "Dry run: nothing was changed." in out.getvalue()


def test_expired_identities_are_removed_and_the_rest_untouched(aged):
    run = apply_retention()

    assert run.total("pupil_identity") == 4
    for due in (aged.left_long_ago, aged.archived_long_ago, aged.never_in_a_class, aged.opted_out_left):
        assert erased(due)
        assert Pupil.objects.get(pk=due.pk).first_name == "Erased"
    for kept in (aged.left_recently, aged.moved_on, aged.current):
        assert not erased(kept)
        assert Pupil.objects.get(pk=kept.pk).first_name == kept.first_name


def test_identity_removal_follows_the_erasure_rule(aged):
    in_evaluation, opted_out = aged.left_long_ago, aged.opted_out_left
    kept_rows = QuizAttempt.objects.filter(pupil=in_evaluation).count()

    apply_retention()

    assert QuizAttempt.objects.filter(pupil=in_evaluation).count() == kept_rows == 1
    assert not SurveyAnswer.objects.filter(response__pupil=in_evaluation).exclude(text="").exists()
    assert not AnonymousQuestion.objects.filter(pupil=in_evaluation).exists()
    assert not Attendance.objects.filter(pupil=in_evaluation).exists()
    assert not QuizAttempt.objects.filter(pupil=opted_out).exists()
    assert not ModuleProgress.objects.filter(pupil=opted_out).exists()


def test_anonymous_records_go_years_after_the_identity(aged):
    gone, kept = aged.erased_long_ago, aged.erased_recently

    run = apply_retention()

    assert run.total("learning_records") == 1
    assert not Pupil.objects.filter(pk=gone.pk).exists()
    assert not QuizAttempt.objects.filter(pupil_id=gone.pk).exists()
    assert not ModuleProgress.objects.filter(pupil_id=gone.pk).exists()
    assert Pupil.objects.filter(pk=kept.pk).exists() and QuizAttempt.objects.filter(pupil=kept).exists()
    assert run.counts["learning_records"]["learning.QuizAttempt"] == 1


def test_old_free_text_is_deleted_and_scale_answers_stay(aged):
    likert = SurveyAnswer.objects.filter(response=aged.old_free_text.response, text="").count()

    apply_retention()

    assert not SurveyAnswer.objects.filter(pk=aged.old_free_text.pk).exists()
    assert SurveyAnswer.objects.filter(pk=aged.new_free_text.pk, text=FREE_TEXT).exists()
    assert SurveyAnswer.objects.filter(response=aged.old_free_text.response, text="").count() == likert == 2


def test_unimported_roster_uploads_are_deleted(aged):
    apply_retention()

    old = RosterImport.objects.get(pk=aged.old_upload.pk)
    assert old.status == ImportStatus.FAILED
    assert bytes(old.content) == b"" and old.preview == []
    assert "not imported within 30 days" in old.errors[0]["message"]
    new = RosterImport.objects.get(pk=aged.new_upload.pk)
    assert new.status == ImportStatus.VALID and bytes(new.content) and new.preview
    imported = RosterImport.objects.get(pk=aged.imported_upload.pk)
    assert imported.status == ImportStatus.IMPORTED and imported.errors == []


def test_only_audit_entries_older_than_the_period_are_purged(aged):
    apply_retention()

    assert not AuditEvent.objects.filter(pk=aged.old_event.pk).exists()
    assert AuditEvent.objects.filter(pk=aged.new_event.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.PUPIL_CREATED).exists()


def test_purge_older_than_deletes_in_batches_and_only_before_the_cutoff(db):
    events = [AuditEvent.objects.create(action=AuditAction.CODE_RESET, summary=f"#{n}") for n in range(5)]
    for n, event in enumerate(events):
        AuditEvent._base_manager.filter(pk=event.pk).update(created_at=ago(days=10 - n))
    assert AuditEvent.objects.purge_older_than(ago(days=7) - datetime.timedelta(hours=1), batch_size=2) == 3
    assert sorted(AuditEvent.objects.values_list("summary", flat=True)) == ["#3", "#4"]
    with pytest.raises(ValueError):
        AuditEvent.objects.purge_older_than(ago(days=1), batch_size=0)


def test_questions_and_exports_are_left_to_their_own_tasks(aged):
    AnonymousQuestion.objects.update(created_at=ago(days=400))
    questions = AnonymousQuestion.objects.filter(pupil__in=[aged.current, aged.left_recently]).count()
    assert plan_retention().totals()["anonymous_questions"] == AnonymousQuestion.objects.count()

    apply_retention()

    assert AnonymousQuestion.objects.filter(pupil__in=[aged.current, aged.left_recently]).count() == questions


def test_applying_twice_is_the_same_as_once(aged):
    apply_retention()
    once = snapshot()
    events = AuditEvent.objects.count()

    second = apply_retention()

    assert second.totals() == dict.fromkeys(KINDS, 0)
    after = snapshot()
    after["events"] = after["events"][:-1]  # the second run's own entry
    assert after == once
    assert AuditEvent.objects.count() == events + 1


@override_settings(RETENTION_BATCH_SIZE=1)
def test_small_batches_do_the_same_work(aged):
    run = apply_retention()
    assert run.totals() == {
        "pupil_identity": 4,
        "learning_records": 1,
        "survey_free_text": 1,
        "talk_requests": 0,
        "roster_uploads": 1,
        "audit_log": 1,
    }
    assert plan_retention().totals() == dict.fromkeys(plan_retention().totals(), 0)


def test_after_applying_nothing_more_is_due(aged):
    planned = plan_retention().totals()
    run = apply_retention()
    assert run.totals() == {kind: planned[kind] for kind in KINDS}
    assert all(count == 0 for kind, count in plan_retention().totals().items() if kind in KINDS)


def test_each_run_is_audited_without_a_school(aged):
    apply_retention()
    event = AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).get()
    assert event.school is None and event.actor is None
    assert event.detail["counts"]["pupil_identity"]["pupils"] == 4
    assert event.detail["counts"]["audit_log"]["entries"] == 1
    assert set(event.detail["cutoffs"]) == set(KINDS)
    assert "4 pupils (pupil identity)" in event.summary
    assert not any(name in event.summary for name in ("Ada", "Cy", "Ned", "Eli"))


def test_a_run_with_nothing_due_is_still_recorded(db):
    run = apply_retention()
    assert run.totals() == dict.fromkeys(KINDS, 0)
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.summary == "Retention applied: nothing was due"


@override_settings(PUPIL_DATA_CHANGED_TASKS=["tests.schools.test_erasure.recording_task"])
def test_pupil_data_changed_tasks_run_for_the_schools_changed(aged, django_capture_on_commit_callbacks):
    from tests.schools.test_erasure import recording_task

    recording_task.schools.clear()
    with django_capture_on_commit_callbacks(execute=True):
        apply_retention()
    assert recording_task.schools == [aged.world.school.pk]
    assert not RollupRefresh.objects.exists(), "the published rollups wait for the nightly rebuild"


@pytest.mark.parametrize("value", [0, -1, "12"])
def test_a_bad_period_is_refused_before_anything_changes(aged, value):
    before = snapshot()
    with override_settings(RETENTION_AUDIT_LOG_YEARS=value):
        with pytest.raises(ImproperlyConfigured, match="RETENTION_AUDIT_LOG_YEARS must be a whole number"):
            apply_retention()
        with pytest.raises(CommandError, match="RETENTION_AUDIT_LOG_YEARS"):
            call_command("apply_retention", stdout=io.StringIO())
    assert snapshot() == before


def test_the_task_applies_retention(aged):
    assert apply_retention_task.delay().get()["pupil_identity"] == 4
    assert erased(aged.left_long_ago)


def test_the_command_prints_the_plan_and_applies_it(aged):
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Pupils' names, sign-in codes" in text and "kept 12 months" in text
    assert "Hollowbrook Academy: 4" in text
    assert "[deleted by the daily export clean-up]" in text

    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "Retention applied: 4 pupils (pupil identity), 1 pupils (learning records)" in out.getvalue()
    assert erased(aged.left_long_ago)


def test_months_before_keeps_to_the_end_of_shorter_months():
    moment = datetime.datetime(2026, 3, 31, 4, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 1) == datetime.datetime(2026, 2, 28, 4, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 12) == datetime.datetime(2025, 3, 31, 4, 0, tzinfo=datetime.UTC)
    assert months_before(moment, 15) == datetime.datetime(2024, 12, 31, 4, 0, tzinfo=datetime.UTC)


def test_question_and_export_periods_are_the_ones_their_tasks_use():
    periods = {period.kind: period for period in retention_periods()}
    assert datetime.timedelta(days=periods["anonymous_questions"].value) == QUESTION_RETENTION
    assert periods["exports"].value == settings.EXPORT_LINK_HOURS


# --- The privacy notice ----------------------------------------------------------------------


def render_periods() -> str:
    return Template("{% load retention %}{% retention_periods %}").render(Context({}))


def test_the_privacy_notice_lists_the_configured_periods():
    html = render_periods()
    assert 'class="govuk-summary-list"' in html
    assert html.count("govuk-summary-list__row") == len(retention_periods())
    assert "Kept for 12 months after the pupil left their last class" in html
    assert "Kept for 6 years after the action" in html


@override_settings(RETENTION_AUDIT_LOG_YEARS=1, RETENTION_SURVEY_FREE_TEXT_MONTHS=3)
def test_the_privacy_notice_follows_the_settings():
    html = render_periods()
    assert "Kept for 1 year after the action" in html
    assert "Kept for 3 months after the survey was answered" in html


# --- The platform admins' page ---------------------------------------------------------------

PAGE = "schools:retention_report"


def test_platform_admin_sees_the_dry_run(client, aged):
    client.force_login(platform_admin())
    before = snapshot()
    response = client.get(reverse(PAGE))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hollowbrook Academy" in html and "RETENTION_PUPIL_IDENTITY_MONTHS" in html
    assert response.context["plan"].totals()["pupil_identity"] == 4
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert snapshot() == before


def test_platform_admin_sees_recent_runs(client, db):
    apply_retention()
    client.force_login(platform_admin())
    assert "Retention applied: nothing was due" in client.get(reverse(PAGE)).content.decode()


@pytest.mark.parametrize("role", ["school_lead", "teacher"])
def test_school_staff_are_refused(client, db, role):
    client.force_login(staff(SchoolFactory(), role))
    assert client.get(reverse(PAGE)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse(PAGE))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_run_that_fails_part_way_is_recorded_and_raised(aged, monkeypatch):
    def fail(pupil):
        raise RuntimeError("disk full")

    monkeypatch.setattr("schools.retention.apply.remove_identity", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        apply_retention()
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.summary.startswith("Retention run stopped part-way.")
    assert event.detail["error"] == "RuntimeError: disk full"
    assert not erased(aged.left_long_ago)
