"""CSV export of the class progress grid, streamed row by row.

Its survey columns say only whether a pupil answered or skipped each survey, never what
they answered (see ``learning.sensitive_items`` for disclosure-sensitive items).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from .grid import Grid

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as text, with a leading quote if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def grid_header(grid: Grid) -> list[str]:
    header = ["Pupil", *(lesson.title for lesson in grid.lessons)]
    if grid.has_quiz:
        header += ["Quiz first score", "Quiz best score", "Passed"]
    if grid.has_surveys:
        header += ["Pre survey", "Post survey"]
    return [*header, "Status", "Completed on"]


def grid_rows(grid: Grid) -> Iterator[list[str]]:
    """The header, then one row per pupil, matching the grid on screen."""
    yield [safe_cell(cell) for cell in grid_header(grid)]
    for row in grid.rows:
        cells: list[object] = [row.pupil.display_name, *(cell.label for cell in row.lessons)]
        if grid.has_quiz:
            cells += [row.first_score, row.best_score, row.passed_cell.label]
        if grid.has_surveys:
            cells += [row.pre_survey_cell.label, row.post_survey_cell.label]
        completed = row.completed_at.date().isoformat() if row.completed_at else ""
        yield [safe_cell(cell) for cell in [*cells, row.status_cell.label, completed]]


class _Echo:
    """A file-like object whose write returns the text, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)
