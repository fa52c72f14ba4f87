"""Who may see the reports. Views call these; they never inline the rules."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.roles import GlobalRole, has_global_role


def user_can_view_dashboard(user: User | AnonymousUser) -> bool:
    """Commissioners and platform admins (superusers) see the aggregate dashboard; nobody else.

    Evaluators have their own pseudonymised export; teachers and school leads see
    their own classes. MFA is required by ``accounts.middleware`` for every path
    under /reports/, so it is not checked here.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or has_global_role(user, GlobalRole.COMMISSIONER)


def user_can_manage_protocols(user: User | AnonymousUser) -> bool:
    """Commissioners (and platform admins) open, edit and freeze evaluation protocols; nobody else.

    Evaluators analyse under a protocol but do not set it; school staff never see it
    except as published on the transparency page.
    """
    return user_can_view_dashboard(user)
