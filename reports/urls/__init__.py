"""Every reports URL, in one namespace; each area keeps its patterns in its own module."""

from django.urls import include, path

from . import dashboard, exports, protocols, public

app_name = "reports"

urlpatterns = [
    path("reports/", include(dashboard.urlpatterns)),
    path("reports/exports/", include(exports.urlpatterns)),
    path("reports/protocols/", include(protocols.urlpatterns)),
    path("", include(public.urlpatterns)),
]
