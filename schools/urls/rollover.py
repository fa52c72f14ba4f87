from django.urls import path

from schools.views import rollover

urlpatterns = [
    path("<int:urn>/new-year/", rollover.new_year, name="new_year"),
    path("<int:urn>/new-year/<int:pk>/", rollover.rollover_detail, name="rollover_detail"),
    path("<int:urn>/new-year/<int:pk>/undo/", rollover.rollover_undo, name="rollover_undo"),
]
