from django.urls import path

from schools.views import roster

urlpatterns = [
    path("classes/<int:class_pk>/roster/", roster.roster_upload, name="roster_upload"),
    path("schools/<int:urn>/roster/", roster.school_roster_upload, name="school_roster_upload"),
    path("schools/<int:urn>/oneroster/", roster.school_oneroster_upload, name="school_oneroster_upload"),
    path("roster/<int:pk>/", roster.roster_status, name="roster_status"),
    path("roster/<int:pk>/confirm/", roster.roster_confirm, name="roster_confirm"),
    path("roster/<int:pk>/try-again/", roster.roster_retry, name="roster_retry"),
]
