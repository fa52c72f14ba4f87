"""The platform admins' retention page: the dry run of the retention periods, and the last runs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from schools.models import AuditAction, AuditEvent
from schools.permissions import user_can_view_retention
from schools.retention import plan_retention

RECENT_RUNS = 10


@never_cache
@login_required
def retention_report(request: HttpRequest) -> HttpResponse:
    if not user_can_view_retention(request.user):
        raise PermissionDenied("Only platform admins can see the retention report.")
    plan = plan_retention()
    runs = AuditEvent.objects.filter(action=AuditAction.RETENTION_APPLIED).select_related("actor")[:RECENT_RUNS]
    return render(request, "schools/retention/report.html", {"plan": plan, "runs": runs})
