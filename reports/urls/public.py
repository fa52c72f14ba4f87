"""Public report pages, mounted at /: no sign-in needed."""

from django.urls import path

from reports.views import public

urlpatterns = [
    path("transparency/", public.transparency, name="transparency"),
]
