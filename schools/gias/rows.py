"""Cleaning a GIAS extract's rows: what each usable row says, and why the others cannot be used."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, cast

from django.db import models

from schools.gias.reading import GiasFileError, open_reader, read_header
from schools.models import District, LocalAuthority, School

MAX_URN = 2_147_483_647  # School.urn is a PositiveIntegerField.
# The full list is kept for the first rows; a broken file should not fill the job with 50,000 entries.
MAX_LISTED_PROBLEMS = 1000


@dataclass(frozen=True)
class GiasProblem:
    """A row that could not be used, or a note about the problem list itself (row None)."""

    row: int | None
    message: str
    urn: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "urn": self.urn, "message": self.message}

    def __str__(self) -> str:
        where = f"Row {self.row}" if self.row is not None else "Note"
        return f"{where}: {self.message}"


@dataclass
class GiasImportResult:
    """What an import did. See the :mod:`schools.gias` docstring for what each count means."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    filtered_out: int = 0
    problems: list[GiasProblem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        """Rows that are now schools in the database (new, changed or unchanged)."""
        return self.created + self.updated + self.unchanged


@dataclass(slots=True)
class GiasRow:
    """The fields of one usable row, cleaned."""

    number: int
    urn: int
    la_code: str
    la_name: str
    establishment_number: str
    name: str
    establishment_type: str
    phase: str
    low_age: int | None
    high_age: int | None
    status: str
    postcode: str
    district_code: str
    district_name: str
    fsm: Decimal | None
    urban_rural: str


def normalise_la_codes(codes: Iterable[str]) -> list[str]:
    """Clean a list of LA codes (``"886"``, ``" 887 "``) into sorted, distinct 3-digit strings.

    Raises ValueError naming any code that is not 3 digits. Used by the admin form
    and the management command, so both accept the same codes.
    """
    cleaned = {code.strip() for code in codes if code.strip()}
    bad = sorted(code for code in cleaned if not (len(code) == 3 and code.isascii() and code.isdigit()))
    if bad:
        raise ValueError(f"LA codes are 3 digits (Kent is 886, Medway 887); these are not: {', '.join(bad)}.")
    return sorted(cleaned)


def parse_rows(data: bytes, wanted: set[str], result: GiasImportResult) -> list[GiasRow]:
    """Read every row of the file into cleaned rows, recording problems in ``result``."""
    reader = open_reader(data)
    positions = read_header(reader)
    width = max(positions.values()) + 1
    rows: list[GiasRow] = []
    first_row_of_urn: dict[int, int] = {}
    number = 1
    try:
        for cells in reader:
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            values = {key: " ".join(cells[index].split()) for key, index in positions.items()}
            if wanted and values["la_code"] and values["la_code"] not in wanted:
                result.filtered_out += 1
                continue
            row = _clean(number, values, result)
            if row is None:
                continue
            if row.urn in first_row_of_urn:
                _skip(result, number, values["urn"], f"URN {row.urn} is also on row {first_row_of_urn[row.urn]}.")
                continue
            first_row_of_urn[row.urn] = number
            rows.append(row)
    except csv.Error as error:
        raise GiasFileError(f"Row {number} could not be read as CSV: {error}.") from error
    if result.skipped > MAX_LISTED_PROBLEMS:
        result.problems.append(
            GiasProblem(
                None,
                f"{result.skipped - MAX_LISTED_PROBLEMS} more rows could not be used; only the "
                f"first {MAX_LISTED_PROBLEMS} are listed.",
            )
        )
    return rows


def _skip(result: GiasImportResult, number: int, urn: str, message: str) -> None:
    result.skipped += 1
    if len(result.problems) < MAX_LISTED_PROBLEMS:
        result.problems.append(GiasProblem(number, message, urn))


def _clean(number: int, values: dict[str, str], result: GiasImportResult) -> GiasRow | None:
    """Turn one row's text into a GiasRow, or record why it cannot be used and return None."""
    raw_urn = values["urn"]
    if not raw_urn:
        _skip(result, number, "", "URN is missing.")
        return None
    if not (raw_urn.isascii() and raw_urn.isdigit()) or not 0 < int(raw_urn) <= MAX_URN:
        _skip(result, number, raw_urn, f"URN '{raw_urn}' is not a number.")
        return None
    if not values["name"]:
        _skip(result, number, raw_urn, "EstablishmentName is missing.")
        return None
    la_code = values["la_code"]
    if not la_code:
        _skip(result, number, raw_urn, "LA (code) is missing.")
        return None
    if len(la_code) > _max_length(LocalAuthority, "code"):
        _skip(result, number, raw_urn, f"LA (code) '{la_code}' is not an LA code.")
        return None
    district_code = values.get("district_code", "")
    if len(district_code) > _max_length(District, "code"):
        district_code = ""
    status = values.get("status", "")
    establishment_number = values.get("establishment_number", "")
    if not (establishment_number.isdigit() and len(establishment_number) <= 4):
        establishment_number = ""
    postcode = values.get("postcode", "").upper()
    return GiasRow(
        number=number,
        urn=int(raw_urn),
        la_code=la_code,
        la_name=_fit(LocalAuthority, "name", values["la_name"]),
        establishment_number=establishment_number,
        name=_fit(School, "name", values["name"]),
        establishment_type=_fit(School, "establishment_type", values.get("establishment_type", "")),
        phase=_fit(School, "phase", values.get("phase", "")),
        low_age=_age(values.get("low_age", "")),
        high_age=_age(values.get("high_age", "")),
        status=_fit(School, "status", status),
        # A postcode that does not fit is not a postcode; a truncated one would be wrong.
        postcode=postcode if len(postcode) <= 10 else "",
        district_code=district_code,
        district_name=_fit(District, "name", values.get("district_name", "")),
        fsm=_percentage(values.get("fsm", "")),
        urban_rural=_fit(School, "urban_rural", values.get("urban_rural", "")),
    )


def _max_length(model: type[models.Model], field_name: str) -> int:
    return cast(models.CharField, model._meta.get_field(field_name)).max_length or 0


def _fit(model: type[models.Model], field_name: str, value: str) -> str:
    """Cut descriptive text to the column's length (GIAS names and labels fit in practice)."""
    return value[: _max_length(model, field_name)]


def _age(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and int(value) < 100 else None


def _percentage(value: str) -> Decimal | None:
    """PercentageFSM as a Decimal with 2 places; None when blank, "SUPP" (suppressed) or not a number."""
    try:
        number = Decimal(value.rstrip("%"))
    except InvalidOperation:
        return None
    if not number.is_finite() or not 0 <= number <= 100:
        return None
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
