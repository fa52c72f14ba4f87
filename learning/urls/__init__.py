"""Every learning URL, in one namespace; each area keeps its patterns in its own module."""

from django.urls import include, path

from . import help, pupil, surveys, teacher

app_name = "learning"

urlpatterns = [
    path("pupil/", include(pupil.urlpatterns)),
    path("pupil/", include(help.urlpatterns)),
    path("pupil/", include(surveys.urlpatterns)),
    path("teach/", include(teacher.urlpatterns)),
]
