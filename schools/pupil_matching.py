"""Recognising pupils already on the system, without ever merging two children silently.

A row of an import is the same pupil as one already at the school *for certain* only when
a key the school's system gives each child says so: the UPN (compared by keyed hash), or,
for OneRoster files, the MIS's sourcedId (also hashed). A matching name and year group is
only a *possible* match: two children can share a name. Those rows are listed, with the
pupils they might be, and the person importing answers for each one "same pupil" or "new
pupil"; the import does not run until every one is answered.

Possible matches of a row:
- with a UPN that no pupil has: pupils of the same name and year group who have no UPN on
  record (a pupil with a different UPN is someone else). Answering "same pupil" records the
  UPN on that pupil, so the next file that carries it matches for certain.
- without a UPN: every pupil of the same name and year group, UPN or not.
Erased pupils are never matched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol, TypeVar

from schools.models import ClassMembership, Pupil, School
from schools.services.pupils import upn_digest

NEW = "new"
# Values per IN (...) lookup, and rows per INSERT: well inside SQLite's parameter limit.
LOOKUP_SIZE = 500
T = TypeVar("T")


class MatchableRow(Protocol):
    @property
    def row(self) -> int: ...

    @property
    def first_name(self) -> str: ...

    @property
    def last_name(self) -> str: ...

    @property
    def year_group(self) -> int: ...

    @property
    def upn(self) -> str: ...


def name_key(first_name: str, last_name: str, year_group: int) -> tuple[str, str, int]:
    """Names compared ignoring case and repeated spaces."""
    return (" ".join(first_name.split()).casefold(), " ".join(last_name.split()).casefold(), year_group)


@dataclass(frozen=True)
class Candidate:
    """A pupil already at the school whom a row might be: what a person needs to decide."""

    pk: int
    name: str
    year_group: int
    has_upn: bool
    classes: tuple[str, ...]
    added_on: str

    def describe(self) -> str:
        where = f"in {', '.join(self.classes)}" if self.classes else "in no class"
        upn = "UPN on record" if self.has_upn else "no UPN on record"
        return f"{self.name}, Year {self.year_group}, {where}, added {self.added_on}, {upn}"


@dataclass(frozen=True)
class PossibleMatch:
    """A row that may be a pupil already on the system: it needs an answer."""

    row: int
    name: str
    year_group: int
    has_upn: bool
    candidates: tuple[Candidate, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PossibleMatch:
        candidates = tuple(Candidate(**(dict(c) | {"classes": tuple(c["classes"])})) for c in data["candidates"])
        return cls(data["row"], data["name"], data["year_group"], data["has_upn"], candidates)

    @property
    def candidate_ids(self) -> set[int]:
        return {candidate.pk for candidate in self.candidates}


@dataclass
class Matching:
    """For each row in order: the pupil it is for certain (or None), and the possible matches."""

    certain: list[int | None]
    possible: list[PossibleMatch]

    @property
    def possible_rows(self) -> set[int]:
        return {match.row for match in self.possible}


def in_chunks(items: Sequence[T], size: int = LOOKUP_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _candidates(school: School, pupils: list[tuple[int, str, str, int, str, Any]]) -> dict[int, Candidate]:
    classes: dict[int, list[str]] = defaultdict(list)
    ids = [pupil[0] for pupil in pupils]
    for chunk in in_chunks(ids):
        memberships = (
            ClassMembership.objects.in_running_classes()
            .filter(pupil_id__in=chunk)
            .order_by("school_class__name")
            .values_list("pupil_id", "school_class__name")
        )
        for pupil_id, class_name in memberships:
            classes[pupil_id].append(class_name)
    return {
        pk: Candidate(
            pk=pk,
            name=f"{first} {last}".strip(),
            year_group=year,
            has_upn=bool(upn),
            classes=tuple(classes[pk]),
            added_on=f"{created:%-d %B %Y}",
        )
        for pk, first, last, year, upn, created in pupils
    }


def match_rows(*, school: School, rows: Sequence[MatchableRow], certain: Mapping[int, int] | None = None) -> Matching:
    """Find, for each row, the pupil it is for certain and the pupils it might be.

    ``certain`` maps row numbers to pupils already known to be them by another key (the
    OneRoster sourcedId); the UPN is checked here. A few queries for any number of rows.
    """
    known = dict(certain or {})
    digests = {row.row: upn_digest(school.pk, row.upn) for row in rows if row.upn and row.row not in known}
    by_upn: dict[str, int] = {}
    for chunk in in_chunks(sorted(set(digests.values()))):
        by_upn.update(Pupil.objects.filter(school=school, upn_digest__in=chunk).values_list("upn_digest", "pk"))
    for number, digest in digests.items():
        if digest in by_upn:
            known[number] = by_upn[digest]

    unmatched = [row for row in rows if row.row not in known]
    # A pupil that another row of the file is for certain is not that row's possible match.
    taken = set(known.values())
    by_name: dict[tuple[str, str, int], list[tuple[int, str, str, int, str, Any]]] = defaultdict(list)
    years = {row.year_group for row in unmatched}
    if years:
        pupils = (
            Pupil.objects.not_erased()
            .filter(school=school, year_group__in=years)
            .order_by("pk")
            .values_list("pk", "first_name", "last_name", "year_group", "upn_digest", "created_at")
        )
        for pupil in pupils:
            if pupil[0] in taken:
                continue
            by_name[name_key(pupil[1], pupil[2], pupil[3])].append(pupil)
    wanted: dict[int, list[tuple[int, str, str, int, str, Any]]] = {}
    for row in unmatched:
        found = by_name.get(name_key(row.first_name, row.last_name, row.year_group), [])
        if row.upn:
            found = [pupil for pupil in found if not pupil[4]]
        if found:
            wanted[row.row] = found
    described = _candidates(school, list({p[0]: p for found in wanted.values() for p in found}.values()))
    possible = [
        PossibleMatch(
            row=row.row,
            name=f"{row.first_name} {row.last_name}".strip(),
            year_group=row.year_group,
            has_upn=bool(row.upn),
            candidates=tuple(described[pupil[0]] for pupil in wanted[row.row]),
        )
        for row in rows
        if row.row in wanted
    ]
    return Matching(certain=[known.get(row.row) for row in rows], possible=possible)


def parse_answer(value: object) -> int | str | None:
    """An answer as posted or stored: "new", a pupil id, or None when it is neither."""
    if value == NEW:
        return NEW
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def answer_problems(possible: Sequence[PossibleMatch], answers: Mapping[str, object]) -> dict[int, str]:
    """What is wrong with the answers, by row: unanswered, not one of the row's pupils, or a
    pupil chosen for two rows. Empty when every possible match has a usable answer."""
    problems: dict[int, str] = {}
    chosen: dict[int, int] = {}
    for match in possible:
        answer = parse_answer(answers.get(str(match.row)))
        if answer is None:
            problems[match.row] = f"Row {match.row}: say whether {match.name} is the same pupil or a new pupil."
        elif answer != NEW and answer not in match.candidate_ids:
            problems[match.row] = (
                f"Row {match.row}: the pupil chosen for {match.name} is not one of the possible matches. "
                "Upload the file again."
            )
        elif isinstance(answer, int):
            if answer in chosen:
                problems[match.row] = (
                    f"Row {match.row}: {match.name} is answered as the same pupil as row {chosen[answer]}. "
                    "One pupil can only be one row: answer “new pupil” for one of them."
                )
            else:
                chosen[answer] = match.row
    return problems


def resolve(matching: Matching, rows: Sequence[MatchableRow], answers: Mapping[str, object]) -> list[int | None]:
    """The pupil each row is (None: create a new one), with the answers applied.

    The answers must have been checked with ``answer_problems`` against the same matching.
    """
    chosen = {match.row: parse_answer(answers.get(str(match.row))) for match in matching.possible}
    resolved: list[int | None] = []
    for row, pk in zip(rows, matching.certain, strict=True):
        answer = chosen.get(row.row)
        if pk is None and isinstance(answer, int):
            pk = answer
        resolved.append(pk)
    return resolved
