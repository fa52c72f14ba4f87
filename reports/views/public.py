"""The public transparency page: no sign-in, suppressed and rounded figures by district."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reports.dashboard_cache import cache_key, cached
from reports.dashboard_queries import DashboardFilters
from reports.forms import TransparencyForm, academic_year_label
from reports.protocol import academic_year_period, protocols_answered
from reports.protocol_models import EvaluationProtocol
from reports.transparency import build_transparency, published_years


def transparency(request: HttpRequest) -> HttpResponse:
    years = published_years()
    form = TransparencyForm(request.GET, years=years)
    year = form.chosen_year(years)
    key = cache_key("transparency", DashboardFilters(academic_year=year))
    page = cached(key, lambda: build_transparency(year=year))
    return render(
        request,
        "reports/transparency.html",
        {
            "page": page,
            "form": form,
            "year_label": academic_year_label(year) if year is not None else "",
            # Read on every request (two small queries), so a protocol shows the moment it is frozen.
            "answered": protocols_answered(*academic_year_period(year)) if year is not None else [],
            "protocols": EvaluationProtocol.objects.frozen(),
        },
    )
