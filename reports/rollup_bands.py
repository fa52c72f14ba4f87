"""The school-level bands the equity breakdowns group rollup rows by: FSM and urban/rural.

Both come from the school (GIAS), so rollup rows, keyed by school, need no
column of their own: a report annotates them with ``fsm_band_expression()`` or
``locality_expression()`` and groups in the database.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models


class FsmBand(models.TextChoices):
    """Bands of a school's share of pupils eligible for free school meals (GIAS ``PercentageFSM``).

    Fixed ten-point bands, so a school's band does not move when other schools
    change (as quintiles would) and a band is the same in every report. The
    England average for secondary schools was about 23 % in 2023/24, so the
    middle band holds the typical school.
    """

    UNDER_10 = "under_10", "Under 10%"
    FROM_10 = "10_to_20", "10% to under 20%"
    FROM_20 = "20_to_30", "20% to under 30%"
    FROM_30 = "30_to_40", "30% to under 40%"
    FROM_40 = "40_and_over", "40% and over"
    NOT_KNOWN = "not_known", "Not known"


# The lower bound of each band, highest first.
FSM_BAND_FLOORS: tuple[tuple[int, FsmBand], ...] = (
    (40, FsmBand.FROM_40),
    (30, FsmBand.FROM_30),
    (20, FsmBand.FROM_20),
    (10, FsmBand.FROM_10),
    (0, FsmBand.UNDER_10),
)


def fsm_band(percent: Decimal | float | None) -> FsmBand:
    """The FSM band of a school's FSM percentage (None: not known)."""
    if percent is None:
        return FsmBand.NOT_KNOWN
    for floor, band in FSM_BAND_FLOORS:
        if percent >= floor:
            return band
    return FsmBand.UNDER_10


def fsm_band_expression(field: str = "school__fsm_percent") -> models.Case:
    """``fsm_band`` as a database expression, to group rollup rows by band in one query."""
    return models.Case(
        *(models.When(**{f"{field}__gte": floor}, then=models.Value(band.value)) for floor, band in FSM_BAND_FLOORS),
        default=models.Value(FsmBand.NOT_KNOWN.value),
        output_field=models.CharField(),
    )


class Locality(models.TextChoices):
    """Urban or rural, from the ONS rural-urban classification GIAS gives each school."""

    URBAN = "urban", "Urban"
    RURAL = "rural", "Rural"
    NOT_KNOWN = "not_known", "Not known"


def locality(urban_rural: str) -> Locality:
    """Urban or rural from GIAS ``UrbanRural (name)``, e.g. "(England/Wales) Rural town and fringe"."""
    text = urban_rural.lower()
    if "rural" in text:
        return Locality.RURAL
    if "urban" in text:
        return Locality.URBAN
    return Locality.NOT_KNOWN


def locality_expression(field: str = "school__urban_rural") -> models.Case:
    """``locality`` as a database expression."""
    return models.Case(
        models.When(**{f"{field}__icontains": "rural"}, then=models.Value(Locality.RURAL.value)),
        models.When(**{f"{field}__icontains": "urban"}, then=models.Value(Locality.URBAN.value)),
        default=models.Value(Locality.NOT_KNOWN.value),
        output_field=models.CharField(),
    )
