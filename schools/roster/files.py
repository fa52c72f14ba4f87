"""The uploaded roster file as a whole: its size, what kind of file it is, and its character encoding."""

from __future__ import annotations

import codecs

MAX_FILE_BYTES = 2 * 1024 * 1024

SAVE_AS_CSV = "Save it as CSV (comma delimited) and upload that."
# Files people upload by mistake, recognised by their first bytes.
SIGNATURES = (
    (b"PK\x03\x04", f"This looks like an Excel file (.xlsx). {SAVE_AS_CSV}"),
    (b"\xd0\xcf\x11\xe0", f"This looks like an Excel 97-2003 file (.xls). {SAVE_AS_CSV}"),
    (b"%PDF", "This is a PDF, not a CSV file. Export the pupil list from your school's system as CSV."),
    (b"\x89PNG", "This is a PNG image, not a CSV file. Export the pupil list from your school's system as CSV."),
    (b"\xff\xd8\xff", "This is a JPEG image, not a CSV file. Export the pupil list from your school's system as CSV."),
    (b"GIF8", "This is a GIF image, not a CSV file. Export the pupil list from your school's system as CSV."),
)
BINARY = f"This is not a CSV file: it contains binary data. {SAVE_AS_CSV}"
UNREADABLE = "We could not read the characters in this file. Save it as CSV UTF-8 and upload that."
EMPTY = "The file is empty."
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class RosterFileError(Exception):
    """The file as a whole cannot be read as a roster."""


def file_problem(content: bytes) -> str | None:
    """Why these bytes cannot be a roster CSV at all (size, emptiness, binary), or None.

    Judged by content, never by the file name.
    """
    if len(content) > MAX_FILE_BYTES:
        return f"The file is {len(content) / 1024 / 1024:.1f} MB. The largest file you can upload is 2 MB."
    if not content.strip():
        return EMPTY
    for signature, message in SIGNATURES:
        if content.startswith(signature):
            return message
    if b"\x00" in content and not content.startswith(UTF16_BOMS):
        return BINARY
    return None


def decode_roster(content: bytes) -> str:
    """The file's text: UTF-16 (by its BOM), UTF-8 with or without a BOM, else Windows-1252."""
    problem = file_problem(content)
    if problem:
        raise RosterFileError(problem)
    encodings = ["utf-16"] if content.startswith(UTF16_BOMS) else ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise RosterFileError(EMPTY)
        if "\x00" in text:
            raise RosterFileError(BINARY)
        return text
    raise RosterFileError(UNREADABLE)
