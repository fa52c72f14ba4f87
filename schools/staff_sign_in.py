"""Staff sign-in: allauth's account adapter, plus an audit entry when sign-in is paused.

allauth counts failed sign-ins (``ACCOUNT_RATE_LIMITS["login_failed"]``, per address and per
account) and refuses further tries for a while. Its adapter's ``pre_authenticate`` is where
that refusal happens, so this adapter records it there: one ``LOCKED_OUT`` entry per account
per window, in the audit log of each school the account belongs to (or in the platform's log
for accounts without a school). Set ``ACCOUNT_ADAPTER`` to this class to use it.
"""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings as allauth_settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.adapters import StaffAccountAdapter
from accounts.models import User
from schools.models import School
from schools.rate_limits import parse_rate, record_lockout

LIMIT_NAME = "staff-sign-in"
# Used when allauth has no login_failed rate: how long one lockout entry covers.
DEFAULT_WINDOW_SECONDS = 300


def lockout_window_seconds() -> int:
    """The longest period among allauth's failed sign-in rates ("10/m/ip,5/5m/key": 300)."""
    rates = (allauth_settings.RATE_LIMITS or {}).get("login_failed") or ""
    periods = [parse_rate(part.strip())[1] for part in rates.split(",") if part.strip()]
    return max(periods, default=DEFAULT_WINDOW_SECONDS)


def record_staff_lockout(request: HttpRequest, *, email: str) -> None:
    """Audit that sign-in for ``email`` was paused. The address typed is kept only if it is an account's."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        schools: list[School | None] = list(School.objects.filter(memberships__user=user).distinct()) or [None]
        summary = f"Staff sign-in for {user.email} paused after too many failed attempts"
    else:
        schools = [None]
        summary = "Staff sign-in for an email address with no account paused after too many failed attempts"
    for school in schools:
        record_lockout(
            request,
            name=LIMIT_NAME,
            subject=f"{email}|{school.pk if school is not None else ''}",
            seconds=lockout_window_seconds(),
            school=school,
            summary=summary,
            target=user,
        )


class AuditedStaffAccountAdapter(StaffAccountAdapter):
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            record_staff_lockout(request, email=str(credentials.get("email", "")))
            raise
