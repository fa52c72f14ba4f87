"""The commissioner dashboard, mounted at /reports/ (MFA-protected by accounts.middleware)."""

from django.urls import path

from reports.views import dashboard

urlpatterns = [
    path("", dashboard.county, name="dashboard"),
    path("districts/<str:code>/", dashboard.district, name="district"),
    path("schools/<int:urn>/", dashboard.school, name="school"),
]
