"""Every figure the commissioner pages, their exports and the transparency page can show: one linked set.

A *cell* is one count a page can show, keyed by where and what it is about:
``(area kind, area, academic year, term, module, year group, gender)``, with ``ALL`` (0) for
"every year / term / module / year group" and ``EVERY_GENDER`` for both genders and more.

What is published (and so what is a cell), the rule behind each page:
- The county, each district, and the county narrowed by school phase and type of school
  (``PHASE``, ``TYPE``, ``PHASE_TYPE``): every filter (academic year, term, module, year group),
  each with its gender breakdown.
- The county's equity tables: each free school meals band and urban or rural (``FSM``,
  ``LOCALITY``), for every filter, without gender. These, and the phase and type filters, are
  published for the whole county only: a district page offers neither, which keeps the set of
  linked tables small enough to protect as one.
- Each school (named on the district page and its own page): its academic years and their
  terms. Module, year group and gender are not published below a district: they would mostly
  be about fewer than the threshold of pupils, and each would link the school's figures to the
  district's in one more way.

A cell with no pupil assigned at all is left out (shown as "no school took part"): which
schools, years, terms, modules and year groups a school taught is not about any pupil. A
gender with no pupils is kept (as a zero): that is about pupils.

*Lines* say what adds up: each area is the sum of its parts (the county of its districts, of
its phases, of its types and of its bands; a district of its schools; a phase of its phase and
type groups), every year the sum of the years, every term of the terms, and so on.

The primary rules (``reports.disclosure``): a count below the threshold, or from fewer than 3
schools above school level, is hidden; and a cell whose difference from any cell containing it
(a filter taken off, or a bigger area) is between 1 and the threshold less one is hidden, since
the difference would be a small group of its own. ``reports.disclosure_linked.protect`` then
hides what is needed so nothing hidden can be worked out (with ``reports.publication``'s time rule).

The progress cells also carry the attrition flow, the pairs left out and the baseline check's
groups (``reports.disclosure_flow``), linked within each cell; the comparison classes' pairs of each
outcome are tables shaped like a scale's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reports.disclosure import MIN_SCHOOLS
from reports.disclosure_flow import (
    BASELINE_FIELDS,
    DERIVED,
    FLOW_FIELDS,
    LEFT_OUT_FIELDS,
    RETENTION_FIELDS,
    derived_counts,
)
from reports.disclosure_linked import Line
from reports.rollup_bands import fsm_band, locality
from schools.models import Gender

ALL = 0
EVERY_GENDER = "*"
# (area kind, area, academic year, term, module, year group, gender)
CellKey = tuple
GENDERS = tuple(choice.value for choice in Gender)

COUNTY, DISTRICT, SCHOOL = "county", "district", "school"
PHASE, TYPE, PHASE_TYPE, FSM, LOCALITY = "phase", "type", "phase_type", "fsm", "locality"
NO_DISTRICT = "-"

# Uptake and knowledge counts: the name each page uses, and the rollup field it adds up.
PROGRESS_FIELDS = {
    "assigned": "pupils_assigned",
    "started": "pupils_started",
    "completed": "pupils_completed",
    "quiz_taken": "quiz_taken",
    "passed": "pupils_passed",
    "pairs": "knowledge_pairs",
    # Last, so the measures before it keep their places in rows read by position.
    "passed_after_practice": "pupils_passed_after_practice",
    # The attrition flow and the pairs left out (``reports.disclosure_flow``).
    **FLOW_FIELDS,
    **LEFT_OUT_FIELDS,
    **RETENTION_FIELDS,
    **BASELINE_FIELDS,
}
PROGRESS_MEASURES = tuple(PROGRESS_FIELDS)
# The progress table's measures: those read from the rollups, then those worked out from them.
TABLE_MEASURES = (*PROGRESS_MEASURES, *DERIVED)
# Which count decides whether a school takes part in a cell, for the 3-school rule: uptake counts take
# pupils assigned, the flow and the pairs left out their own count (as their tables always have), a difference
# or a sum worked out per school (the audit report counts its schools alike: ``disclosure_flow.schools_with_any``).
PARTICIPATION = {
    name: ("pairs" if name == "pairs" else "assigned" if name in PROGRESS_MEASURES[:7] else name)
    for name in TABLE_MEASURES
}
# A scale's pairs before and after the lessons, its alpha respondents, its pairs before and at follow-up.
SCALE_MEASURES = ("pairs", "alpha", "follow_up_pairs")
COMPARISON_MEASURES = ("pairs",)


def comparison_measure(outcome: str) -> str:
    """The measure name of the comparison classes' matched pairs of an outcome (``reports.comparison_models``)."""
    return f"comparison/{outcome}/pairs"


