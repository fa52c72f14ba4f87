"""Attacks through the follow-up figures and the pairs left out as off the protocol: each opens several pages.

These figures are cells of the refresh's one linked set (``reports.disclosure_flow``), so a figure hidden
on one page cannot be worked out from what another page shows.
"""

import pytest
from django.db.models import F

from reports.disclosure import SUPPRESSED
from reports.models import ScaleRollup

from .rollup_rows import district, refreshed, scale, school
from .test_disclosure_attacks_linked import derivable, flow, page

pytestmark = pytest.mark.django_db


def test_a_schools_pairs_off_the_protocol_cannot_be_worked_out_from_its_district_and_siblings(module):
    # Quiz pairs off the protocol 20, 3 and 12: the district's 35 less the two others' would give the 3.
    ashford = district("Ashford", "E07000105")
    places = [school(ashford, name=f"Ashford {k}") for k in range(3)]
    for place, off in zip(places, (20, 3, 12), strict=True):
        flow(
            place,
            module,
            40,
            40,
            40,
            40,
            20,
            0,
            knowledge_off_protocol=off,
            survey_off_protocol=15,
            follow_up_off_protocol=15,
        )
    refreshed()

    district_figure = page(district=ashford).off_protocol.counts[0]
    assert page(places[1]).off_protocol.counts[0] == SUPPRESSED
    siblings = [page(place).off_protocol.counts[0] for place in (places[0], places[2])]
    assert not derivable(district_figure, *siblings)
    # Within a page the three add up to the total: one hidden reason is never the only one hidden.
    for place in places:
        shown = page(place).off_protocol
        assert shown.counts.count(SUPPRESSED) != 1 or shown.total == SUPPRESSED


def test_a_schools_follow_up_retention_cannot_be_worked_out_from_its_district_and_siblings(module):
    # Pupils also answering the follow-up 20, 3 and 12 of 30 survey pairs each: 35 less 20 and 12 would give 3.
    ashford = district("Ashford", "E07000105")
    places = [school(ashford, name=f"Ashford {k}") for k in range(3)]
    for place, kept in zip(places, (20, 3, 12), strict=True):
        flow(place, module, 40, 40, 40, 40, 30, kept, survey_pairs=30, follow_up_retained=kept)
    refreshed()

    district_figure = page(district=ashford).attrition.follow_up.retention.retained
    assert page(places[1]).attrition.follow_up.retention.retained == SUPPRESSED
    siblings = [page(place).attrition.follow_up.retention.retained for place in (places[0], places[2])]
    assert not derivable(district_figure, *siblings)


def test_a_schools_follow_up_pairs_of_a_scale_cannot_be_worked_out_from_its_district_and_siblings(module):
    # A scale's pairs before and at follow-up 20, 3 and 12: 35 less 20 and 12 would give the 3 and their mean.
    ashford = district("Ashford", "E07000105")
    places = [school(ashford, name=f"Ashford {k}") for k in range(3)]
    for place, pairs in zip(places, (20, 3, 12), strict=True):
        flow(place, module, 40, 40, 40, 40, 20, pairs)
        row = scale(place, module, survey_key="respect", pairs=[(2.5 + k % 3, 3.0 + k % 2) for k in range(pairs)])
        ScaleRollup.objects.filter(pk=row.pk).update(
            follow_up_pairs=F("pairs"),
            **{f"follow_up_{name}": F(name) for name in ("sum_pre", "sum_post", "sumsq_pre", "sumsq_post")},
            **{f"follow_up_{name}": F(name) for name in ("sum_diff", "sumsq_diff")},
        )
    refreshed()

    (district_scale,) = page(district=ashford).attrition.follow_up.scales
    (hidden,) = page(places[1]).attrition.follow_up.scales
    assert hidden.pairs == SUPPRESSED and hidden.change is None
    siblings = [page(place).attrition.follow_up.scales[0].pairs for place in (places[0], places[2])]
    assert not derivable(district_scale.pairs, *siblings)
