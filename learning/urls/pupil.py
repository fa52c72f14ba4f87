from django.urls import path

from learning.views import lesson_finished, lesson_player, pupil_home, quiz, results

urlpatterns = [
    path("", pupil_home.pupil_home, name="pupil_home"),
    path("results/", results.pupil_results, name="pupil_results"),
    path("modules/<int:assignment_pk>/", pupil_home.assignment_detail, name="assignment"),
    path("modules/<int:assignment_pk>/lessons/<int:lesson_pk>/", lesson_player.lesson_player, name="lesson"),
    path(
        "modules/<int:assignment_pk>/lessons/<int:lesson_pk>/finished/",
        lesson_finished.lesson_finished,
        name="lesson_finished",
    ),
    path("modules/<int:assignment_pk>/quiz/", quiz.quiz, name="quiz"),
    path("modules/<int:assignment_pk>/quiz/before/", quiz.quiz, {"wave": "pre"}, name="pre_quiz"),
    path("modules/<int:assignment_pk>/quiz/attempts/<int:attempt_pk>/", quiz.quiz_result, name="quiz_result"),
    path("modules/<int:assignment_pk>/certificate/", results.certificate, name="certificate"),
]
