from django.urls import path

from classroom.views import live, pupil_answers, pupil_live, questions, register, safeguarding

SESSION = "teach/live/<int:pk>/"
PUPIL_SESSION = "pupil/live/<int:pk>/"
QUESTION = "teach/classes/<int:class_pk>/questions/<int:pk>/"

urlpatterns = [
    # Teachers: live lessons and their registers.
    path("teach/classes/<int:class_pk>/live/", live.live_start, name="live_start"),
    path(SESSION, live.live_session, name="live_session"),
    path(SESSION + "activity/", live.live_activity, name="live_activity"),
    path(SESSION + "end/", live.live_end, name="live_end"),
    path(SESSION + "screen/", live.live_screen, name="live_screen"),
    path(SESSION + "counts/", live.live_counts_json, name="live_counts"),
    path(SESSION + "register/", register.register, name="register"),
    # Teachers: the class's anonymous questions; the safeguarding lead's page.
    path("teach/classes/<int:class_pk>/questions/", questions.class_questions, name="class_questions"),
    path(QUESTION, questions.question_action, name="question_action"),
    path(QUESTION + "answer/", questions.question_answer, name="question_answer"),
    path(QUESTION + "pass/", questions.question_pass, name="question_pass"),
    path("teach/safeguarding/questions/", safeguarding.dsl_questions, name="dsl_questions"),
    path("teach/safeguarding/questions/<int:pk>/", safeguarding.dsl_question, name="dsl_question"),
    # Pupils.
    path("pupil/live/", pupil_live.live_home, name="pupil_live"),
    path("pupil/live/join/", pupil_live.live_join_with_codes, name="pupil_live_join"),
    path(PUPIL_SESSION, pupil_live.live_lesson, name="pupil_live_lesson"),
    path(PUPIL_SESSION + "join/", pupil_live.live_join, name="pupil_live_join_session"),
    path(PUPIL_SESSION + "state/", pupil_live.live_state, name="pupil_live_state"),
    path(PUPIL_SESSION + "answer/", pupil_answers.answer_activity, name="pupil_live_answer"),
    path(PUPIL_SESSION + "quiz/", pupil_answers.answer_live_quiz, name="pupil_live_quiz"),
    path(PUPIL_SESSION + "survey/", pupil_answers.answer_live_survey, name="pupil_live_survey"),
    path("pupil/questions/", questions.pupil_questions, name="pupil_questions"),
]