def scale_measure(survey_key: str, scale: str, name: str) -> str:
    """The measure name of a survey scale's matched pairs ("pairs"), alpha respondents ("alpha") or pairs
    before and at follow-up ("follow_up_pairs")."""
    return f"{survey_key}/{scale}/{name}"


@dataclass(frozen=True)
class SchoolInfo:
    """What the groupings need to know about a school."""

    district: str
    phase: str
    kind: str
    fsm: str
    locality: str

    @classmethod
    def of(
        cls, *, district_id: int | None, phase: str, kind: str, fsm_percent: Decimal | None, urban_rural: str
    ) -> SchoolInfo:
        return cls(
            district=NO_DISTRICT if district_id is None else str(district_id),
            phase=phase or "",
            kind=kind or "",
            fsm=fsm_band(fsm_percent).value,
            locality=locality(urban_rural).value,
        )

    def areas(self) -> list[tuple[str, str]]:
        """The areas above school level the school counts in, with every gender."""
        return [
            (COUNTY, ""),
            (DISTRICT, self.district),
            (PHASE, self.phase),
            (TYPE, self.kind),
            (PHASE_TYPE, f"{self.phase}|{self.kind}"),
        ]

    def bands(self) -> list[tuple[str, str]]:
        """The county's equity groups the school counts in (published without gender)."""
        return [(FSM, self.fsm), (LOCALITY, self.locality)]


def parent_areas(kind: str, value: str, schools: dict[str, SchoolInfo]) -> list[tuple[str, str]]:
    """The areas an area is one part of, each in its own partition (see the module docstring)."""
    if kind == SCHOOL:
        info = schools[value]
        return [
            (DISTRICT, info.district),
            (PHASE_TYPE, f"{info.phase}|{info.kind}"),
            (FSM, info.fsm),
            (LOCALITY, info.locality),
        ]
    if kind == PHASE_TYPE:
        phase, _, school_type = value.partition("|")
        return [(PHASE, phase), (TYPE, school_type)]
    if kind in (DISTRICT, PHASE, TYPE, FSM, LOCALITY):
        return [(COUNTY, "")]
    return []


@dataclass
class Table:
    """One family of measures over its cells: true counts and schools with a positive count."""

    measures: tuple[str, ...]
    values: dict[CellKey, list[int]] = field(default_factory=dict)
    schools: dict[CellKey, list[int]] = field(default_factory=dict)

    def add(self, key: CellKey, counts: list[int], schools: list[int] | None = None) -> None:
        found = self.values.get(key)
        if found is None:
            self.values[key] = list(counts)
            self.schools[key] = list(schools) if schools is not None else [0] * len(counts)
            return
        for n, count in enumerate(counts):
            found[n] += count
        if schools is not None:
            totals = self.schools[key]
            for n, count in enumerate(schools):
                totals[n] += count


def _combos(year: int, term: int, module: int, year_group: int, gender: str) -> Iterator[tuple]:
    for y in (year, ALL):
        for t in (term, ALL):
            for m in (module, ALL):
                for g in (year_group, ALL):
                    for sex in (gender, EVERY_GENDER):
                        yield y, t, m, g, sex


def school_cell(filters: tuple) -> bool:
    """Whether a school's figures are published for these filters (see the module docstring)."""
    _, _, module, year_group, gender = filters
    return module == ALL and year_group == ALL and gender == EVERY_GENDER


def progress_table(rows: Iterable[tuple], schools: dict[str, SchoolInfo]) -> Table:
    """The progress cells from rollup rows ``(school, year, term, module, year group, gender, *counts)``.

    Counts are in ``PROGRESS_MEASURES`` order; the table's are in ``TABLE_MEASURES`` order. A school
    counts towards a cell's school numbers when it has a positive count of that measure's
    ``PARTICIPATION`` count there.
    """
    per_school: dict[str, dict[tuple, list[int]]] = defaultdict(dict)
    for school, year, term, module, year_group, gender, *kept in rows:
        counts = [*kept, *derived_counts(PROGRESS_MEASURES, kept)]
        cells = per_school[str(school)]
        for combo in _combos(year, term, module, year_group, gender):
            found = cells.get(combo)
            if found is None:
                cells[combo] = list(counts)
            else:
                for n, count in enumerate(counts):
                    found[n] += count
    table = Table(TABLE_MEASURES)
    taking_part = [TABLE_MEASURES.index(PARTICIPATION[name]) for name in TABLE_MEASURES]
    for school, cells in per_school.items():
        info = schools[school]
        areas, bands = info.areas(), info.bands()
        for combo, counts in cells.items():
            if counts[0] == 0 and combo[-1] == EVERY_GENDER:
                continue
            present = [int(counts[n] > 0) for n in taking_part]
            if school_cell(combo):
                table.add((SCHOOL, school, *combo), counts)
            for area in areas:
                table.add((*area, *combo), counts, present)
            if combo[-1] == EVERY_GENDER:
                for band in bands:
                    table.add((*band, *combo), counts, present)
    _keep_taking_part(table)
    return table


