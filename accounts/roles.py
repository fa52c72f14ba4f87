"""Platform-wide staff roles, held as Django groups.

School roles (teacher, school lead) are per school: see ``schools.StaffMembership``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class GlobalRole(models.TextChoices):
    COMMISSIONER = "Commissioners", "Commissioner"
    EVALUATOR = "Evaluators", "Evaluator"
    CONTENT_EDITOR = "Content editors", "Content editor"


# Roles that see data across schools must protect their accounts with MFA.
MFA_REQUIRED_ROLES = (GlobalRole.COMMISSIONER, GlobalRole.EVALUATOR)


def has_global_role(user: User | AnonymousUser, role: GlobalRole) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name=role.value).exists()


def mfa_required_for(user: User | AnonymousUser) -> bool:
    """Commissioners, evaluators and platform admins must set up MFA before using their pages."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=[r.value for r in MFA_REQUIRED_ROLES]).exists()
