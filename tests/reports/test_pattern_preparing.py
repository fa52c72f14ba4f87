"""A page never works out the suppression pattern: while the newest refresh has none kept, every figure is hidden."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.disclosure import SUPPRESSED
from reports.models import RefreshStatus, RollupRefresh
from reports.pattern_models import SuppressionPattern
from reports.published_pattern import store_pattern
from reports.transparency import rounded

from .rollup_rows import commissioner, district, progress, school

pytestmark = pytest.mark.django_db

PREPARING = "The newest figures are being prepared."


@pytest.fixture
def refresh_without_pattern(module):
    """Three Ashford schools of 40 pupils each, refreshed, with the refresh's pattern not kept yet."""
    place = district("Ashford", "E07000105")
    for i in range(3):
        progress(school(place, name=f"Ashford School {i}"), module, assigned=40, completed=30)
    now = timezone.now()
    return RollupRefresh.objects.create(started_at=now, finished_at=now, status=RefreshStatus.SUCCEEDED, full=True)


def test_the_dashboard_hides_every_figure_until_the_pattern_is_kept(client, refresh_without_pattern):
    client.force_login(commissioner())
    url = reverse("reports:dashboard")

    response = client.get(url)

    assert response.status_code == 200
    assert PREPARING in response.content.decode()
    board = response.context["board"]
    assert board.headline.total.assigned == SUPPRESSED
    assert all(row.assigned == SUPPRESSED for row in board.places.rows)
    assert not SuppressionPattern.objects.exists()  # the request did not work it out

    store_pattern(refresh_without_pattern)
    response = client.get(url)  # the page built while preparing is not reused once the pattern is kept

    assert PREPARING not in response.content.decode()
    assert response.context["board"].headline.total.assigned == 120


def test_the_transparency_page_hides_every_figure_until_the_pattern_is_kept(client, refresh_without_pattern):
    response = client.get(reverse("reports:transparency"))

    assert response.status_code == 200
    assert PREPARING in response.content.decode()
    page = response.context["page"]
    assert page.total.reached == rounded(SUPPRESSED)
    assert not SuppressionPattern.objects.exists()

    store_pattern(refresh_without_pattern)

    assert client.get(reverse("reports:transparency")).context["page"].total.reached == "120"


def test_rollups_with_no_refresh_recorded_are_not_shown(client, module):
    progress(school(district("Ashford", "E07000105")), module, assigned=40, completed=30)
    client.force_login(commissioner())

    response = client.get(reverse("reports:dashboard"))

    assert PREPARING in response.content.decode()
    assert response.context["board"].headline.total.assigned == SUPPRESSED
    assert not SuppressionPattern.objects.exists()
