"""Evaluation protocols, under /reports/protocols/ (MFA required by the /reports/ prefix)."""

from django.urls import URLPattern, path

from reports.views import protocols

urlpatterns: list[URLPattern] = [
    path("", protocols.protocol_list, name="protocols"),
    path("new/", protocols.protocol_new, name="protocol_new"),
    path("<int:pk>/", protocols.protocol_detail, name="protocol"),
    path("<int:pk>/freeze/", protocols.protocol_freeze, name="protocol_freeze"),
]
