from __future__ import annotations

from typing import Any

from django.db import models

from accounts.models import User
from schools.models import AuditAction, AuditEvent, School


def record_audit(
    *,
    actor: User | None,
    school: School | None,
    action: AuditAction,
    summary: str,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one entry to the audit log. Call inside the transaction of the action itself."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        school=school,
        action=action,
        summary=summary[:300],
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=detail or {},
    )
