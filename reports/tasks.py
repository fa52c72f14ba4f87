"""Background rollup refreshes. The record of each run is a RollupRefresh row.

Every task rebuilds from the current data, so running one twice, or two at once
(each school is rebuilt under a lock on its row), leaves the same rows.
"""

from __future__ import annotations

from celery import shared_task

from reports.rollups import incremental_since, refresh_rollups


@shared_task(acks_late=True)
def refresh_rollups_task() -> int:
    """Rebuild every school's rollups (nightly). Returns the RollupRefresh id."""
    return refresh_rollups().pk


@shared_task(acks_late=True)
def refresh_changed_rollups_task() -> int:
    """Rebuild the groups changed since the last refresh of every school (or all, if none yet)."""
    return refresh_rollups(since=incremental_since()).pk


@shared_task(acks_late=True)
def refresh_school_rollups_task(school_id: int) -> int:
    """Rebuild one school's rollups now (on demand). Returns the RollupRefresh id."""
    return refresh_rollups(school_ids=[school_id]).pk
