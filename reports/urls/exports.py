"""Exports and the audit reports, under /reports/exports/ (MFA required by the /reports/ prefix)."""

from django.urls import URLPattern, path

from reports.views import audit, exports

urlpatterns: list[URLPattern] = [
    path("evaluator/", exports.evaluator_export, name="evaluator_export"),
    path("dashboard-tables/", exports.dashboard_export, name="dashboard_export"),
    path("<int:pk>/", exports.export_status, name="export_status"),
    path("<int:pk>/download/", exports.export_download, name="export_download"),
    path("<int:pk>/try-again/", exports.export_retry, name="export_retry"),
    path("audit-reports/", audit.audit_report_list, name="audit_reports"),
    path("audit-reports/<int:pk>/", audit.audit_report_detail, name="audit_report"),
    path("audit-reports/<int:pk>/pdf/", audit.audit_report_pdf, name="audit_report_pdf"),
]
