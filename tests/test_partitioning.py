"""Monthly partitions of the answer and event tables on PostgreSQL (``partition_tables``).

The first test converts the tables with rows already in them; the others find them
converted (the command only adds what is missing), like a database in service would.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.utils import timezone

from learning.models import ActivityAnswer
from learning.partitioning import sql
from learning.services.activities import record_activity_answer
from schools.models import AuditAction, AuditEvent
from schools.services.audit import record_audit
from tests.learning.conftest import course, interactive_lesson  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TABLES = {"learning_activityanswer": "answered_at", "schools_auditevent": "created_at"}


def run(*args) -> str:
    out = io.StringIO()
    call_command("partition_tables", *args, stdout=out)
    return out.getvalue()


def relkind(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [table])
        return cursor.fetchone()[0]


def partition_of(table: str, pk: int) -> str:
    """The partition holding the row: where PostgreSQL routed it."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT tableoid::regclass::text FROM "{table}" WHERE id = %s', [pk])
        return cursor.fetchone()[0]


def partitions(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = %s::regclass", [table])
        return {name for (name,) in cursor.fetchall()}


def this_month() -> datetime.date:
    return sql.month_start(timezone.now().astimezone(datetime.UTC))


def backdate(table: str, column: str, pk: int, moment: datetime.datetime) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', [moment, pk])


def test_conversion_keeps_rows_and_puts_each_in_its_month(course, interactive_lesson):  # noqa: F811
    if relkind("learning_activityanswer") == "p":
        pytest.fail("The tables were already partitioned: this test must run first in a fresh test database.")
    block = next(child.id for child in interactive_lesson.body if child.block_type == "knowledge_check")
    answer, _ = record_activity_answer(
        pupil=course.pupil, assignment=course.assignment, lesson=interactive_lesson, block_id=block, choice=0
    )
    event = record_audit(actor=course.teacher, school=course.pupil.school, action=AuditAction.EXPORTED, summary="x")
    three_months_ago = datetime.datetime.combine(sql.add_months(this_month(), -3), datetime.time(12), datetime.UTC)
    backdate("schools_auditevent", "created_at", event.pk, three_months_ago)

    out = run("--months-ahead", "2")

    assert "convert to monthly partitions" in out
    assert relkind("learning_activityanswer") == relkind("schools_auditevent") == "p"
    month = this_month()
    old_month = sql.add_months(month, -3)
    assert partition_of("learning_activityanswer", answer.pk) == sql.partition_name("learning_activityanswer", month)
    assert partition_of("schools_auditevent", event.pk) == sql.partition_name("schools_auditevent", old_month)
    expected = {
        sql.partition_name("schools_auditevent", m) for m in sql.months_between(old_month, sql.add_months(month, 2))
    }
    assert partitions("schools_auditevent") == expected | {"schools_auditevent_default"}
    assert ActivityAnswer.objects.get(pk=answer.pk).choice == 0
    # New ids carry on after the copied ones.
    later = record_audit(actor=None, school=None, action=AuditAction.EXPORTED, summary="later")
    assert later.pk > event.pk


@pytest.fixture
def partitioned(db):
    run()
    assert relkind("learning_activityanswer") == "p"


def test_running_again_changes_nothing(partitioned):
    before = {table: partitions(table) for table in TABLES}
    out = run("--dry-run")
    assert out.count("nothing to do") == 2, out
    assert run().count("nothing to do") == 2
    assert {table: partitions(table) for table in TABLES} == before


def test_time_columns_have_brin_indexes(partitioned):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'brin' AND i.indrelid = ANY(%s::regclass[])",
            [list(TABLES)],
        )
        found = {name for (name,) in cursor.fetchall()}
    assert found == {"learning_activityanswer_answered_at_brin", "schools_auditevent_created_at_brin"}


def test_services_write_into_this_months_partition(partitioned, course, interactive_lesson):  # noqa: F811
    block = next(child.id for child in interactive_lesson.body if child.block_type == "scenario")
    answer, created = record_activity_answer(
        pupil=course.pupil, assignment=course.assignment, lesson=interactive_lesson, block_id=block, choice=1
    )
    event = record_audit(actor=course.teacher, school=course.pupil.school, action=AuditAction.EXPORTED, summary="y")
    assert created
    assert partition_of("learning_activityanswer", answer.pk) == sql.partition_name(
        "learning_activityanswer", this_month()
    )
    assert partition_of("schools_auditevent", event.pk) == sql.partition_name("schools_auditevent", this_month())
    assert AuditEvent.objects.for_school(course.pupil.school).first() == event  # newest first


