"""The record of staff looking at pupil-level data: who saw what, when and from where.

Each view of a page that lists or shows pupils writes one ``PUPIL_DATA_VIEWED`` entry to the
school's audit log. Opening the same page again soon after (a refresh, a sort, Back) says
nothing new, so repeats by the same person from the same address are left out for
``ACCESS_LOG_REPEAT_MINUTES`` (10 unless set). The cache remembers the recent views; if the
cache cannot be reached the view is written anyway: a duplicate is better than a gap.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.http import HttpRequest

from schools.models import AuditAction, AuditEvent, School
from schools.services.audit import clean_ip_address, record_audit

logger = logging.getLogger(__name__)

DEFAULT_REPEAT_MINUTES = 10


def client_ip(request: HttpRequest) -> str | None:
    """Where the request came from: ``REMOTE_ADDR``, or None if it is not an IP address."""
    return clean_ip_address(request.META.get("REMOTE_ADDR"))


def repeat_seconds() -> int:
    """How long a repeated view of the same page is left out of the log, in seconds."""
    return int(getattr(settings, "ACCESS_LOG_REPEAT_MINUTES", DEFAULT_REPEAT_MINUTES)) * 60


def _first_view(key: str, seconds: int) -> bool:
    """True unless the cache says this view was recorded in the last ``seconds``."""
    if seconds <= 0:
        return True
    try:
        return bool(cache.add(key, 1, timeout=seconds))
    except Exception:
        logger.warning("Access log: the cache could not be reached; writing the view without de-duplication.")
        return True


def _forget(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Access log: the cache could not be reached to forget a view that was not written.")


def record_view(
    request: HttpRequest,
    *,
    school: School,
    summary: str,
    target: models.Model,
    detail: dict[str, Any] | None = None,
) -> AuditEvent | None:
    """Log that the signed-in staff member viewed pupil-level data; None if it was a repeat.

    ``summary`` says what was seen in plain words ("Viewed the progress grid of 9R"), and is
    also what makes two views "the same page": a different module or page of a list is
    logged on its own.
    """
    ip = client_ip(request)
    identity = f"{request.user.pk}|{ip}|{target._meta.label}|{target.pk}|{summary}"
    key = "access-log:" + hashlib.sha256(identity.encode()).hexdigest()
    if not _first_view(key, repeat_seconds()):
        return None
    try:
        return record_audit(
            actor=request.user,  # type: ignore[arg-type]
            school=school,
            action=AuditAction.PUPIL_DATA_VIEWED,
            summary=summary,
            target=target,
            detail=detail,
            ip_address=ip,
        )
    except Exception:
        # Not written: the next view must not be taken for a repeat.
        _forget(key)
        raise
