"""A roster's checked rows and problems, and the checks that CSV files and OneRoster exports share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from schools.pupil_matching import name_key

MAX_NAME_LENGTH = 60
YEAR = re.compile(r"(?:y|yr|year)?\s*(\d{1,2})", re.IGNORECASE)
# A permanent UPN is a check letter and 12 digits; a temporary one ends in a letter.
UPN = re.compile(r"[A-Z]\d{12}|[A-Z]\d{11}[A-Z]")


@dataclass(frozen=True)
class RosterProblem:
    """One problem: ``row`` is None for a problem with the whole file."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RosterRow:
    """One pupil as read from the file, names tidied but their case kept."""

    row: int
    first_name: str
    last_name: str
    year_group: int
    gender: str
    upn: str = field(default="", repr=False)

    @property
    def name_key(self) -> tuple[str, str, int]:
        return name_key(self.first_name, self.last_name, self.year_group)


@dataclass
class RosterCheck:
    """The verdict on a file: valid only with no problems at all."""

    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RosterProblem] = field(default_factory=list)
    total_rows: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def rows_with_errors(self) -> int:
        return len({problem.row for problem in self.errors if problem.row is not None})


def clean_name(raw: str, what: str, add: Callable[[str], None]) -> str:
    """A name with its spaces tidied, or "" after passing its problem to ``add``."""
    value = raw.strip()
    if not value:
        add(f"The {what} is missing.")
    elif any(unicodedata.category(ch) == "Cc" for ch in value):
        add(f"The {what} contains a hidden control character, such as a line break. Type it again.")
    elif any(ch.isdigit() for ch in value):
        add(f"The {what} contains a number. Names cannot contain numbers.")
    else:
        value = " ".join(value.split())
        if len(value) > MAX_NAME_LENGTH:
            add(f"The {what} is longer than {MAX_NAME_LENGTH} characters.")
        return value
    return ""
