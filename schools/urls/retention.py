from django.urls import path

from schools.views import retention

urlpatterns = [
    path("retention/", retention.retention_report, name="retention_report"),
]
