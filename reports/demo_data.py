"""Demo reports: rollups refreshed from the demo pupils' progress, so every dashboard figure has data."""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.models import ProgressRollup
from reports.published_pattern import store_pattern
from reports.rollups import refresh_rollups


@dataclass
class DemoReportsSummary:
    created: list[str] = field(default_factory=list)


def load_demo_reports() -> DemoReportsSummary:
    """Refresh every rollup once, if none exist yet (a full refresh is idempotent anyway), and keep
    the suppression pattern its pages show, as the nightly refresh does."""
    summary = DemoReportsSummary()
    if not ProgressRollup.objects.exists():
        refresh = refresh_rollups()
        store_pattern(refresh)
        summary.created.append(f"{refresh.rows_written} report rollup rows")
    return summary
