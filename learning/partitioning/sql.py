"""The SQL statements of partitioning, as plain strings (nothing here touches the database).

Only identifiers from the models' metadata (quoted by ``q``) and dates the code computes go into
these statements, never a value from a request: the ``nosec B608`` marks say so to bandit.
"""

from __future__ import annotations

import datetime

from .plans import KeyTable, TablePlan


def q(name: str) -> str:
    """A quoted identifier."""
    return '"' + name.replace('"', '""') + '"'


def month_start(moment: datetime.datetime | datetime.date) -> datetime.date:
    return datetime.date(moment.year, moment.month, 1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every month from ``first`` to ``last``, both included."""
    months = []
    month = month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def partition_name(table: str, month: datetime.date) -> str:
    return f"{table}_p{month.year:04d}_{month.month:02d}"


def default_partition_name(table: str) -> str:
    return f"{table}_default"


def brin_index_name(plan: TablePlan) -> str:
    return f"{plan.table}_{plan.time_column}_brin"


def _bound(month: datetime.date) -> str:
    # Bounds in UTC, whatever the session's time zone.
    return f"'{month:%Y-%m-%d} 00:00:00+00'"


def _range(plan: TablePlan, month: datetime.date) -> str:
    column = q(plan.time_column)
    return f"{column} >= {_bound(month)} AND {column} < {_bound(add_months(month, 1))}"


def create_partition(plan: TablePlan, month: datetime.date, *, parent: str | None = None) -> str:
    return (
        f"CREATE TABLE {q(partition_name(plan.table, month))} PARTITION OF {q(parent or plan.table)} "
        f"FOR VALUES FROM ({_bound(month)}) TO ({_bound(add_months(month, 1))})"
    )


def move_out_of_default(plan: TablePlan, month: datetime.date) -> list[str]:
    """Make a month's partition when the default partition already holds rows of that month.

    PostgreSQL refuses a new partition whose rows sit in the default one, so they are set
    aside, the partition made, and the rows put back through the parent (the key-table
    triggers see a delete and an insert of the same key).
    """
    default = q(default_partition_name(plan.table))
    held = q(f"{plan.table}_moving")
    return [
        f"CREATE TEMPORARY TABLE {held} ON COMMIT DROP AS SELECT * FROM {default} WHERE {_range(plan, month)}",  # nosec B608
        f"DELETE FROM {default} WHERE {_range(plan, month)}",  # nosec B608
        create_partition(plan, month),
        f"INSERT INTO {q(plan.table)} OVERRIDING SYSTEM VALUE SELECT * FROM {held}",  # nosec B608
        f"DROP TABLE {held}",
    ]


def convert_table(
    plan: TablePlan,
    *,
    months: list[datetime.date],
    index_definitions: list[str],
    foreign_keys: list[tuple[str, str]],
) -> list[str]:
    """Replace a plain table by a partitioned one with the same name, columns, rows and indexes.

    ``index_definitions`` are the table's own ``CREATE INDEX`` statements to run again (not
    the primary key nor unique rules without the time column); ``foreign_keys`` are
    (name, definition) pairs of its constraints pointing out.
    """
    table, new = q(plan.table), q(f"{plan.table}_new")
    statements = [
        f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE",
        f"CREATE TABLE {new} (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS "
        f"INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE ({q(plan.time_column)})",
        f"ALTER TABLE {new} ADD CONSTRAINT {q(plan.table + '_new_pkey')} "
        f"PRIMARY KEY ({q(plan.pk_column)}, {q(plan.time_column)})",
    ]
    statements += [create_partition(plan, month, parent=f"{plan.table}_new") for month in months]
    statements += [
        f"CREATE TABLE {q(default_partition_name(plan.table))} PARTITION OF {new} DEFAULT",
        f"INSERT INTO {new} OVERRIDING SYSTEM VALUE SELECT * FROM {table}",  # nosec B608
        # The new identity sequence carries on after the highest id copied.
        f"SELECT setval(pg_get_serial_sequence('{plan.table}_new', '{plan.pk_column}'), "  # nosec B608
        f"COALESCE((SELECT max({q(plan.pk_column)}) FROM {new}), 0) + 1, false)",
        f"DROP TABLE {table}",
        f"ALTER TABLE {new} RENAME TO {table}",
        f"ALTER TABLE {table} RENAME CONSTRAINT {q(plan.table + '_new_pkey')} TO {q(plan.table + '_pkey')}",
        f"ALTER SEQUENCE IF EXISTS {q(plan.table + '_new_' + plan.pk_column + '_seq')} "
        f"RENAME TO {q(plan.table + '_' + plan.pk_column + '_seq')}",
    ]
    statements += [f"ALTER TABLE {table} ADD CONSTRAINT {q(name)} {definition}" for name, definition in foreign_keys]
    statements += index_definitions
    statements.append(f"CREATE INDEX {q(brin_index_name(plan))} ON {table} USING brin ({q(plan.time_column)})")
    for key_table in plan.key_tables:
        statements += keep_unique_rule(plan, key_table)
    return statements


def keep_unique_rule(plan: TablePlan, key_table: KeyTable) -> list[str]:
    """A key table holding each key once, kept in step by triggers, and a plain index for lookups.

    An insert whose key is already there fails with a unique violation on a constraint of the
    rule's own name, inside the same statement: to Django it is the IntegrityError it had.
    """
    table, keys = q(plan.table), q(key_table.table)
    columns = ", ".join(q(column) for column in key_table.columns)
    function = q(f"{key_table.table}_sync")
    matches_old = " AND ".join(f"{q(c)} = OLD.{q(c)}" for c in key_table.columns)
    new_values = ", ".join(f"NEW.{q(c)}" for c in key_table.columns)
    return [
        f"CREATE INDEX {q(key_table.constraint + '_idx')} ON {table} ({columns})",
        f"CREATE TABLE {keys} AS SELECT {columns} FROM {table}",  # nosec B608
        f"ALTER TABLE {keys} ADD CONSTRAINT {q(key_table.constraint)} PRIMARY KEY ({columns})",
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $body$"  # nosec B608
        f"""
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE {keys};
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM {keys} WHERE {matches_old};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO {keys} ({columns}) VALUES ({new_values});
    END IF;
    RETURN NULL;
END
$body$""",
        f"CREATE TRIGGER {q(key_table.table + '_rows')} AFTER INSERT OR DELETE OR UPDATE OF {columns} "
        f"ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {q(key_table.table + '_truncate')} AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]
