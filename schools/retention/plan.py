"""The dry run: what each retention period makes due now, per school. Reads only; changes nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils import timezone

from schools.models import School

from . import periods as kinds
from .due import DUE
from .periods import RetentionPeriod, retention_periods

NO_SCHOOL = "Not one school's"


@dataclass(frozen=True)
class SchoolCount:
    school_id: int | None
    name: str
    count: int


@dataclass(frozen=True)
class KindPlan:
    """One retention period and what it makes due: rows (pupils, for identities and records)."""

    period: RetentionPeriod
    cutoff: datetime.datetime
    schools: list[SchoolCount] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(entry.count for entry in self.schools)


@dataclass(frozen=True)
class RetentionPlan:
    now: datetime.datetime
    kinds: list[KindPlan]

    def kind(self, kind: str) -> KindPlan:
        for entry in self.kinds:
            if entry.period.kind == kind:
                return entry
        raise KeyError(kind)

    def totals(self) -> dict[str, int]:
        return {entry.period.kind: entry.total for entry in self.kinds}

    @property
    def is_empty(self) -> bool:
        return not any(self.totals().values())


def plan_retention(*, now: datetime.datetime | None = None) -> RetentionPlan:
    """Count what is due under every retention period at ``now``, per school, in one query per kind.

    A kind applied by another app's task (anonymous questions, exports) is counted too, so the
    report shows everything that is kept past its time, whoever deletes it.
    """
    now = now or timezone.now()
    counted: list[tuple[RetentionPeriod, datetime.datetime, dict[int | None, int]]] = []
    for period in retention_periods():
        due, school_path = DUE[period.kind]
        cutoff = period.cutoff(now)
        rows = due(now if period.kind == kinds.EXPORTS else cutoff)
        if school_path:
            per_school = {
                entry["school_ref"]: entry["n"]
                for entry in rows.order_by().values(school_ref=F(school_path)).annotate(n=Count("pk"))
            }
        else:
            total = rows.count()
            per_school = {None: total} if total else {}
        counted.append((period, cutoff, per_school))
    ids = {school_id for _, _, per_school in counted for school_id in per_school if school_id is not None}
    names = dict(School.objects.filter(pk__in=ids).values_list("pk", "name"))
    plans = [
        KindPlan(
            period=period,
            cutoff=cutoff,
            schools=sorted(
                (
                    SchoolCount(school_id, names.get(school_id, NO_SCHOOL) if school_id else NO_SCHOOL, count)
                    for school_id, count in per_school.items()
                ),
                key=lambda entry: (entry.school_id is None, entry.name, entry.school_id or 0),
            ),
        )
        for period, cutoff, per_school in counted
    ]
    return RetentionPlan(now=now, kinds=plans)
