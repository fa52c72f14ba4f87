from django.urls import path

from schools.views import talk

urlpatterns = [
    path("pupil/talk/", talk.pupil_talk, name="pupil_talk"),
    path("pupil/talk/sent/", talk.pupil_talk_sent, name="pupil_talk_sent"),
    path("teach/safeguarding/talk/", talk.dsl_talk_requests, name="dsl_talk_requests"),
    path("teach/safeguarding/talk/<int:pk>/", talk.dsl_talk_request, name="dsl_talk_request"),
]
