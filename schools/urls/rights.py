from django.urls import path

from schools.views import rights

urlpatterns = [
    path("<int:urn>/pupils/<int:pupil_pk>/data/", rights.pupil_data, name="pupil_data"),
    path("<int:urn>/pupils/<int:pupil_pk>/erase/", rights.pupil_erase, name="pupil_erase"),
]
