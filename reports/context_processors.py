"""Template context for report links in the site header (added in settings' context processors)."""

from __future__ import annotations

from django.http import HttpRequest

from reports.permissions import user_can_view_dashboard


def report_links(request: HttpRequest) -> dict:
    """``can_view_dashboard``, checked only if a template asks (it costs a query for signed-in staff)."""
    return {"can_view_dashboard": lambda: user_can_view_dashboard(request.user)}
