from django.urls import path

from schools.views import invitations

urlpatterns = [
    path("<str:token>/", invitations.accept, name="accept_invitation"),
]
