from django.urls import path

from schools.views import safeguarding

urlpatterns = [
    path("<int:urn>/safeguarding/", safeguarding.safeguarding_lead, name="safeguarding_lead"),
]
