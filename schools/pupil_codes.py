"""Class codes and pupils' personal login codes.

Codes use an alphabet with no look-alike characters (no 0/O, 1/I/L), so they
can be read aloud and copied from a card. Personal codes are stored only as a
keyed hash (HMAC-SHA256 with ``PUPIL_CODE_KEY``): the database alone cannot
reveal them, and a code can be found by its hash in one indexed lookup.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CLASS_CODE_LENGTH = 6
PUPIL_CODE_LENGTH = 6


def new_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(code: str) -> str:
    """What the pupil typed, as stored: upper case, without spaces or hyphens."""
    return "".join(code.split()).replace("-", "").upper()


def is_well_formed(code: str, length: int) -> bool:
    code = normalise(code)
    return len(code) == length and all(ch in ALPHABET for ch in code)


def code_digest(school_id: int, code: str) -> str:
    """The stored form of a pupil's personal code at one school."""
    return salted_hmac(
        "respect-online.pupil-login-code",
        f"{school_id}:{normalise(code)}",
        secret=settings.PUPIL_CODE_KEY,
        algorithm="sha256",
    ).hexdigest()


def format_for_card(code: str) -> str:
    """Codes are printed in pairs of three so they are easy to copy: ABC 234."""
    code = normalise(code)
    return f"{code[:3]} {code[3:]}"
