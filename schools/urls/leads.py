from django.urls import path

from schools.views import leads

urlpatterns = [
    path("<int:urn>/", leads.school_overview, name="school_overview"),
    path("<int:urn>/pupils/", leads.school_pupils, name="school_pupils"),
    path("<int:urn>/pupils/<int:pupil_pk>/evaluation/", leads.pupil_evaluation, name="pupil_evaluation"),
    path("<int:urn>/audit/", leads.audit_log, name="audit_log"),
]
