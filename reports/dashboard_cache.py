"""Keeping built dashboards in the cache until the rollups change.

Rollup rows change only through ``reports.rollups.refresh_rollups``, and every run
records a RollupRefresh row, so the newest run (its id and status) marks the
version of the figures: a dashboard built for some filters is reused until another
refresh starts or finishes, or ``CACHE_SECONDS`` pass (school names and eligibility
come from GIAS imports, which do not refresh the rollups). A page built while a
refresh is running is kept only until that run ends, and one built before the run's suppression
pattern was kept (every figure hidden) only until the pattern is there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from reports.dashboard_queries import DashboardFilters
from reports.disclosure import threshold
from reports.models import RollupRefresh

CACHE_SECONDS = 10 * 60
T = TypeVar("T")


def rollups_version() -> str:
    """The newest refresh run's id, status and whether its suppression pattern is kept yet (one query): changes
    whenever rollup rows can have changed, and when a page that showed every figure hidden while the pattern was
    being worked out can show them."""
    newest = RollupRefresh.objects.order_by("-pk").values_list("pk", "status", "pattern__pk").first()
    return f"{newest[0]}-{newest[1]}-{newest[2] is not None}" if newest else "none"


def cache_key(kind: str, filters: DashboardFilters, *parts: object) -> str:
    """A key for one page's figures: the page kind, its filters, the threshold and the rollups' version."""
    described = repr(
        (
            kind,
            filters.academic_year,
            filters.term,
            filters.district.pk if filters.district else None,
            filters.phase,
            filters.establishment_type,
            filters.module_id,
            filters.year_group,
            threshold(),
            *parts,
        )
    )
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"reports:{kind}:{rollups_version()}:{digest}"


def cached(key: str, build: Callable[[], T]) -> T:
    """The value kept under ``key``, or ``build()`` kept for ``CACHE_SECONDS``."""
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_SECONDS)
    return found
