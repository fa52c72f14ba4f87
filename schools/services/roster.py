"""Roster import jobs: store an upload, check it in the background, then apply it all-or-nothing.

Reading and checking a file is in :mod:`schools.roster` (a CSV) and :mod:`schools.oneroster`
(a OneRoster export); this module keeps the job's state in the database and writes pupils.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from schools.models import (
    AuditAction,
    ClassMembership,
    ImportStatus,
    Pupil,
    RosterFormat,
    RosterImport,
    School,
    SchoolClass,
)
from schools.oneroster.preview import OneRosterPreview, preview_oneroster
from schools.pupil_codes import PUPIL_CODE_LENGTH, code_digest, new_code
from schools.pupil_matching import LOOKUP_SIZE, NEW, PossibleMatch, answer_problems, in_chunks, resolve
from schools.roster.preview import RosterPreview, preview_roster
from schools.roster.rows import RosterCheck, RosterProblem, RosterRow
from schools.services.audit import record_audit
from schools.services.oneroster import place_in_classes, summarise
from schools.services.pupils import upn_digest

BATCH_SIZE = 1000

CODE_ATTEMPTS = 10


def start_roster_import(
    *,
    school: School,
    school_class: SchoolClass | None,
    uploaded_by: User | None,
    filename: str,
    content: bytes,
    format: RosterFormat = RosterFormat.CLASS_LIST,
) -> RosterImport:
    """Store an uploaded file (a class list, or a whole school's OneRoster export), waiting to
    be checked. The caller queues the check after commit."""
    if school_class is not None and school_class.school_id != school.pk:
        raise ValueError("The class belongs to another school.")
    if format == RosterFormat.ONEROSTER and school_class is not None:
        raise ValueError("A OneRoster export is for the whole school, not one class.")
    return RosterImport.objects.create(
        school=school,
        school_class=school_class,
        uploaded_by=uploaded_by,
        filename=filename[:255],
        format=format,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _store_invalid(roster_import: RosterImport, check: RosterCheck) -> None:
    """A rejected file is never imported, so its bytes are not kept."""
    roster_import.status = ImportStatus.INVALID
    roster_import.errors = [problem.as_dict() for problem in check.errors]
    roster_import.preview = []
    roster_import.possible_matches = []
    roster_import.answers = {}
    roster_import.total_rows = check.total_rows
    roster_import.processed_rows = check.total_rows
    roster_import.content = b""
    roster_import.finished_at = timezone.now()


def _preview(roster_import: RosterImport, on_progress: Callable[[int, int], None] | None = None) -> RosterPreview:
    """The file checked again against the pupils now at the school, by its format."""
    content = bytes(roster_import.content)
    if roster_import.format == RosterFormat.ONEROSTER:
        return preview_oneroster(school=roster_import.school, content=content)
    return preview_roster(school=roster_import.school, content=content, on_progress=on_progress)


def check_roster_import(*, roster_import: RosterImport) -> RosterImport:
    """Check a queued file: VALIDATING, then VALID with a preview or INVALID with its problems.

    Safe to run again: a file already checked or imported is left as it is.
    """
    claimed = RosterImport.objects.filter(
        pk=roster_import.pk, status__in=[ImportStatus.QUEUED, ImportStatus.VALIDATING]
    ).update(status=ImportStatus.VALIDATING, processed_rows=0, updated_at=timezone.now())
    roster_import.refresh_from_db()
    if not claimed:
        return roster_import

    def progress(done: int, total: int) -> None:
        RosterImport.objects.filter(pk=roster_import.pk).update(total_rows=total, processed_rows=done)

    preview = _preview(roster_import, on_progress=progress)
    if preview.check.is_valid:
        roster_import.status = ImportStatus.VALID
        roster_import.errors = []
        roster_import.preview = preview.preview_rows()
        if isinstance(preview, OneRosterPreview):
            roster_import.summary = summarise(school=roster_import.school, preview=preview)
        roster_import.total_rows = roster_import.processed_rows = preview.check.total_rows
        roster_import.existing_count = preview.existing_count
        roster_import.possible_matches = [match.as_dict() for match in preview.possible]
    else:
        _store_invalid(roster_import, preview.check)
    roster_import.save()
    return roster_import


def stored_possible_matches(roster_import: RosterImport) -> list[PossibleMatch]:
    return [PossibleMatch.from_dict(match) for match in roster_import.possible_matches]


def confirm_roster_import(*, roster_import: RosterImport, answers: dict[str, int | str] | None = None) -> bool:
    """Mark a checked file as confirmed (IMPORTING), with the answer to each possible match.
    True only for the one request that did it, so a double submit queues the import once.

    Raises ValueError, confirming nothing, if an answer is missing or is not one of the
    row's possible matches (the form checks them first with ``answer_problems``).
    """
    answers = {str(row): answer for row, answer in (answers or {}).items()}
    problems = answer_problems(stored_possible_matches(roster_import), answers)
    if problems:
        raise ValueError(" ".join(problems.values()))
    confirmed = RosterImport.objects.filter(pk=roster_import.pk, status=ImportStatus.VALID).update(
        status=ImportStatus.IMPORTING, processed_rows=0, answers=answers, updated_at=timezone.now()
    )
    roster_import.refresh_from_db()
    return bool(confirmed)


def mark_roster_import_failed(*, import_id: int) -> None:
    """After an unexpected error. Nothing was imported (the import is one transaction)."""
    message = "The import stopped with an unexpected error, so nothing was imported. Upload the file again."
    RosterImport.objects.filter(pk=import_id).exclude(status=ImportStatus.IMPORTED).update(
        status=ImportStatus.FAILED,
        finished_at=timezone.now(),
        errors=[RosterProblem(None, "", message).as_dict()],
        preview=[],
        content=b"",
    )


def _create_pupils(*, school: School, rows: Sequence[RosterRow]) -> list[int]:
    """Insert pupils in batches, each with a fresh login code unique in the school.

    Codes are drawn in Python; on the rare clash with a code already stored, the
    batch is drawn again (inside a savepoint, so the transaction carries on).
    """
    now = timezone.now()
    created: list[int] = []
    for batch in in_chunks(rows, BATCH_SIZE):
        for attempt in range(CODE_ATTEMPTS):
            digests: set[str] = set()
            while len(digests) < len(batch):
                digests.add(code_digest(school.pk, new_code(PUPIL_CODE_LENGTH)))
            pupils = [
                Pupil(
                    school=school,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    year_group=row.year_group,
                    gender=row.gender,
                    upn_digest=upn_digest(school.pk, row.upn),
                    login_code_digest=digest,
                    login_code_changed_at=now,
                )
                for row, digest in zip(batch, digests, strict=True)
            ]
            try:
                with transaction.atomic():
                    Pupil.objects.bulk_create(pupils)
                break
            except IntegrityError:
                if attempt == CODE_ATTEMPTS - 1:
                    raise
        created.extend(pupil.pk for pupil in pupils)
    return created


def _add_to_class(*, school_class: SchoolClass, new_ids: Iterable[int], existing_ids: Iterable[int]) -> int:
    """Current memberships for every pupil not already in the class; returns how many were added."""
    existing = list(dict.fromkeys(existing_ids))
    members: set[int] = set()
    for chunk in in_chunks(existing, LOOKUP_SIZE):
        members.update(
            ClassMembership.objects.current()
            .filter(school_class=school_class, pupil_id__in=chunk)
            .values_list("pupil_id", flat=True)
        )
    to_add = [*new_ids, *(pk for pk in existing if pk not in members)]
    ClassMembership.objects.bulk_create(
        [ClassMembership(pupil_id=pk, school_class=school_class) for pk in to_add], batch_size=BATCH_SIZE
    )
    return len(to_add)


STALE_MATCHES = (
    "Pupils have been added or changed at the school since this file was checked, so the possible "
    "matches you answered may no longer be right. Nothing was imported: upload the file again."
)


def _answer_problems(job: RosterImport, preview: RosterPreview) -> list[RosterProblem]:
    """Problems with the answers to the possible matches, checked again against the pupils now
    at the school: an answered question must still be the same question."""
    asked = {match["row"]: sorted(c["pk"] for c in match["candidates"]) for match in job.possible_matches}
    now = {match.row: sorted(match.candidate_ids) for match in preview.possible}
    if asked != now:
        return [RosterProblem(None, "", STALE_MATCHES)]
    return [RosterProblem(row, "", message) for row, message in answer_problems(preview.possible, job.answers).items()]


def _record_upns(
    *, school: School, rows: Sequence[RosterRow], resolved: Sequence[int | None], possible: Sequence[PossibleMatch]
) -> None:
    """A pupil first imported without a UPN, answered "same pupil" for a row that has one, keeps it."""
    without_upn = {c.pk for match in possible if match.has_upn for c in match.candidates if not c.has_upn}
    for row, pk in zip(rows, resolved, strict=True):
        if row.upn and pk in without_upn:
            Pupil.objects.filter(pk=pk, upn_digest="").update(upn_digest=upn_digest(school.pk, row.upn))


def apply_roster_import(*, roster_import: RosterImport, actor: User | None) -> RosterImport:
    """Import a checked file in one transaction: create the new pupils, add everyone to the
    class (for a class import) and write one audit entry.

    The stored file is checked again first, so a stale preview is never trusted: if the possible
    matches are no longer those answered, nothing is imported. Runs once:
    the import row is locked, and an import already done is returned as it is. It runs from
    VALID (called directly) or IMPORTING (confirmed, then queued), so a retry after a crash
    still imports. New pupils get login codes nobody has seen: cards are printed later.
    """
    with transaction.atomic():
        job = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
        if job.status not in (ImportStatus.VALID, ImportStatus.IMPORTING):
            return job
        school = job.school
        school_class = job.school_class
        preview = _preview(job)
        if school_class is not None and school_class.is_archived:
            preview.check.errors.append(
                RosterProblem(None, "", f"{school_class.name} has been archived, so no pupils can be added to it.")
            )
        if preview.check.is_valid:
            preview.check.errors.extend(_answer_problems(job, preview))
        if not preview.check.is_valid:
            _store_invalid(job, preview.check)
            job.save()
            return job
        rows = preview.check.rows
        resolved = resolve(preview.matching, rows, job.answers)
        new_rows = [row for row, pk in zip(rows, resolved, strict=True) if pk is None]
        new_ids = _create_pupils(school=school, rows=new_rows)
        existing_ids = [pk for pk in resolved if pk is not None]
        _record_upns(school=school, rows=rows, resolved=resolved, possible=preview.possible)
        added = 0
        classes: dict[str, int] = {}
        if school_class is not None:
            added = _add_to_class(school_class=school_class, new_ids=new_ids, existing_ids=existing_ids)
        if isinstance(preview, OneRosterPreview):
            created = iter(new_ids)
            pupil_by_row = {
                row.row: pk if pk is not None else next(created) for row, pk in zip(rows, resolved, strict=True)
            }
            classes = place_in_classes(school=school, preview=preview, pupil_by_row=pupil_by_row, actor=actor)
        job.created_count, job.existing_count = len(new_ids), len(existing_ids)
        place = f" into {school_class.name}" if school_class is not None else ""
        record_audit(
            actor=actor,
            school=school,
            action=AuditAction.ROSTER_IMPORTED,
            summary=f"Imported {job.filename}{place}: {job.created_count} new pupils, "
            f"{job.existing_count} already on the system",
            target=job,
            detail={
                "roster_import": job.pk,
                "school_class": school_class.pk if school_class is not None else None,
                "created": job.created_count,
                "existing": job.existing_count,
                "answered_same": sum(1 for answer in job.answers.values() if answer != NEW),
                "answered_new": sum(1 for answer in job.answers.values() if answer == NEW),
                "added_to_class": added,
                **classes,
                "sha256": job.sha256,
            },
        )
        job.status = ImportStatus.IMPORTED
        job.total_rows = job.processed_rows = preview.check.total_rows
        job.errors, job.preview = [], []
        job.content = b""
        job.finished_at = timezone.now()
        job.save()
    return job
