from django.urls import path

from learning.views import teacher

urlpatterns = [
    path("classes/<int:class_pk>/progress/", teacher.class_progress, name="class_progress"),
    path("classes/<int:class_pk>/progress.csv", teacher.class_progress_csv, name="class_progress_csv"),
    path(
        "classes/<int:class_pk>/assignments/<int:assignment_pk>/questions/",
        teacher.item_analysis,
        name="item_analysis",
    ),
    path(
        "classes/<int:class_pk>/assignments/<int:assignment_pk>/pupils/<int:pupil_pk>/reset/",
        teacher.reset_progress,
        name="reset_progress",
    ),
]
