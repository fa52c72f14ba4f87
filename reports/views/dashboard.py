"""The commissioner dashboard: the county, a district, a school. Aggregates only, from rollups.

Only commissioners and platform admins get in (``reports.permissions``); every
path under /reports/ also needs MFA (``accounts.middleware``). Filters are GET
parameters, so every view of the figures has its own address. Built figures are
kept in the cache until the rollups are next refreshed (``reports.dashboard_cache``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from reports.dashboard import build_dashboard
from reports.dashboard_cache import cache_key, cached
from reports.dashboard_queries import DashboardFilters
from reports.forms import DashboardFilterForm, FilterChoices
from reports.permissions import user_can_view_dashboard
from reports.protocol import academic_year_period, planned_subgroups, protocols_answered
from schools.models import School


def _check(request: HttpRequest) -> None:
    if not user_can_view_dashboard(request.user):
        raise PermissionDenied("Only commissioners can see the programme dashboard.")


def _answered(filters: DashboardFilters) -> dict:
    """The frozen protocols the figures' academic year answers (every year: those they include), and the
    subgroup comparisons they planned (confirmatory, for one year only): read per request, one query."""
    answered = protocols_answered(*academic_year_period(filters.academic_year))
    # Figures pooling every year answer no protocol on their own: nothing in them is confirmatory.
    every_year = filters.academic_year is None
    planned = frozenset() if every_year else planned_subgroups(answered)
    return {"answered": answered, "planned": planned, "every_year": every_year}


def _links(query: str) -> dict:
    return {
        "district_link": lambda district: reverse("reports:district", args=[district.code]) + query,
        "school_link": lambda school: reverse("reports:school", args=[school.urn]) + query,
    }


@never_cache
@login_required
def county(request: HttpRequest) -> HttpResponse:
    _check(request)
    choices = FilterChoices.load()
    form = DashboardFilterForm(request.GET, choices=choices)
    query = form.query_string()
    filters = form.filters()
    if filters.district is not None:
        # One address per district: the district's own page, with the other filters kept.
        return redirect(reverse("reports:district", args=[filters.district.code]) + query)
    board = cached(
        cache_key("county", filters, query),
        lambda: build_dashboard(filters=filters, districts=choices.districts, **_links(query)),
    )
    context = {"board": board, "form": form, "query": query, **_answered(filters)}
    return render(request, "reports/dashboard/page.html", context)


@never_cache
@login_required
def district(request: HttpRequest, code: str) -> HttpResponse:
    _check(request)
    choices = FilterChoices.load()
    place = next((d for d in choices.districts if d.code == code), None)
    if place is None:
        raise Http404("No district with that code.")
    form = DashboardFilterForm(request.GET, choices=choices, with_district=False)
    query = form.query_string()
    filters = form.filters(district=place)
    board = cached(
        cache_key("district", filters, query),
        lambda: build_dashboard(filters=filters, districts=choices.districts, **_links(query)),
    )
    context = {"board": board, "form": form, "query": query, "district": place, **_answered(filters)}
    return render(request, "reports/dashboard/page.html", context)


@never_cache
@login_required
def school(request: HttpRequest, urn: int) -> HttpResponse:
    """One school's figures: the school is named, so only the pupil threshold hides its figures."""
    _check(request)
    place = get_object_or_404(School.objects.select_related("district"), urn=urn)
    choices = FilterChoices.load()
    form = DashboardFilterForm(request.GET, choices=choices, with_district=False)
    query = form.query_string()
    filters = form.filters()
    board = cached(
        cache_key("school", filters, place.pk, query),
        lambda: build_dashboard(filters=filters, districts=choices.districts, school=place, **_links(query)),
    )
    return render(
        request,
        "reports/dashboard/page.html",
        {
            "board": board,
            "form": form,
            "query": query,
            "district": place.district,
            "school": place,
            **_answered(filters),
        },
    )
