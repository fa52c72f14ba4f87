"""A roster's preview: the checked file, and which of its pupils are, or may be, already on the system."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schools.models import Gender, School
from schools.pupil_matching import Matching, PossibleMatch, match_rows
from schools.roster.parsing import parse_roster
from schools.roster.rows import RosterCheck

PREVIEW_ROWS = 200


@dataclass
class RosterPreview:
    """A checked file and, for each of its rows, the pupil already on the system for certain
    (or None), and the rows that may be pupils already on the system."""

    check: RosterCheck
    matching: Matching = field(default_factory=lambda: Matching([], []))

    @property
    def existing(self) -> list[int | None]:
        return self.matching.certain

    @property
    def possible(self) -> list[PossibleMatch]:
        return self.matching.possible

    @property
    def existing_count(self) -> int:
        return sum(1 for pk in self.existing if pk is not None)

    @property
    def new_count(self) -> int:
        """Rows that are no pupil on the system, not counting possible matches (yet to be answered)."""
        return len(self.existing) - self.existing_count - len(self.possible)

    def preview_rows(self, limit: int = PREVIEW_ROWS) -> list[dict[str, Any]]:
        """The first rows as stored for the preview page (no UPN: it is kept only hashed)."""
        possible = self.matching.possible_rows
        return [
            {
                "row": row.row,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "year_group": row.year_group,
                "gender": Gender(row.gender).label if row.gender else "",
                "existing": pk is not None,
                "possible": row.row in possible,
            }
            for row, pk in list(zip(self.check.rows, self.existing, strict=True))[:limit]
        ]


def preview_roster(
    *, school: School, content: bytes, on_progress: Callable[[int, int], None] | None = None
) -> RosterPreview:
    """Check a file and find which of its pupils are, or may be, already on the system. Writes nothing."""
    check = parse_roster(content, on_progress=on_progress)
    if not check.is_valid:
        return RosterPreview(check)
    return RosterPreview(check, match_rows(school=school, rows=check.rows))
