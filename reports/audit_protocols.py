"""Which frozen evaluation protocol the audit report's half-year answers, kept in its snapshot.

The report is built from its snapshot alone (``reports.audit_report``), so the
protocols are written into it when it is collected: each one's title, when it was
frozen and the fingerprint (SHA-256) of its published record, which anyone can check
against the transparency page.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date

from reports.audit_periods import Period
from reports.protocol import protocols_answered

NONE_FROZEN = (
    "No evaluation protocol was frozen for this half-year, so these figures describe what happened; "
    "none of them was set out in advance."
)


def collect_protocols(period: Period) -> list[dict]:
    """The frozen protocols whose period overlaps the half-year (one query)."""
    return [
        {
            "title": protocol.title,
            "frozen_at": protocol.frozen_at.isoformat() if protocol.frozen_at else None,
            "digest": protocol.digest,
        }
        for protocol in protocols_answered(period.start, period.end)
    ]


def protocol_texts(protocols: list[dict] | None) -> list[str]:
    """How the report names each protocol it answers: its title, when it was frozen and its fingerprint."""
    texts = []
    for protocol in protocols or ():
        frozen = protocol["frozen_at"]
        when = format_date(timezone.localtime(datetime.fromisoformat(frozen)), "j F Y, H:i T") if frozen else ""
        texts.append(f"“{protocol['title']}”, frozen {when} (SHA-256 {protocol['digest']})")
    return texts
