"""Requesting, building, downloading and clearing away exports.

Every request and every download is written to the audit log (no school: the
exports cover many). Building is idempotent: a finished export is left alone,
and a run that stops half-way leaves no file behind: the file is written in the
private storage's partial folder and moved under its final name only when
complete (see ``reports.private_storage``).
"""

from __future__ import annotations

import datetime
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from courses.models import ModulePage
from reports.dashboard_export import DashboardFilters, dashboard_sheets
from reports.evaluator_export import EvaluatorFilters, count_rows, evaluator_sheets
from reports.export_files import Sheet, write_export_file
from reports.export_models import Export, ExportFormat, ExportKind, ExportStatus, export_link_lifetime
from reports.private_storage import PARTIAL_DIR, PrivateStorage, save_finished_file
from reports.published_pattern import keep_current_pattern
from schools.models import AuditAction
from schools.services.audit import record_audit

logger = logging.getLogger(__name__)

# Progress is saved to the row every this many rows (one small UPDATE).
PROGRESS_EVERY = 5000
ERROR_LENGTH = 2000
# Partial files older than this belong to a run that died; the clean-up removes them.
STALE_PARTIAL_AGE = datetime.timedelta(days=1)
SUFFIXES = {ExportFormat.CSV: ".zip", ExportFormat.XLSX: ".xlsx"}


def describe_export(export: Export) -> str:
    """What an export is, for the audit log: "Dashboard tables export #4, CSV (academic year 2025)"."""
    filters = export.filters or {}
    parts = [f"academic year {filters['academic_year']}"] if filters.get("academic_year") else []
    if filters.get("module_id"):
        parts.append(f"module {filters['module_id']}")
    scope = f" ({', '.join(parts)})" if parts else ""
    return f"{export.get_kind_display()} export #{export.pk}, {export.format.upper()}{scope}"


@transaction.atomic
def request_export(
    *, user: User, kind: ExportKind, fmt: ExportFormat, filters: dict, ip_address: str | None = None
) -> Export:
    """Record a request for an export and audit it. The caller queues it after commit
    (``reports.export_queue.queue_export``)."""
    export = Export.objects.create(requested_by=user, kind=kind, format=fmt, filters=filters, queued_at=timezone.now())
    record_audit(
        actor=user,
        school=None,
        action=AuditAction.EXPORTED,
        summary=f"Requested the {describe_export(export)}",
        target=export,
        detail={"kind": kind, "format": fmt, "filters": filters, "event": "requested"},
        ip_address=ip_address,
    )
    return export


def record_download(*, export: Export, user: User, ip_address: str | None = None) -> None:
    """Audit one download of an export."""
    record_audit(
        actor=user,
        school=None,
        action=AuditAction.EXPORTED,
        summary=f"Downloaded the {describe_export(export)}",
        target=export,
        detail={"kind": export.kind, "format": export.format, "rows": export.rows_done, "event": "downloaded"},
        ip_address=ip_address,
    )


def _sheets(export: Export, now: datetime.datetime) -> tuple[list[Sheet], int]:
    """The tables of an export and about how many rows they have (for the progress bar; 0 if unknown)."""
    if export.kind == ExportKind.EVALUATOR_RESPONSES:
        filters = EvaluatorFilters.from_dict(export.filters)
        module = ""
        if filters.module_id is not None:
            module = ModulePage.objects.filter(pk=filters.module_id).values_list("slug", flat=True).first() or ""
        return evaluator_sheets(filters, generated_at=now, module=module), count_rows(filters)
    if export.kind == ExportKind.DASHBOARD_TABLES:
        # A few dozen rows from the rollups: done before a progress bar would show.
        return dashboard_sheets(DashboardFilters.from_dict(export.filters), generated_at=now), 0
    raise ValueError(f"Unknown export kind {export.kind!r}.")


def _progress_saver(export_id: int) -> Callable[[int], None]:
    def save(rows: int) -> None:
        if rows % PROGRESS_EVERY == 0:
            Export.objects.filter(pk=export_id).update(rows_done=rows)

    return save


def build_export(*, export_id: int, now: datetime.datetime | None = None) -> Export | None:
    """Build an export's file and mark it ready. An export already done is returned as it is.

    Raises whatever stopped the build; the row is then left running for the
    task to retry or mark failed, and no file is left anywhere.
    """
    started = Export.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE)
    started.update(status=ExportStatus.RUNNING, started_at=timezone.now(), rows_done=0, attempts=F("attempts") + 1)
    export = Export.objects.filter(pk=export_id).first()
    if export is None or export.status == ExportStatus.DONE:
        return export
    keep_current_pattern()  # the figures are read through the refresh's kept pattern, as the pages read them
    storage = cast(PrivateStorage, export.file.storage)
    partial = storage.partial_path(SUFFIXES[ExportFormat(export.format)])
    try:
        sheets, total = _sheets(export, now or timezone.now())
        Export.objects.filter(pk=export_id).update(rows_total=total)
        rows = write_export_file(partial, export.format, sheets, _progress_saver(export_id))
        with transaction.atomic():
            export = Export.objects.select_for_update().get(pk=export_id)
            if export.status == ExportStatus.DONE:
                # Another run of the task finished first; keep its file.
                return export
            filename = f"{export.kind}-{export.pk}{SUFFIXES[ExportFormat(export.format)]}"
            export.file.name = save_finished_file(
                storage, name=export.file.field.generate_filename(export, filename), path=partial
            )
            finished = timezone.now()
            export.status = ExportStatus.DONE
            export.rows_done = export.rows_total = rows
            export.finished_at = finished
            export.expires_at = finished + export_link_lifetime()
            export.error = ""
            export.save()
        return export
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def mark_export_retrying(*, export_id: int, error: BaseException) -> None:
    """Note why a run failed; the export waits for the next attempt."""
    Export.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.QUEUED, queued_at=timezone.now(), error=f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    )


def mark_export_failed(*, export_id: int, error: BaseException) -> None:
    """Give up on an export after its last attempt."""
    Export.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED, finished_at=timezone.now(), error=f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    )


def delete_expired_exports(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of expired exports (the rows stay, for the record) and stale partial files.

    Returns the number of export files deleted.
    """
    now = now or timezone.now()
    deleted = 0
    for export in Export.objects.expired(now).exclude(file="").iterator():
        export.file.delete(save=False)
        Export.objects.filter(pk=export.pk).update(file="")
        deleted += 1
    storage = cast(PrivateStorage, Export.file.field.storage)
    partial = Path(storage.location) / PARTIAL_DIR
    if partial.is_dir():
        cutoff = time.time() - STALE_PARTIAL_AGE.total_seconds()
        for path in partial.iterdir():
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    return deleted
