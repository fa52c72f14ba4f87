from django.urls import path

from schools.views import quick_exit

urlpatterns = [
    path("quick-exit/", quick_exit.quick_exit, name="quick_exit"),
]
