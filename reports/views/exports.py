"""Asking for an export, following its progress, and downloading it.

The request pages are for the roles that may ask (403 for anyone else); an
export's status and file answer 404 to everyone but the person who asked for
it, and the file answers 404 once its link has expired. Every request and
every download is in the audit log.
"""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reports.export_forms import DashboardExportForm, EvaluatorExportForm, ExportForm
from reports.export_models import STALE_QUEUE_AGE, Export, ExportFormat, ExportKind, export_link_lifetime
from reports.export_permissions import (
    user_can_request_dashboard_export,
    user_can_request_evaluator_export,
    user_can_view_export,
)
from reports.export_queue import queue_export, try_export_again
from reports.exports import record_download, request_export
from schools.access_log import client_ip
from schools.rate_limits import EXPORTS, enforce_limit

# The request page lists this many of the user's recent exports of the kind.
RECENT_EXPORTS = 10


def _request_page(
    request: HttpRequest, *, kind: ExportKind, form_class: type[ExportForm], template: str
) -> HttpResponse:
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if (refused := enforce_limit(request, EXPORTS)) is not None:
            return refused
        with transaction.atomic():
            export = request_export(
                user=request.user,  # type: ignore[arg-type]
                kind=kind,
                fmt=ExportFormat(form.cleaned_data["format"]),
                filters=form.filters(),
                ip_address=client_ip(request),
            )
            transaction.on_commit(partial(queue_export, export_id=export.pk))
        return redirect("reports:export_status", export.pk)
    recent = Export.objects.requested_by(request.user).filter(kind=kind)[:RECENT_EXPORTS]
    return render(
        request,
        template,
        {"form": form, "recent": recent, "link_hours": int(export_link_lifetime().total_seconds() // 3600)},
    )


@never_cache
@login_required
def evaluator_export(request: HttpRequest) -> HttpResponse:
    """Evaluators ask for the pseudonymised long-format response export."""
    if not user_can_request_evaluator_export(request.user):
        raise PermissionDenied
    return _request_page(
        request,
        kind=ExportKind.EVALUATOR_RESPONSES,
        form_class=EvaluatorExportForm,
        template="reports/exports/evaluator.html",
    )


@never_cache
@login_required
def dashboard_export(request: HttpRequest) -> HttpResponse:
    """Commissioners (and evaluators, platform admins) ask for the dashboard's tables."""
    if not user_can_request_dashboard_export(request.user):
        raise PermissionDenied
    return _request_page(
        request,
        kind=ExportKind.DASHBOARD_TABLES,
        form_class=DashboardExportForm,
        template="reports/exports/dashboard.html",
    )


def _own_export(request: HttpRequest, pk: int) -> Export:
    export = get_object_or_404(Export.objects.requested_by(request.user), pk=pk)
    if not user_can_view_export(request.user, export):
        raise Http404
    return export


@never_cache
@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while the export is built; then its download link and when the link expires."""
    export = _own_export(request, pk)
    return render(
        request,
        "reports/exports/status.html",
        {
            "export": export,
            "downloadable": export.is_downloadable(),
            "back_url": _request_url(export),
            "waiting_too_long": export.waiting_too_long(),
            "stale_minutes": int(STALE_QUEUE_AGE.total_seconds() // 60),
        },
    )


@never_cache
@login_required
@require_POST
def export_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Try again" button of an export that could not be queued, failed, or has waited
    too long. A second press finds it queued already and queues nothing."""
    export = _own_export(request, pk)
    try_export_again(export=export, user=request.user)  # type: ignore[arg-type]
    return redirect("reports:export_status", export.pk)


def _request_url(export: Export) -> str:
    name = "evaluator_export" if export.kind == ExportKind.EVALUATOR_RESPONSES else "dashboard_export"
    return reverse(f"reports:{name}")


@never_cache
@login_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The export's file, for the person who asked for it, until the link expires."""
    export = _own_export(request, pk)
    if not export.is_downloadable():
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    record_download(export=export, user=request.user, ip_address=client_ip(request))  # type: ignore[arg-type]
    return FileResponse(handle, as_attachment=True, filename=export.download_name)
