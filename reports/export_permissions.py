"""Who may request and download exports, and read the audit reports.

- The pseudonymised response export: evaluators only.
- The dashboard tables: commissioners, evaluators and platform admins.
- An export's status and file: only the person who asked for it, while they
  still hold a role that may request it (a revoked role stops downloads too).
- The audit reports: commissioners and platform admins.
"""

from __future__ import annotations

from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from accounts.roles import GlobalRole, has_global_role
from reports.export_models import Export, ExportKind

AnyUser = User | AnonymousUser


def _active(user: AnyUser) -> TypeGuard[User]:
    return isinstance(user, User) and user.is_active


def _platform_admin(user: AnyUser) -> bool:
    return _active(user) and user.is_superuser


def user_can_request_evaluator_export(user: AnyUser) -> bool:
    return has_global_role(user, GlobalRole.EVALUATOR)


def user_can_request_dashboard_export(user: AnyUser) -> bool:
    return (
        _platform_admin(user)
        or has_global_role(user, GlobalRole.COMMISSIONER)
        or has_global_role(user, GlobalRole.EVALUATOR)
    )


def user_can_request_export(user: AnyUser, kind: str) -> bool:
    if kind == ExportKind.EVALUATOR_RESPONSES:
        return user_can_request_evaluator_export(user)
    if kind == ExportKind.DASHBOARD_TABLES:
        return user_can_request_dashboard_export(user)
    return False


def user_can_view_export(user: AnyUser, export: Export) -> bool:
    """The requester, while they may still request this kind of export."""
    return _active(user) and export.requested_by_id == user.pk and user_can_request_export(user, export.kind)


def user_can_view_audit_reports(user: AnyUser) -> bool:
    return _platform_admin(user) or has_global_role(user, GlobalRole.COMMISSIONER)
