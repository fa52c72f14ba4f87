"""Each pupil's lesson states, kept on their summary row so the class grid reads one row per pupil.

A class report of a thousand pupils and two hundred lessons would otherwise read two hundred
thousand lesson rows. The summary (``ModuleProgress``) is recomputed from the pupil's lesson
rows after every event, under its lock (``learning.services.progress``), so it also keeps one
character per lesson of the module, in the module's order: ``0`` not started, ``1`` started,
``2`` done, ``3`` taught in class. The characters follow a signature of the lessons they were
written for; once the module's lessons change (one published, moved or taken away), the
signature no longer matches and the grid reads that pupil's lesson rows instead, until their
next event writes the summary again.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import datetime

NOT_STARTED, STARTED, DONE, TAUGHT = "0", "1", "2", "3"
SEPARATOR = ":"


def lessons_signature(lesson_ids: Iterable[int]) -> str:
    """A short fingerprint of the module's lessons in order."""
    return f"{zlib.crc32(','.join(str(pk) for pk in lesson_ids).encode()):08x}"


def lesson_state(completed_at: datetime | None, taught_in_class: bool) -> str:
    """The state of a lesson the pupil has a row for."""
    if completed_at is None:
        return STARTED
    return TAUGHT if taught_in_class else DONE


def encode(lesson_ids: list[int], rows: Iterable[tuple[int, datetime | None, bool]]) -> str:
    """The kept value for the module's lessons (in order) and the pupil's rows of
    (lesson id, completed at, taught in class)."""
    states = {lesson_id: lesson_state(completed_at, taught) for lesson_id, completed_at, taught in rows}
    return lessons_signature(lesson_ids) + SEPARATOR + "".join(states.get(pk, NOT_STARTED) for pk in lesson_ids)


def decode(kept: str, signature: str) -> str | None:
    """The states (one character per lesson) if ``kept`` was written for these lessons, else None."""
    head, separator, states = kept.partition(SEPARATOR)
    return states if separator and head == signature else None
