"""Comparison (wait-list) classes in the rollups: kept out of the programme's rows, added up in their own.

A school's assignments are split by arm (``schools.models.Arm``). The programme's
go into ``ProgressRollup`` and ``ScaleRollup`` as before; a comparison class's
pupils are counted in no programme figure. Their matched pairs (the same totals,
read by the same functions, so the same rules decide what is a pair) become
``ComparisonRollup`` rows, one per rollup key and outcome.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from reports.comparison_models import KNOWLEDGE, ComparisonRollup, scale_outcome
from reports.rollup_scale_totals import ScaleTotals
from reports.rollup_sums import PairedSums
from reports.rollup_totals import AssignmentKey, ProgressTotals, RowKey, ScaleKey
from schools.models import Arm, Assignment

Assignments = tuple[dict[int, AssignmentKey], dict[int, list[int]]]


def split_arms(
    school_id: int, assignments: dict[int, AssignmentKey], by_class: dict[int, list[int]]
) -> tuple[Assignments, Assignments]:
    """The programme's and the comparison classes' assignments (each with its assignments by class). One query."""
    comparison = set(
        Assignment.objects.filter(school_class__school_id=school_id, arm=Arm.COMPARISON).values_list("pk", flat=True)
    )

    def part(keep) -> Assignments:
        return (
            {pk: key for pk, key in assignments.items() if keep(pk)},
            {class_id: [pk for pk in pks if keep(pk)] for class_id, pks in by_class.items()},
        )

    return part(lambda pk: pk not in comparison), part(lambda pk: pk in comparison)


def comparison_rows(
    school_id: int,
    progress: dict[RowKey, ProgressTotals],
    scales: dict[ScaleKey, ScaleTotals],
    now: datetime.datetime,
) -> Iterator[ComparisonRollup]:
    """One row per rollup key and outcome with any pairs: the quiz, then each survey scale."""
    for key, totals in sorted(progress.items()):
        if totals.knowledge.n:
            yield _row(school_id, key, KNOWLEDGE, totals.knowledge, now)
    for (*row_key, survey_key, scale), scale_totals in sorted(scales.items()):
        if scale_totals.change.n:
            yield _row(school_id, tuple(row_key), scale_outcome(survey_key, scale), scale_totals.change, now)


def _row(school_id: int, key: tuple, outcome: str, sums: PairedSums, now: datetime.datetime) -> ComparisonRollup:
    academic_year, term, year_group, module_id, gender = key
    return ComparisonRollup(
        school_id=school_id,
        academic_year=academic_year,
        term=term,
        year_group=year_group,
        module_id=module_id,
        gender=gender,
        refreshed_at=now,
        outcome=outcome,
        **sums.as_fields(),
    )
