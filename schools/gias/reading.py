"""Reading a GIAS extract: its bytes as CSV rows, and where the columns this import reads are."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

# The GIAS column names this import reads.
COLUMNS = {
    "urn": "URN",
    "la_code": "LA (code)",
    "la_name": "LA (name)",
    "establishment_number": "EstablishmentNumber",
    "name": "EstablishmentName",
    "establishment_type": "TypeOfEstablishment (name)",
    "status": "EstablishmentStatus (name)",
    "phase": "PhaseOfEducation (name)",
    "low_age": "StatutoryLowAge",
    "high_age": "StatutoryHighAge",
    "fsm": "PercentageFSM",
    "postcode": "Postcode",
    "district_code": "DistrictAdministrative (code)",
    "district_name": "DistrictAdministrative (name)",
    "urban_rural": "UrbanRural (name)",
}
REQUIRED_COLUMNS = ("urn", "la_code", "la_name", "name")

# Signatures of files people upload by mistake, for a clearer message than "missing columns".
BINARY_SIGNATURES = [
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zip file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel workbook (.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
]


class GiasFileError(ValueError):
    """The file as a whole cannot be imported (not a CSV, or required columns missing)."""


def check_gias_file(*, data: bytes) -> None:
    """Check that ``data`` is a CSV file with the GIAS columns this import needs.

    Raises GiasFileError with a message for the person who uploaded it. Parses only
    the header, so it is quick enough to run while a form is being submitted.
    """
    read_header(open_reader(data))


def open_reader(data: bytes) -> Iterator[list[str]]:
    """A csv reader over the decoded file, streaming (a 50 MB file is not copied as text)."""
    if not data.strip():
        raise GiasFileError("The file is empty.")
    for signature, description in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise GiasFileError(
                f"This is not a CSV file: it looks like {description}. Use the GIAS establishment "
                "extract as downloaded (a .csv file), or save the spreadsheet as CSV first."
            )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise GiasFileError(
            "The file is saved as UTF-16 text (Excel's 'Unicode Text'). Save it as 'CSV UTF-8' "
            "or upload the GIAS extract as downloaded."
        )
    if b"\x00" in data[:65536]:
        raise GiasFileError("This is not a CSV file: it contains binary data.")
    encoding, errors = ("utf-8-sig", "strict") if _is_utf8(data) else ("cp1252", "replace")
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors=errors, newline="")
    return csv.reader(text)


def _is_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8, checked in chunks to avoid a second copy of a big file."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    chunk = 1 << 20
    try:
        for start in range(0, len(view), chunk):
            decoder.decode(view[start : start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def read_header(reader: Iterator[list[str]]) -> dict[str, int]:
    """Map each of COLUMNS' keys to its position in the header, or raise GiasFileError."""
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise GiasFileError(f"The first row could not be read as CSV: {error}.") from error
    if header:
        # A UTF-8 byte order mark in a file that is otherwise not UTF-8 decodes as "ï»¿".
        header[0] = header[0].removeprefix("\ufeff").removeprefix("ï»¿")
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        # Case and spacing are forgiven; the first of two same-named columns wins.
        positions.setdefault(" ".join(cell.split()).casefold(), index)
    found = {key: positions[name.casefold()] for key, name in COLUMNS.items() if name.casefold() in positions}
    missing = [COLUMNS[key] for key in REQUIRED_COLUMNS if key not in found]
    if missing:
        message = (
            f"The file is missing {'a required column' if len(missing) == 1 else 'required columns'}: "
            f"{', '.join(missing)}. Is it the GIAS establishment extract (edubasealldata.csv)?"
        )
        if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            message += " Its columns are separated by semicolons or tabs; GIAS files use commas."
        raise GiasFileError(message)
    return found
