from django.urls import path

from learning.views import help as help_views

urlpatterns = [
    path("help/", help_views.pupil_help, name="pupil_help"),
]
