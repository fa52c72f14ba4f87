"""Demo reports: the evaluation protocol, and rollups refreshed from the demo pupils' progress, so every
dashboard figure has data."""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.demo_protocol import load_demo_protocol
from reports.models import ProgressRollup
from reports.published_pattern import store_pattern
from reports.rollups import refresh_rollups


@dataclass
class DemoReportsSummary:
    created: list[str] = field(default_factory=list)


def load_demo_reports() -> DemoReportsSummary:
    """Freeze the demo's evaluation protocol if there is none, then refresh every rollup once if none exist yet
    or the protocol is new (a full refresh is idempotent anyway), and keep the suppression pattern its pages
    show, as the nightly refresh does."""
    summary = DemoReportsSummary()
    protocol = load_demo_protocol()
    if protocol is not None:
        summary.created.append(f"evaluation protocol {protocol.title}")
    if protocol is not None or not ProgressRollup.objects.exists():
        refresh = refresh_rollups()
        store_pattern(refresh)
        summary.created.append(f"{refresh.rows_written} report rollup rows")
    return summary
