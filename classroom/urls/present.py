from django.urls import path

from classroom.views import present

LESSON = "classes/<int:class_pk>/lessons/<int:assignment_pk>/<int:lesson_pk>/"

urlpatterns = [
    path("classes/<int:class_pk>/ground-rules/", present.ground_rules, name="ground_rules"),
    path(LESSON, present.teach_lesson, name="teach_lesson"),
    path(LESSON + "slides/", present.slide_visibility, name="slide_visibility"),
    path(LESSON + "present/", present.present, name="present"),
    path(LESSON + "presenter/", present.presenter, name="presenter"),
]