def _keep_taking_part(table: Table) -> None:
    """Drop cells with no pupil assigned (with every gender), and give each kept one all its genders."""
    for key in [key for key in table.values if key[-1] == EVERY_GENDER and table.values[key][0] == 0]:
        del table.values[key], table.schools[key]
    for key in [key for key in table.values if key[-1] != EVERY_GENDER]:
        if (*key[:-1], EVERY_GENDER) not in table.values:
            del table.values[key], table.schools[key]
    size = len(table.measures)
    for key in [key for key in table.values if key[-1] == EVERY_GENDER]:
        if key[0] in (FSM, LOCALITY, SCHOOL):
            continue
        for gender in GENDERS:
            table.values.setdefault((*key[:-1], gender), [0] * size)
            table.schools.setdefault((*key[:-1], gender), [0] * size)


def scale_tables(
    rows: Iterable[tuple], schools: dict[str, SchoolInfo], measures: tuple[str, ...] = SCALE_MEASURES
) -> dict[tuple[str, str], Table]:
    """One table per survey scale from rows ``(survey key, scale, school, year, term, module, year group,
    pairs, alpha respondents, follow-up pairs)``: cells without gender (scale figures have no breakdown). The comparison
    classes' pairs of each outcome are tables of the same shape (``COMPARISON_MEASURES``)."""
    per_school: dict[tuple[str, str], dict[str, dict[tuple, list[int]]]] = defaultdict(lambda: defaultdict(dict))
    for survey_key, scale, school, year, term, module, year_group, *counts in rows:
        cells = per_school[survey_key, scale][str(school)]
        # Each combination once: with every gender, ``_combos`` names each twice.
        for combo in dict.fromkeys(_combos(year, term, module, year_group, EVERY_GENDER)):
            found = cells.setdefault(combo, [0] * len(measures))
            for n, count in enumerate(counts):
                found[n] += count
    tables = {}
    for name, by_school in sorted(per_school.items()):
        table = Table(measures)
        for school, cells in by_school.items():
            info = schools[school]
            for combo, counts in cells.items():
                present = [int(count > 0) for count in counts]
                if combo[1] == ALL and school_cell(combo):
                    table.add((SCHOOL, school, *combo), counts)
                for area in info.areas():
                    table.add((*area, *combo), counts, present)
        tables[name] = table
    return tables


def lines_of(keys: Iterable[CellKey], schools: dict[str, SchoolInfo]) -> list[Line]:
    """Every line among the cells: areas into their parts, and each filter and gender into its values."""
    present = set(keys)
    parts: dict[tuple, list[CellKey]] = defaultdict(list)
    for key in sorted(present, key=repr):
        kind, value, *rest = key
        for parent_kind, parent_value in parent_areas(kind, value, schools):
            parent = (parent_kind, parent_value, *rest)
            if parent in present:
                parts[parent, kind].append(key)
        for position in range(2, 7):
            everything = EVERY_GENDER if position == 6 else ALL
            if key[position] != everything:
                parent = (*key[:position], everything, *key[position + 1 :])
                if parent in present:
                    parts[parent, position].append(key)
    return [Line(total, tuple(found)) for (total, _), found in sorted(parts.items(), key=repr)]


def primary(table: Table, lines: list[Line], n: int, threshold: int) -> set[Hashable]:
    """The primary rules for measure ``n`` of ``table`` (see the module docstring)."""
    values: dict[Any, int] = {key: counts[n] for key, counts in table.values.items()}
    hidden: set[Any] = {
        key
        for key, value in values.items()
        if value < threshold or (key[0] != SCHOOL and table.schools[key][n] < MIN_SCHOOLS)
    }
    parents: dict[Hashable, list[Hashable]] = defaultdict(list)
    for line in lines:
        for part in line.parts:
            parents[part].append(line.total)
    ancestors: dict[Hashable, set[Hashable]] = {}

    def above(key: Hashable) -> set[Hashable]:
        found = ancestors.get(key)
        if found is None:
            found = set()
            for parent in parents.get(key, ()):
                found.add(parent)
                found |= above(parent)
            ancestors[key] = found
        return found

    for key, value in values.items():
        if key not in hidden and any(0 < values[other] - value < threshold for other in above(key)):
            hidden.add(key)
    return hidden
