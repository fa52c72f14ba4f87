from django.urls import path

from schools.views import teaching

urlpatterns = [
    path("", teaching.teacher_home, name="teacher_home"),
    path("home/", teaching.staff_home, name="staff_home"),
    path("help/", teaching.teacher_help, name="teacher_help"),
    path("classes/new/", teaching.class_create, name="class_create"),
    path("classes/<int:pk>/", teaching.class_detail, name="class_detail"),
    path("classes/<int:pk>/pupils/new/", teaching.pupil_add, name="pupil_add"),
    path("classes/<int:pk>/pupils/<int:pupil_pk>/reset-code/", teaching.pupil_reset_code, name="pupil_reset_code"),
    path("classes/<int:pk>/pupils/<int:pupil_pk>/move/", teaching.pupil_move, name="pupil_move"),
    path("classes/<int:pk>/cards/", teaching.login_cards, name="login_cards"),
    path("classes/<int:pk>/archive/", teaching.class_archive, name="class_archive"),
    path("classes/<int:pk>/assign/", teaching.assignment_create, name="assignment_create"),
    path("classes/<int:pk>/assignments/<int:assignment_pk>/share/", teaching.assignment_share, name="assignment_share"),
]
