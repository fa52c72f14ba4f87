"""Read a PostgreSQL database and work out the statements that partition it (or add months)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.backends.base.base import BaseDatabaseWrapper

from . import sql
from .plans import TablePlan


class PartitioningError(Exception):
    """A table cannot be partitioned safely as it stands."""


@dataclass
class TableWork:
    plan: TablePlan
    converting: bool
    statements: list[str] = field(default_factory=list)


def _rows(connection: BaseDatabaseWrapper, query: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params or [])
        return cursor.fetchall()


def is_partitioned(connection: BaseDatabaseWrapper, table: str) -> bool:
    rows = _rows(connection, "SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [table])
    if not rows:
        raise PartitioningError(f"Table {table} does not exist: run the migrations first.")
    return rows[0][0] == "p"


def existing_partitions(connection: BaseDatabaseWrapper, table: str) -> set[str]:
    return {
        name
        for (name,) in _rows(
            connection,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass",
            [table],
        )
    }


def _referencing(connection: BaseDatabaseWrapper, table: str) -> list[str]:
    return [
        f"{name} on {source}"
        for name, source in _rows(
            connection,
            "SELECT conname, conrelid::regclass::text FROM pg_constraint "
            "WHERE contype = 'f' AND confrelid = %s::regclass AND conrelid <> confrelid",
            [table],
        )
    ]


def _foreign_keys(connection: BaseDatabaseWrapper, table: str) -> list[tuple[str, str]]:
    return _rows(
        connection,
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
        [table],
    )


def _index_definitions(connection: BaseDatabaseWrapper, plan: TablePlan) -> list[str]:
    """The table's indexes to make again: all but the primary key and the unique rules kept aside."""
    kept_aside = {key_table.constraint for key_table in plan.key_tables}
    definitions = []
    for name, definition, is_primary, is_unique, columns in _rows(
        connection,
        "SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisprimary, i.indisunique, "
        "ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)) "
        "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass ORDER BY c.relname",
        [plan.table],
    ):
        if is_primary or name in kept_aside:
            continue
        if is_unique and plan.time_column not in columns:
            raise PartitioningError(
                f"Unique index {name} on {plan.table} lacks {plan.time_column} and has no key table in the plan."
            )
        definitions.append(definition)
    return definitions


def _months_with_rows(connection: BaseDatabaseWrapper, table: str, column: str) -> list[datetime.date]:
    return [
        moment.date()
        for (moment,) in _rows(
            connection,
            f"SELECT DISTINCT date_trunc('month', {sql.q(column)} AT TIME ZONE 'UTC') FROM {sql.q(table)} ORDER BY 1",  # nosec B608 # quoted names from the model
        )
    ]


def plan_work(
    connection: BaseDatabaseWrapper, plan: TablePlan, *, today: datetime.date, months_ahead: int
) -> TableWork:
    """The statements that bring one table to its partitioned shape, from this month to ``months_ahead``.

    A plain table is converted, with a partition for every month that has rows; a partitioned
    one gets the months it is missing, including any whose rows ended up in the default
    partition. Nothing to do gives no statements, so running again changes nothing.
    """
    this_month = sql.month_start(today)
    wanted = sql.months_between(this_month, sql.add_months(this_month, months_ahead))
    if not is_partitioned(connection, plan.table):
        if referencing := _referencing(connection, plan.table):
            raise PartitioningError(
                f"{plan.table} is referenced by {', '.join(referencing)}: it cannot be partitioned."
            )
        with_rows = _months_with_rows(connection, plan.table, plan.time_column)
        first = min([*with_rows, this_month])
        months = sorted({*sql.months_between(first, this_month), *wanted, *with_rows})
        statements = sql.convert_table(
            plan,
            months=months,
            index_definitions=_index_definitions(connection, plan),
            foreign_keys=_foreign_keys(connection, plan.table),
        )
        return TableWork(plan=plan, converting=True, statements=statements)
    have = existing_partitions(connection, plan.table)
    default = sql.default_partition_name(plan.table)
    stranded = _months_with_rows(connection, default, plan.time_column) if default in have else []
    statements = []
    for month in sorted({*wanted, *stranded}):
        if sql.partition_name(plan.table, month) in have:
            continue
        if month in stranded:
            statements += sql.move_out_of_default(plan, month)
        else:
            statements.append(sql.create_partition(plan, month))
    if default not in have:
        statements.append(f"CREATE TABLE {sql.q(default)} PARTITION OF {sql.q(plan.table)} DEFAULT")
    return TableWork(plan=plan, converting=False, statements=statements)
