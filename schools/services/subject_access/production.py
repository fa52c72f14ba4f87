"""Producing a pupil's data for a rights request: refused for an erased pupil, and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import User
from schools.models import AuditAction, Pupil
from schools.services.audit import record_audit

from .document import collect_pupil_data


class PupilErasedError(Exception):
    """The pupil's identity has been erased: nothing identifiable is left to produce."""


@transaction.atomic
def produce_subject_access(
    *, pupil: Pupil, actor: User, reason: str, output: str, ip_address: str | None
) -> dict[str, Any]:
    """Collect the pupil's data for a rights request and record who produced it, why and how.

    ``output`` says what it was produced as ("page" or "json"); each production is one
    SUBJECT_ACCESS audit entry, naming the pupil, with the reason and output in its detail
    and the request's address. Raises PupilErasedError for a pupil already erased.
    """
    if pupil.erased_at is not None:
        raise PupilErasedError("This pupil's identity has been erased.")
    data = collect_pupil_data(pupil=pupil)
    record_audit(
        actor=actor,
        school=pupil.school,
        action=AuditAction.SUBJECT_ACCESS,
        summary=f"Produced the data held about {pupil.display_name} ({'download' if output == 'json' else 'page'})",
        target=pupil,
        detail={"reason": reason, "output": output},
        ip_address=ip_address,
    )
    return data
