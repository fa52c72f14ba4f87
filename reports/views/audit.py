"""The published audit reports: the list, each report's page as it was published, and its PDF.

For commissioners and platform admins (403 for anyone else). A report that is
not published answers 404.
"""

from __future__ import annotations

import base64
import hashlib
import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from reports.audit_models import AuditReport
from reports.export_permissions import user_can_view_audit_reports

STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def report_page_policy(html: str) -> str:
    """The stored page carries its own stylesheet and nothing else: only that stylesheet (by its
    hash) may apply; no script, image, frame, form or request of any kind."""
    sources = [f"'sha256-{_digest(css)}'" for css in STYLE_ELEMENT.findall(html)] or ["'none'"]
    return f"default-src 'none'; style-src {' '.join(sources)}; base-uri 'none'; form-action 'none'"


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _check(request: HttpRequest) -> None:
    if not user_can_view_audit_reports(request.user):
        raise PermissionDenied


def _published(pk: int) -> AuditReport:
    return get_object_or_404(AuditReport.objects.published(), pk=pk)


@never_cache
@login_required
def audit_report_list(request: HttpRequest) -> HttpResponse:
    _check(request)
    reports = AuditReport.objects.published().defer("html", "snapshot")
    return render(request, "reports/audit/list.html", {"reports": reports})


@never_cache
@login_required
def audit_report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report page exactly as it was published."""
    _check(request)
    html = _published(pk).html
    response = HttpResponse(html)
    # Set here, so the site-wide policy (no inline style) does not replace it.
    response["Content-Security-Policy"] = report_page_policy(html)
    return response


@never_cache
@login_required
def audit_report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    _check(request)
    report = _published(pk)
    if not report.pdf:
        raise Http404
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, filename=report.pdf_name, content_type="application/pdf")