def test_first_answer_still_stands(partitioned, course, interactive_lesson):  # noqa: F811
    block = next(child.id for child in interactive_lesson.body if child.block_type == "knowledge_check")
    args = {"pupil": course.pupil, "assignment": course.assignment, "lesson": interactive_lesson, "block_id": block}
    first, created = record_activity_answer(**args, choice=1)
    again, created_again = record_activity_answer(**args, choice=0)
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and again.choice == 1
    with pytest.raises(IntegrityError, match="one_activity_answer_per_block"), transaction.atomic():
        ActivityAnswer.objects.create(**args, kind="knowledge_check", choice=0, correct=True)
    # Another pupil answers the same block freely.
    other, created_other = record_activity_answer(**{**args, "pupil": course.other_pupil}, choice=0)
    assert created_other and other.pk != first.pk


def test_key_follows_rows_that_move_month_or_are_deleted(partitioned, course, interactive_lesson):  # noqa: F811
    block = next(child.id for child in interactive_lesson.body if child.block_type == "knowledge_check")
    args = {"pupil": course.pupil, "assignment": course.assignment, "lesson": interactive_lesson, "block_id": block}
    first, _ = record_activity_answer(**args, choice=1)
    last_month = datetime.datetime.combine(sql.add_months(this_month(), -1), datetime.time(9), datetime.UTC)
    ActivityAnswer.objects.filter(pk=first.pk).update(answered_at=last_month)  # as the demo data's backdating does
    assert not record_activity_answer(**args, choice=0)[1], "the key moved with the row"
    ActivityAnswer.objects.filter(pk=first.pk).delete()  # as erasure does
    assert record_activity_answer(**args, choice=0)[1], "the deleted answer's key went with it"


def test_months_ahead_are_added_and_stray_rows_leave_the_default_partition(partitioned):
    event = record_audit(actor=None, school=None, action=AuditAction.EXPORTED, summary="far ahead")
    far = sql.add_months(this_month(), 30)
    backdate(
        "schools_auditevent", "created_at", event.pk, datetime.datetime.combine(far, datetime.time(8), datetime.UTC)
    )
    assert partition_of("schools_auditevent", event.pk) == "schools_auditevent_default"

    run("--months-ahead", "6")

    assert partition_of("schools_auditevent", event.pk) == sql.partition_name("schools_auditevent", far)
    assert sql.partition_name("schools_auditevent", sql.add_months(this_month(), 6)) in partitions("schools_auditevent")


def test_django_sees_no_change_and_can_still_add_a_column(partitioned):
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    from django.apps import apps

    changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps)).changes(graph=loader.graph)
    assert not changes.get("learning") and not changes.get("schools")

    from django.db import models

    field = models.CharField(max_length=10, default="", blank=True)
    field.set_attributes_from_name("device")
    with connection.schema_editor() as editor:
        editor.add_field(ActivityAnswer, field)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT device FROM {sql.partition_name('learning_activityanswer', this_month())} LIMIT 1")
    finally:
        with connection.schema_editor() as editor:
            editor.remove_field(ActivityAnswer, field)


def test_sqlite_is_left_alone(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert "needs PostgreSQL" in run()


def test_emptying_the_table_empties_its_keys(partitioned, course, interactive_lesson):  # noqa: F811
    block = next(child.id for child in interactive_lesson.body if child.block_type == "knowledge_check")
    args = {"pupil": course.pupil, "assignment": course.assignment, "lesson": interactive_lesson, "block_id": block}
    record_activity_answer(**args, choice=1)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE learning_activityanswer")  # as the test runner's flush does
        cursor.execute("SELECT count(*) FROM one_activity_answer_per_block_keys")
        assert cursor.fetchone()[0] == 0
    assert record_activity_answer(**args, choice=0)[1]


def test_months_ahead_out_of_range_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="between 0 and 24"):
        run("--months-ahead", "99")
