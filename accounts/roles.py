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


# The user object of a request is asked about its roles several times (the MFA middleware, the
# view's permission check, the header's links): the group names are read once and kept on it.
_GROUP_NAMES_ATTRIBUTE = "_global_role_names"


def _group_names(user: User) -> frozenset[str]:
    names = getattr(user, _GROUP_NAMES_ATTRIBUTE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _GROUP_NAMES_ATTRIBUTE, names)
    return names


def has_global_role(user: User | AnonymousUser, role: GlobalRole) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return role.value in _group_names(user)


def mfa_required_for(user: User | AnonymousUser) -> bool:
    """Commissioners, evaluators and platform admins must set up MFA before using their pages."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(role.value in _group_names(user) for role in MFA_REQUIRED_ROLES)
