"""Where exports and audit report PDFs are kept: a folder the web server never serves.

Files here have no public URL. They are sent only by views that check who is
asking (and, for exports, that the link has not expired). The folder is
``settings.PRIVATE_STORAGE_ROOT``, read each time so tests can point it at a
temporary folder; without the setting it is ``private/`` beside the project.

A finished file is written in ``PARTIAL_DIR`` inside the same folder first and
then renamed into place (see ``save_finished_file``): a rename on one file
system is atomic, so no reader ever finds half a file under its final name.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

PARTIAL_DIR = ".partial"


def private_root() -> Path:
    """The private folder: ``settings.PRIVATE_STORAGE_ROOT``, or ``private/`` beside the project."""
    configured = getattr(settings, "PRIVATE_STORAGE_ROOT", None)
    return Path(configured) if configured else Path(settings.BASE_DIR) / "private"


@deconstructible(path="reports.private_storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """File storage under ``private_root()`` with no URL: ``url()`` raises ValueError."""

    def __init__(self) -> None:
        super().__init__()

    # Read the setting on every use (the parent caches it for the life of the process).
    @property
    def base_location(self) -> str:
        return str(private_root())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL: a view that checks who is asking sends them.")

    def partial_path(self, suffix: str) -> str:
        """A new empty file in the partial folder, for writing a file before it is finished."""
        folder = Path(self.location) / PARTIAL_DIR
        folder.mkdir(parents=True, exist_ok=True)
        handle, path = tempfile.mkstemp(suffix=suffix, dir=folder)
        os.close(handle)
        return path


class _FinishedFile(File):
    # FileSystemStorage moves a file that has a temporary path (an atomic rename on the same
    # file system) instead of copying it chunk by chunk.
    def temporary_file_path(self) -> str:
        return str(self.name)


def private_storage() -> PrivateStorage:
    """The storage of export and audit report files (a callable, so migrations do not depend on settings)."""
    return PrivateStorage()


def save_finished_file(storage: PrivateStorage, *, name: str, path: str) -> str:
    """Move a finished file from the partial folder into storage under ``name``; returns the stored name."""
    with open(path, "rb") as handle:
        return storage.save(name, _FinishedFile(handle, name=path))
