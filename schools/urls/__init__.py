"""Every schools URL, in one namespace; each area keeps its patterns in its own module."""

from django.urls import include, path

from . import invitations, leads, pupils, quick_exit, rollover, roster, safeguarding, staff, talk, teaching

app_name = "schools"

urlpatterns = [
    path("teach/", include(teaching.urlpatterns)),
    path("teach/", include(roster.urlpatterns)),
    path("school/", include(leads.urlpatterns)),
    path("school/", include(staff.urlpatterns)),
    path("school/", include(rollover.urlpatterns)),
    path("school/", include(safeguarding.urlpatterns)),
    path("school/", include("schools.urls.rights")),
    path("invitations/", include(invitations.urlpatterns)),
    path("platform/", include("schools.urls.retention")),
    path("pupil/", include(pupils.urlpatterns)),
    path("", include(talk.urlpatterns)),
    path("", include(quick_exit.urlpatterns)),
]
