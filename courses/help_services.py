"""Which help services a pupil is shown: only those for their age, never adults-only or perpetrator lines.

Each help service (``courses.blocks.HelpServiceBlock``) records who it is for: an audience
(pupils, or adults only), the ages it takes, gender and situation, its hours, channels and the
date its details must next be checked. The rule, in one place:

- **Pupils' screens** (lesson slides, projected or on a device; the help page; help after a
  survey) list a service only if it is for pupils and takes *every* pupil it may be shown to.
  A pupil's age is read from their year group, the youngest in it (year 7 pupils are 11 to 12),
  so a 16+ service is never shown to a year 11 class, some of whom are 15.
- **Teacher notes** (before you teach, the presenter view) list the services left off pupils'
  screens, with why: adults only, or the ages they take.

A service that does not say which ages it takes is taken to take any age.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

ADULTS = "adults"
PUPILS = "pupils"
# The youngest and oldest a pupil in year N can be during the school year.
AGE_AT_START_OF_YEAR_7 = 11


def ages_of_year_groups(first: int, last: int | None = None) -> tuple[int, int]:
    """The youngest and oldest age of pupils in these year groups (year 7: 11 to 12)."""
    last = first if last is None else last
    return first + AGE_AT_START_OF_YEAR_7 - 7, last + AGE_AT_START_OF_YEAR_7 - 6


def _age(service: Mapping[str, Any], key: str) -> int | None:
    value = service.get(key)
    return int(value) if value not in (None, "") else None


def for_pupils_aged(service: Mapping[str, Any], youngest: int, oldest: int) -> bool:
    """Whether every pupil from ``youngest`` to ``oldest`` may be shown the service."""
    if service.get("audience") == ADULTS:
        return False
    low, high = _age(service, "min_age"), _age(service, "max_age")
    return (low is None or low <= youngest) and (high is None or high >= oldest)


def pupil_services(services: Iterable[Mapping[str, Any]], youngest: int, oldest: int) -> list:
    return [service for service in services if for_pupils_aged(service, youngest, oldest)]


def age_range_label(service: Mapping[str, Any]) -> str:
    """ "Ages 16 and over", "Ages 13 to 18", "Under 19s", or "" when the service does not say."""
    low, high = _age(service, "min_age"), _age(service, "max_age")
    if low is not None and high is not None:
        return f"Ages {low} to {high}"
    if low is not None:
        return f"Ages {low} and over"
    if high is not None:
        return f"Under {high + 1}s"
    return ""


@dataclass(frozen=True)
class LeftOff:
    """A service kept off pupils' screens, and why, for the teacher's notes."""

    service: Mapping[str, Any]
    reason: str


def left_off_pupil_screens(services: Iterable[Mapping[str, Any]], youngest: int, oldest: int) -> list[LeftOff]:
    """The services not shown to these pupils, each once, with the reason in the teacher's words."""
    left: list[LeftOff] = []
    seen: set[str] = set()
    for service in services:
        name = str(service.get("name", "")).casefold()
        if name in seen or for_pupils_aged(service, youngest, oldest):
            continue
        seen.add(name)
        if service.get("audience") == ADULTS:
            reason = "For adults only"
        else:
            reason = f"{age_range_label(service)}: not every pupil aged {youngest} to {oldest} can use it"
        left.append(LeftOff(service, reason))
    return left
