"""Querysets whose SQL is built once and run again with other values.

Django builds a queryset's SQL afresh each time it runs: resolving the lookups, joins and
columns costs about a millisecond for a query with a few joins, several times what PostgreSQL
takes to answer it. The reads that every pupil request makes (who the pupil is, the assignment,
their place in a lesson) and a quiz submission's reads are written once as querysets, the one
place their rules are kept; ``PreparedQuery`` compiles each once per database, with a marker in
place of every value that changes between calls, and then runs that SQL with each call's values,
making what the queryset itself would have made: model instances (``select_related`` included),
or the tuples or values of ``values_list``.

What ``build`` may do: take every value that changes between calls as a named argument (and
never read one inside, such as today's date); produce SQL whose shape does not depend on those
values (no ``None``, which becomes ``IS NULL``; no lists for ``__in``). Each named argument must
reach the SQL unchanged (checked when it is compiled). ``prefetch_related`` and ``values()``
dicts are not supported (refused when compiled).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable, get_related_populators
from django.db.transaction import TransactionManagementError

M = TypeVar("M", bound=Model)

# Marker values: in range for any integer column, and equal to nothing a query holds as a constant.
_MARKER_BASE = 2_000_000_000


def _marker(kind: type, number: int) -> Any:
    if kind is int:
        return _MARKER_BASE + number
    if kind is str:
        return f"\x00prepared-query-marker-{number}"
    if kind is date:
        return date(1901, 1, 1 + number)
    if kind is datetime:
        return datetime(1901, 1, 1 + number, 1, 2, 3, tzinfo=UTC)
    if kind is uuid.UUID:
        return uuid.UUID(int=_MARKER_BASE + number)
    raise TypeError(f"PreparedQuery values may be int, str, date, datetime or UUID, not {kind.__name__}.")


def _adapter(kind: type, connection: Any) -> Callable[[Any], Any]:
    """How a value of ``kind`` reaches this database's SQL, as the field would send it."""
    if kind is date:
        return connection.ops.adapt_datefield_value
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value
    if kind is uuid.UUID and not connection.features.has_native_uuid_field:
        return lambda value: value.hex
    return lambda value: value


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # For each parameter of the SQL: the name of the value it takes, or None for a constant.
    slots: tuple[str | None, ...]
    constants: tuple[Any, ...]
    adapters: dict[str, Callable[[Any], Any]]
    compiler: Any
    shape: str  # "models", "rows" or "flat"
    model_fields: tuple[int, int]
    init_list: tuple[str, ...]
    related_populators: tuple[Any, ...]
    annotation_col_map: dict[str, int]
    for_update: bool
    # Django's converters of the columns that need converting from what the driver gives (dates
    # on SQLite, JSON...), worked out once; rows that need none are handed back as the driver made them.
    converters: dict[int, Any]
    composite: bool


class PreparedQuery(Generic[M]):
    """``build(**values)``'s SQL, compiled once per database; ``run(**values)`` lists its results.

    ``kinds`` names each value ``build`` takes and its type (int, str, date, datetime, UUID).
    """

    def __init__(self, build: Callable[..., QuerySet[M, Any]], **kinds: type) -> None:
        self.build = build
        self.kinds = kinds
        self.markers = {name: _marker(kind, number) for number, (name, kind) in enumerate(kinds.items())}
        self._template: QuerySet[M, Any] | None = None
        self._compiled: dict[str, _Compiled] = {}

    def _queryset(self) -> QuerySet[M, Any]:
        if self._template is None:
            self._template = self.build(**self.markers)
        return self._template

    def _compile(self, alias: str) -> _Compiled:
        queryset = self._queryset()
        shapes: dict[type, str] = {ModelIterable: "models", ValuesListIterable: "rows", FlatValuesListIterable: "flat"}
        shape = shapes.get(queryset._iterable_class)
        if shape is None or queryset._prefetch_related_lookups or queryset._known_related_objects:  # type: ignore[attr-defined]
            raise ValueError("PreparedQuery supports querysets of models or values_list, without prefetch_related.")
        connection = connections[alias]
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        adapters = {name: _adapter(kind, connection) for name, kind in self.kinds.items()}
        sent = {name: adapters[name](marker) for name, marker in self.markers.items()}
        slots: list[str | None] = []
        for param in params:
            names = [name for name, value in sent.items() if type(param) is type(value) and param == value]
            slots.append(names[0] if names else None)
        unused = set(self.markers) - set(slots)
        if unused:
            raise ValueError(f"PreparedQuery: {sorted(unused)} did not reach the SQL unchanged.")
        select, klass_info = compiler.select, compiler.klass_info
        columns = [column[0] for column in select[: compiler.col_count]]
        model_fields = (0, 0)
        init_list: tuple[str, ...] = ()
        populators: tuple[Any, ...] = ()
        if shape == "models":
            fields = klass_info["select_fields"]
            model_fields = (fields[0], fields[-1] + 1)
            init_list = tuple(column[0].target.attname for column in select[model_fields[0] : model_fields[1]])
            # (The type stubs describe a newer Django, whose signature differs.)
            populators = tuple(get_related_populators(klass_info, select, alias))  # type: ignore[call-arg]
        return _Compiled(
            sql=sql,
            slots=tuple(slots),
            constants=tuple(params),
            adapters=adapters,
            compiler=compiler,
            shape=shape,
            model_fields=model_fields,
            init_list=init_list,
            related_populators=populators,
            annotation_col_map=dict(compiler.annotation_col_map or {}),
            for_update=bool(queryset.query.select_for_update),
            converters=compiler.get_converters(columns),
            composite=compiler.has_composite_fields(columns),
        )

    def run(self, **values: Any) -> list[Any]:
        """What listing ``build(**values)`` would give, from the SQL compiled once."""
        if values.keys() != self.kinds.keys():
            raise TypeError(f"PreparedQuery takes {sorted(self.kinds)}, not {sorted(values)}.")
        if any(value is None for value in values.values()):
            raise ValueError("PreparedQuery values cannot be None (the SQL would need IS NULL).")
        alias = self._queryset().db
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._compile(alias)
        connection = connections[alias]
        if compiled.for_update and connection.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        params = [
            constant if name is None else compiled.adapters[name](values[name])
            for name, constant in zip(compiled.slots, compiled.constants, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        compiler = compiled.compiler
        if compiler.has_extra_select:
            fetched = [row[: compiler.col_count] for row in fetched]
        if compiled.composite:
            rows: Any = compiler.results_iter([fetched], tuple_expected=compiled.shape == "rows")
        elif compiled.converters:
            rows = compiler.apply_converters(fetched, compiled.converters)
        elif compiled.shape == "rows":
            return [tuple(row) for row in fetched] if fetched and not isinstance(fetched[0], tuple) else fetched
        else:
            rows = fetched
        if compiled.shape == "rows":
            return [tuple(row) for row in rows]
        if compiled.shape == "flat":
            return [row[0] for row in rows]
        return [self._instance(compiled, alias, row) for row in rows]

    @staticmethod
    def _instance(compiled: _Compiled, alias: str, row: Any) -> Model:
        model = compiled.compiler.klass_info["model"]
        start, end = compiled.model_fields
        instance = model.from_db(alias, compiled.init_list, row[start:end])
        for populator in compiled.related_populators:
            populator.populate(row, instance)
        for name, position in compiled.annotation_col_map.items():
            setattr(instance, name, row[position])
        return instance

    def first(self, **values: Any) -> Any:
        """The first result, or None (``build`` slices the queryset when it should stop at one)."""
        found = self.run(**values)
        return found[0] if found else None
