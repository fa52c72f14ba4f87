from django.urls import path

from learning.views import surveys

urlpatterns = [
    path("modules/<int:assignment_pk>/survey/<slug:wave>/", surveys.survey, name="survey"),
    path("modules/<int:assignment_pk>/survey/<slug:wave>/sent/", surveys.survey_sent, name="survey_sent"),
]
