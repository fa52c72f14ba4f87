"""When the demo events happened: school days since an assignment opened, and backdating.

The services stamp every row with now(). The loader notes the moment each event should
have happened (``Stamps``) and, once a class is done, writes those moments onto the rows
(``backdate``); the summaries are then rebuilt from the rows, as ``rebuild_progress``
always does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from learning.models import ActivityAnswer, LessonProgress, QuizAttempt, SurveyResponse
from schools.models import Assignment


def school_days(opens_on: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The weekdays from the day the assignment opened up to yesterday (every day if none)."""
    days = [opens_on + datetime.timedelta(days=n) for n in range((today - opens_on).days)]
    return [day for day in days if day.weekday() < 5] or days


def moment(day: datetime.date, minutes: int) -> datetime.datetime:
    """``minutes`` after midnight on ``day``, local time."""
    midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return midnight + datetime.timedelta(minutes=minutes)


def later(at: datetime.datetime, minutes: float) -> datetime.datetime:
    """A moment ``minutes`` after ``at`` on the same day; a few seconds later if the day would end.

    Keeps every event of a past school day on that day, so nothing lands after now.
    """
    step = at + datetime.timedelta(minutes=minutes)
    end_of_day = moment(timezone.localtime(at).date(), 23 * 60 + 45)
    return step if step <= end_of_day else at + datetime.timedelta(seconds=20)


@dataclass
class Stamps:
    """The moment each event of one assignment happened, by the natural key of its row."""

    lessons: dict[tuple[int, int], list] = field(default_factory=dict)
    activities: dict[tuple[int, int, str], datetime.datetime] = field(default_factory=dict)
    attempts: dict[tuple[int, str, int], datetime.datetime] = field(default_factory=dict)
    responses: dict[tuple[int, str], datetime.datetime] = field(default_factory=dict)

    def lesson(
        self,
        pupil_id: int,
        lesson_id: int,
        at: datetime.datetime,
        *,
        started: datetime.datetime | None = None,
        completed: bool = False,
    ) -> None:
        """The lesson row changed at ``at`` (created at ``started``, or then; completed then, if so)."""
        entry = self.lessons.setdefault((pupil_id, lesson_id), [started or at, at, None])
        entry[1] = at
        if completed and entry[2] is None:
            entry[2] = at


def _write(model, fields: list[str], rows: list[tuple]) -> None:
    """Set ``fields`` of many rows of ``model``, one statement run once per (values..., pk) row.

    One parameterised UPDATE sent as a batch: much cheaper than a saved instance or an
    ``update()`` per row, and than ``bulk_update``'s large CASE expressions.
    """
    if not rows:
        return
    adapt = connection.ops.adapt_datetimefield_value
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(model._meta.get_field(name).column)} = %s" for name in fields)
    # Only names from the model's metadata, quoted, go into the SQL; every value is a parameter.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {columns} WHERE {quote(model._meta.pk.column)} = %s"  # nosec B608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*(adapt(value) for value in row[:-1]), row[-1]) for row in rows])


def backdate(assignment: Assignment, stamps: Stamps) -> None:
    """Write the noted moments onto the assignment's event rows."""
    lessons = []
    for pk, pupil_id, lesson_id, completed_at in LessonProgress.objects.filter(assignment=assignment).values_list(
        "pk", "pupil_id", "lesson_id", "completed_at"
    ):
        started, updated, completed = stamps.lessons[(pupil_id, lesson_id)]
        lessons.append((started, updated, completed if completed_at is not None else None, pk))
    _write(LessonProgress, ["started_at", "updated_at", "completed_at"], lessons)
    answers = ActivityAnswer.objects.filter(assignment=assignment).values_list(
        "pk", "pupil_id", "lesson_id", "block_id"
    )
    _write(
        ActivityAnswer,
        ["answered_at"],
        [(stamps.activities[(pupil_id, lesson_id, block_id)], pk) for pk, pupil_id, lesson_id, block_id in answers],
    )
    attempts = QuizAttempt.objects.filter(assignment=assignment).values_list("pk", "pupil_id", "wave", "number")
    _write(
        QuizAttempt,
        ["submitted_at"],
        [(stamps.attempts[(pupil_id, wave, number)], pk) for pk, pupil_id, wave, number in attempts],
    )
    responses = SurveyResponse.objects.filter(assignment=assignment).values_list("pk", "pupil_id", "wave")
    _write(
        SurveyResponse,
        ["submitted_at"],
        [(stamps.responses[(pupil_id, wave)], pk) for pk, pupil_id, wave in responses],
    )
