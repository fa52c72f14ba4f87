from __future__ import annotations

import ipaddress
from typing import Any

from django.db import models

from accounts.models import User
from schools.models import AuditAction, AuditEvent, School
from schools.request_origin import request_ip


def clean_ip_address(value: str | None) -> str | None:
    """The address as the log stores it, or None if it is missing or not an IP address."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def record_audit(
    *,
    actor: User | None,
    school: School | None,
    action: AuditAction,
    summary: str,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one entry to the audit log. Call inside the transaction of the action itself.

    ``ip_address`` is where the request came from (``REMOTE_ADDR``); when the caller gives
    none, the address of the request being answered is used (``schools.request_origin``), so
    an action logged deep in a service still says where it came from. Anything that is not an
    IP address is stored as unknown rather than refused, so the action is still logged.
    """
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        school=school,
        action=action,
        summary=summary[:300],
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=detail or {},
        ip_address=clean_ip_address(ip_address or request_ip()),
    )
