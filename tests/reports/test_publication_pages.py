"""Two consecutive nights' pages: a school's knowledge pairs going from 11 to 12 do not give away the 12th pupil."""

import pytest
from django.core.cache import cache

from reports.disclosure import SUPPRESSED
from reports.models import ProgressRollup
from tests.factories import ModulePageFactory

from .rollup_rows import dashboard_page as page
from .rollup_rows import district, pair_sums, progress, refreshed, school

pytestmark = pytest.mark.django_db


def set_pairs(row: ProgressRollup, pairs: list[tuple[float, float]]) -> None:
    sums = pair_sums(pairs)
    ProgressRollup.objects.filter(pk=row.pk).update(
        **sums.as_fields("knowledge_"),
    )


@pytest.fixture
def ashford(programme, settings):
    settings.SUPPRESSION_THRESHOLD = 10
    module = ModulePageFactory(parent=programme, title="Healthy relationships")
    place = district("Ashford", "E07000105")
    eleven = [(40.0, 40.0 + k) for k in range(11)]
    rows = []
    for n, pairs in enumerate((eleven, [(40.0, 60.0)] * 30, [(50.0, 60.0)] * 25)):
        rows.append(
            progress(school(place, name=f"School {n}"), module, assigned=40, completed=30, passed=20, pairs=pairs)
        )
    return place, rows, eleven


def test_the_twelfth_pupil_cannot_be_worked_out_from_two_nights(ashford):
    place, rows, eleven = ashford
    first_school = rows[0].school
    refreshed()
    night_one = page(first_school).headline.total
    assert night_one.pairs == 11 and night_one.knowledge.text != SUPPRESSED

    set_pairs(rows[0], [*eleven, (20.0, 95.0)])  # the 12th pupil's big gain, overnight
    refreshed()
    cache.clear()
    night_two = page(first_school).headline.total
    assert (night_two.pairs, night_two.knowledge.text) == (SUPPRESSED, SUPPRESSED)
    # Nor from the district or the county, whose pairs moved by the same one pupil.
    assert page(district=place).headline.total.pairs == SUPPRESSED
    assert page().headline.total.pairs == SUPPRESSED
    # Uptake, which did not move, is shown as before.
    assert night_two.assigned == 40


def test_the_figure_is_shown_again_once_it_has_moved_by_the_threshold(ashford):
    _, rows, eleven = ashford
    refreshed()
    set_pairs(rows[0], [*eleven, (20.0, 95.0)])
    refreshed()
    set_pairs(rows[0], [*eleven, *([(20.0, 95.0)] * 10)])
    refreshed()
    cache.clear()
    shown = page(rows[0].school).headline.total
    assert shown.pairs == 21 and shown.knowledge.text != SUPPRESSED
