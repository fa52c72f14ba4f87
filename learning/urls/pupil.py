from django.urls import path

from learning.views import lesson_finished, pupil

urlpatterns = [
    path("", pupil.pupil_home, name="pupil_home"),
    path("results/", pupil.pupil_results, name="pupil_results"),
    path("modules/<int:assignment_pk>/", pupil.assignment_detail, name="assignment"),
    path("modules/<int:assignment_pk>/lessons/<int:lesson_pk>/", pupil.lesson_player, name="lesson"),
    path(
        "modules/<int:assignment_pk>/lessons/<int:lesson_pk>/finished/",
        lesson_finished.lesson_finished,
        name="lesson_finished",
    ),
    path("modules/<int:assignment_pk>/quiz/", pupil.quiz, name="quiz"),
    path("modules/<int:assignment_pk>/quiz/before/", pupil.quiz, {"wave": "pre"}, name="pre_quiz"),
    path("modules/<int:assignment_pk>/quiz/attempts/<int:attempt_pk>/", pupil.quiz_result, name="quiz_result"),
    path("modules/<int:assignment_pk>/certificate/", pupil.certificate, name="certificate"),
]
