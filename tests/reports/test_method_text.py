"""The method on the dashboard and the transparency page says, in plain words, how no figure tells about one pupil."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from .rollup_rows import commissioner, district, progress, refreshed, school

pytestmark = pytest.mark.django_db

RULES = (
    "A figure about fewer than 10 pupils is not shown: it is marked c.",
    "A district where only one or two schools take part shows c for its own figures, and then its schools' pages "
    "show c too",
    "The figures are worked out once each night and stay the same all the next day",
    "A figure that has changed by fewer than 10 pupils since it was last shown is marked c until it has changed by "
    "at least 10",
    "Each half-year's audit report is fixed when it is published and never changes.",
    "A class's summary first appears once 10 pupils have answered the survey at that stage, then changes only when "
    "10 more have answered, never one pupil at a time",
)


@pytest.fixture
def published(settings, programme):
    from tests.factories import ModulePageFactory

    settings.SUPPRESSION_THRESHOLD = 10
    module = ModulePageFactory(parent=programme)
    place = district("Ashford", "E07000105")
    for n in range(3):
        progress(school(place, name=f"Ashford School {n}"), module, assigned=40, started=30, completed=20, passed=15)
    refreshed()


def method_text(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    (section,) = [details for details in soup.select("details") if "worked out" in details.summary.get_text()]
    return " ".join(section.get_text(" ").split())


@pytest.mark.parametrize("page", ["transparency", "dashboard"])
def test_the_method_explains_small_numbers_small_schools_time_and_class_summaries(client, published, page):
    if page == "dashboard":
        client.force_login(commissioner())
    response = client.get(reverse(f"reports:{page}"))
    assert response.status_code == 200
    text = method_text(response)
    for rule in RULES:
        assert rule in text
    assert "through the school day" not in text
