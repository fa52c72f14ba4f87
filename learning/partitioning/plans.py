"""Which tables are partitioned by month, on which column, and how their unique rules survive.

A table qualifies when nothing holds a foreign key into it, it has a time column that is set
once on insert, and its queries filter by school or assignment (and time). PostgreSQL requires
every unique constraint of a partitioned table to include the partition key, so:

- the primary key becomes ``(id, <time>)`` in the database while Django keeps ``id`` as pk
  (ids still come from one identity sequence, so they stay unique);
- a unique rule without the time column (one first answer per pupil and block) is kept in a
  small unpartitioned key table, filled by a trigger on the partitioned table, whose primary
  key carries the constraint's name. Adding the time column to the constraint instead would be
  wrong: two answers to the same block arriving a millisecond apart would both be kept.

QuizAnswer and SurveyAnswer have no time column of their own and are written with their
attempt or response, so they are left for now (see docs/capacity.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class KeyTable:
    """A unique rule kept outside the partitioned table."""

    constraint: str
    columns: tuple[str, ...]

    @property
    def table(self) -> str:
        return f"{self.constraint}_keys"


@dataclass(frozen=True)
class TablePlan:
    table: str
    time_column: str
    pk_column: str
    key_tables: tuple[KeyTable, ...] = ()


def _column(model: type[models.Model], name: str) -> str:
    column = getattr(model._meta.get_field(name), "column", None)
    if not isinstance(column, str):
        raise ValueError(f"{model.__name__}.{name} is not a column of its table.")
    return column


def plan_for(model: type[models.Model], time_field: str) -> TablePlan:
    """The plan for a model: every unique constraint without the time column gets a key table."""
    meta = model._meta
    time_column = _column(model, time_field)
    key_tables = []
    for constraint in meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
            continue
        columns = tuple(_column(model, name) for name in constraint.fields)
        if time_column not in columns:
            key_tables.append(KeyTable(constraint=constraint.name, columns=columns))
    return TablePlan(
        table=meta.db_table,
        time_column=time_column,
        pk_column=_column(model, meta.pk.name if meta.pk else "id"),
        key_tables=tuple(key_tables),
    )


def partition_plans() -> list[TablePlan]:
    from learning.models import ActivityAnswer
    from schools.models import AuditEvent

    return [plan_for(ActivityAnswer, "answered_at"), plan_for(AuditEvent, "created_at")]
