"""Writing a scored quiz attempt and its answers: on PostgreSQL in one statement.

A whole class submits at once, so a submission's writes are kept few. On PostgreSQL the attempt
and its answers go in together, the answers taking the attempt's new id inside the statement
(a data-modifying ``WITH``); elsewhere (SQLite for the demo and the tests) one insert each. The
rows are the same either way, and a key stored meanwhile by another connection fails the
statement as it would fail the attempt's own insert.
"""

from __future__ import annotations

import json

from django.db import connections
from django.db.models import Field

from learning.models import QuizAnswer, QuizAttempt

# An answer's columns, in the order the statement gives them.
ANSWER_FIELDS = ("attempt", "question_key", "selected", "correct", "points")


# The answers' rows, each taking the attempt's new id.
ANSWERS_GIVEN = (
    "SELECT attempt.id, given.question_key, given.selected::jsonb, given.correct, given.points FROM attempt, "
    "UNNEST(%s::varchar[], %s::text[], %s::boolean[], %s::smallint[]) AS given(question_key, selected, correct, points)"
)


def _attempt_columns() -> list[Field]:
    return [field for field in QuizAttempt._meta.concrete_fields if not field.primary_key]


def _column(field: object) -> str:
    column = getattr(field, "column", None)
    if not isinstance(column, str):
        raise ValueError(f"{field} is not a column.")
    return column


def insert_attempt(attempt: QuizAttempt, answers: list[QuizAnswer]) -> QuizAttempt:
    """Store ``attempt`` (not yet saved) and its ``answers`` (``attempt`` is set on them here)."""
    connection = connections[QuizAttempt.objects.db]
    if connection.vendor != "postgresql":
        attempt.save(force_insert=True)
        for answer in answers:
            answer.attempt = attempt
        QuizAnswer.objects.bulk_create(answers)
        return attempt
    quote = connection.ops.quote_name
    fields = _attempt_columns()
    values = [field.get_db_prep_save(field.pre_save(attempt, add=True), connection) for field in fields]
    answer_columns = ", ".join(quote(_column(QuizAnswer._meta.get_field(name))) for name in ANSWER_FIELDS)
    # Only the models' own quoted names go into the text; every value is a parameter.
    table, pk = quote(QuizAttempt._meta.db_table), quote(_column(QuizAttempt._meta.pk))
    columns = ", ".join(quote(_column(field)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    attempt_sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {pk} AS id"  # nosec B608
    answers_sql = f"INSERT INTO {quote(QuizAnswer._meta.db_table)} ({answer_columns}) {ANSWERS_GIVEN}"  # nosec B608
    sql = f"WITH attempt AS ({attempt_sql}), answers AS ({answers_sql}) SELECT id FROM attempt"  # nosec B608
    params = [
        *values,
        [answer.question_key for answer in answers],
        [json.dumps(answer.selected) for answer in answers],
        [answer.correct for answer in answers],
        [answer.points for answer in answers],
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        attempt.pk = cursor.fetchone()[0]
    attempt._state.adding = False
    attempt._state.db = connection.alias
    for answer in answers:
        answer.attempt = attempt
    return attempt
