"""Demo commissioner and evaluator accounts, with a published TOTP secret (never in production).

Their pages need MFA, so each demo account that must have it (these two, and the platform
admin from the content demo) gets an authenticator with ``DEMO_TOTP_SECRET``: add it to any
authenticator app, or read the current code from ``manage.py demo_logins``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import GlobalRole

# Base32, published in the README: demo data only.
DEMO_TOTP_SECRET = "RESPECTDEMOKENTMEDWAYTOTPSECRETA"  # nosec B105

DEMO_ROLE_ACCOUNTS = (
    ("commissioner@example.org", "demo-commissioner-2026", "Cara", "Commissioner", GlobalRole.COMMISSIONER),
    ("evaluator@example.org", "demo-evaluator-2026", "Evan", "Evaluator", GlobalRole.EVALUATOR),
)
# Made by the content demo; a superuser must have MFA too.
DEMO_ADMIN_EMAIL = "admin@example.org"


@dataclass
class DemoAccountsSummary:
    created: list[str] = field(default_factory=list)


def current_demo_totp_code() -> str:
    """The code an authenticator app holding DEMO_TOTP_SECRET shows now."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


def _with_demo_totp(user, summary: DemoAccountsSummary) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        summary.created.append(f"authenticator for {user.email}")


def load_demo_accounts() -> DemoAccountsSummary:
    summary = DemoAccountsSummary()
    user_model = get_user_model()
    for email, password, first, last, role in DEMO_ROLE_ACCOUNTS:
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model.objects.create_user(email, password, first_name=first, last_name=last)
            user.groups.add(Group.objects.get_or_create(name=role.value)[0])
            summary.created.append(f"user {email}")
        _with_demo_totp(user, summary)
    admin = user_model.objects.filter(email=DEMO_ADMIN_EMAIL, is_superuser=True).first()
    if admin is not None:
        _with_demo_totp(admin, summary)
    return summary
