from django.urls import path

from learning.views import teacher, teacher_surveys

urlpatterns = [
    path("classes/<int:class_pk>/progress/", teacher.class_progress, name="class_progress"),
    path("classes/<int:class_pk>/progress.csv", teacher.class_progress_csv, name="class_progress_csv"),
    path(
        "classes/<int:class_pk>/assignments/<int:assignment_pk>/questions/",
        teacher.item_analysis,
        name="item_analysis",
    ),
    path(
        "classes/<int:class_pk>/assignments/<int:assignment_pk>/survey/",
        teacher_surveys.survey_summary,
        name="survey_summary",
    ),
    path(
        "classes/<int:class_pk>/assignments/<int:assignment_pk>/follow-up/",
        teacher_surveys.follow_up,
        name="follow_up",
    ),
    path(
        "classes/<int:class_pk>/assignments/<int:assignment_pk>/pupils/<int:pupil_pk>/reset/",
        teacher.reset_progress,
        name="reset_progress",
    ),
]
