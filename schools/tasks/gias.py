"""Background GIAS imports: the status lives on the GiasImport row."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from schools.gias.importing import import_gias
from schools.gias.reading import GiasFileError
from schools.models import GiasImport, ImportStatus

logger = logging.getLogger(__name__)


# Safe to run again (an imported job is left alone; the import is one transaction), so the
# message is acknowledged once done and handed back to the queue if the worker dies meanwhile.
@shared_task(acks_late=True, reject_on_worker_lost=True)
def run_gias_import(import_id: int) -> None:
    """Run one uploaded GIAS import. A job already imported is left alone, so a retry is safe."""
    job = GiasImport.objects.defer("content").filter(pk=import_id).first()
    if job is None or job.status == ImportStatus.IMPORTED:
        return
    GiasImport.objects.filter(pk=import_id).update(status=ImportStatus.IMPORTING)
    try:
        with transaction.atomic():
            # The row lock makes a second delivery of the same job wait, then see it is done.
            job = GiasImport.objects.select_for_update().get(pk=import_id)
            if job.status == ImportStatus.IMPORTED:
                return
            import_gias(data=bytes(job.content), la_codes=job.la_codes, job=job)
            job.status = ImportStatus.IMPORTED
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "finished_at"])
    except GiasFileError as error:
        _fail(import_id, str(error))
    except Exception:
        logger.exception("GIAS import %s failed", import_id)
        _fail(import_id, "The import stopped with an unexpected error; nothing was imported. It can be run again.")
        raise


def _fail(import_id: int, message: str) -> None:
    GiasImport.objects.filter(pk=import_id).update(
        status=ImportStatus.FAILED,
        finished_at=timezone.now(),
        created_count=0,
        updated_count=0,
        skipped_count=0,
        problems=[{"row": None, "urn": "", "message": message}],
    )
