from django.urls import path

from schools.views import pupils

urlpatterns = [
    path("login/", pupils.pupil_login, name="pupil_login"),
    path("logout/", pupils.pupil_logout, name="pupil_logout"),
]
