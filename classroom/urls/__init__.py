"""Every classroom URL, in one namespace; each area keeps its patterns in its own module."""

from django.urls import include, path

from . import live, present

app_name = "classroom"

urlpatterns = [
    path("teach/", include(present.urlpatterns)),
    path("", include(live.urlpatterns)),
]
