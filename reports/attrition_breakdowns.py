"""The tables an attrition flow is broken down into: by district or school, free school meals band and gender.

Each is a ``Breakdown``: its words, its categories and the category of each group of pupils
(``reports.attrition.FlowGroup``). The county's breakdowns are built by ``county_breakdowns``
for every output of a county's flow (the dashboard, the audit report).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reports.rollup_bands import FsmBand
from schools.models import Gender

if TYPE_CHECKING:
    from reports.attrition import FlowGroup


@dataclass(frozen=True)
class Category:
    key: object
    label: str
    link: str = ""


@dataclass(frozen=True)
class Breakdown:
    """A table to build: its key and words, its categories, and the category of each group."""

    key: str
    caption: str
    heading: str
    categories: Sequence[Category]
    key_of: Callable[[FlowGroup], object]
    count_schools: bool
    # A category no school is in is known to be empty (a district, a band): left out, not hidden.
    known_zeros: bool = True

    def kept(self, groups: Sequence[FlowGroup]) -> list[Category]:
        present = {self.key_of(group) for group in groups}
        return [c for c in self.categories if not self.known_zeros or c.key in present]


def gender_breakdown(count_schools: bool) -> Breakdown:
    categories = [Category(choice.value, choice.label) for choice in Gender]
    return Breakdown(
        "gender",
        "by gender (as the school recorded it)",
        "Gender",
        categories,
        lambda g: g.gender,
        count_schools,
        known_zeros=False,
    )


def fsm_breakdown() -> Breakdown:
    categories = [Category(band.value, band.label) for band in FsmBand]
    return Breakdown(
        "fsm",
        "by the school's free school meals band",
        "Free school meals (school)",
        categories,
        lambda g: g.fsm_band,
        True,
    )


def place_breakdown(
    key: str,
    heading: str,
    places: Mapping[object, tuple[str, str]],
    key_of: Callable[[FlowGroup], object],
    *,
    count_schools: bool,
) -> Breakdown:
    """Districts or schools, in the order given: ``places`` maps each key to (name, link)."""
    categories = [Category(k, name, link) for k, (name, link) in places.items()]
    return Breakdown(key, f"by {heading.lower()}", heading, categories, key_of, count_schools)


def county_breakdowns(groups: Sequence[FlowGroup], districts: Mapping[int, tuple[str, str]]) -> list[Breakdown]:
    """The breakdowns of a flow pooling districts (the county dashboard, the audit report, the evaluator export).

    Every output of a county's flow is built from these, so each shows the same suppression pattern.
    ``districts`` maps a district's id to its (name, link); a district without one is named by neither.
    """
    present = {group.district_id for group in groups}
    places: dict[object, tuple[str, str]] = {
        pk: districts.get(pk, ("", "")) for pk in sorted(p for p in present if p is not None)
    }
    places = dict(sorted(places.items(), key=lambda item: item[1][0]))
    if None in present:
        places[None] = ("No district recorded", "")
    return [
        place_breakdown("districts", "District", places, lambda g: g.district_id, count_schools=True),
        fsm_breakdown(),
        gender_breakdown(True),
    ]
