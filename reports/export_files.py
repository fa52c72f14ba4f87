"""Writing export tables to a file in constant memory: CSV files in a zip, or an XLSX workbook.

An export is a list of ``Sheet``s, each a header and an iterator of rows. Rows
are written one at a time as the iterator yields them, so memory does not grow
with the size of the export: the zip entries are streamed through a text
wrapper, and openpyxl's write-only workbook spools each sheet to disk.

Every text cell is made formula-safe (``learning.exports.safe_cell``); numbers
and booleans are written as they are. A sheet longer than an XLSX sheet can
hold continues on "<name> 2", "<name> 3"... with the header repeated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook

from learning.exports import safe_cell

# An XLSX sheet holds 1,048,576 rows, the header included.
XLSX_MAX_ROWS = 1_048_576
# Sheet names: at most 31 characters in Excel.
SHEET_NAME_LENGTH = 31

Progress = Callable[[int], None]


@dataclass
class Sheet:
    """One table of an export: a sheet of the workbook, or one CSV file of the zip."""

    title: str
    filename: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]
    counts_for_progress: bool = False


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return safe_cell(value)


def _xlsx_cell(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    return safe_cell(value)


def write_csv_zip(path: str, sheets: Iterable[Sheet], progress: Progress | None = None) -> int:
    """Write each sheet as a UTF-8 CSV file in a zip at ``path``. Returns the rows written (progress sheets)."""
    counted = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            with archive.open(sheet.filename, "w", force_zip64=True) as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                writer = csv.writer(text)
                writer.writerow([_csv_cell(cell) for cell in sheet.header])
                for row in sheet.rows:
                    writer.writerow([_csv_cell(cell) for cell in row])
                    if sheet.counts_for_progress:
                        counted += 1
                        if progress is not None:
                            progress(counted)
                text.flush()
                text.detach()
    return counted


def write_xlsx(
    path: str, sheets: Iterable[Sheet], progress: Progress | None = None, max_rows: int = XLSX_MAX_ROWS
) -> int:
    """Write each sheet to a write-only XLSX workbook at ``path``. Returns the rows written (progress sheets)."""
    workbook = Workbook(write_only=True)
    counted = 0
    for sheet in sheets:
        part = 1
        worksheet = workbook.create_sheet(sheet.title[:SHEET_NAME_LENGTH])
        header = [_xlsx_cell(cell) for cell in sheet.header]
        worksheet.append(header)
        used = 1
        for row in sheet.rows:
            if used >= max_rows:
                part += 1
                suffix = f" {part}"
                worksheet = workbook.create_sheet(sheet.title[: SHEET_NAME_LENGTH - len(suffix)] + suffix)
                worksheet.append(header)
                used = 1
            worksheet.append([_xlsx_cell(cell) for cell in row])
            used += 1
            if sheet.counts_for_progress:
                counted += 1
                if progress is not None:
                    progress(counted)
    workbook.save(path)
    return counted


def write_export_file(path: str, fmt: str, sheets: Iterable[Sheet], progress: Progress | None = None) -> int:
    """Write ``sheets`` to ``path`` as ``fmt`` ("csv": a zip of CSV files; "xlsx": a workbook)."""
    if fmt == "csv":
        return write_csv_zip(path, sheets, progress)
    if fmt == "xlsx":
        return write_xlsx(path, sheets, progress)
    raise ValueError(f"Unknown export format {fmt!r}.")
