"""How many before-and-after pairs in order are left out because they were answered on another version.

A frozen evaluation protocol names the quiz and survey versions its period is
evaluated on; a pair answered on any other version of those instruments is left
out of the figures that answer it (``reports.rollup_protocols``) and counted here
from the rollups (one query). Each count, and their total, is a cell of the refresh's
linked set (``reports.disclosure_flow``: the three add up to the total within a cell, and
each adds up across schools, districts and filters like any other count), shown as the
stored pattern has it, like the other pairs left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from reports.disclosure import Shown, round_public
from reports.disclosure_flow import OFF_PROTOCOL, OFF_PROTOCOL_TOTAL
from reports.published_pattern import PagePattern
from reports.readings import count_text

REASON = "answered on a quiz or survey version the evaluation protocol of their period does not name"
MEASURES = (
    ("Quiz (knowledge)", "knowledge_off_protocol"),
    ("Survey (attitudes)", "survey_off_protocol"),
    ("Follow-up survey", "follow_up_off_protocol"),
)


@dataclass(frozen=True)
class OffProtocol:
    """Pairs left out as off the protocol, as shown: each measure, then in all."""

    labels: tuple[str, ...]
    counts: tuple[Shown, ...]
    total: Shown

    @property
    def rows(self) -> list[tuple[str, str]]:
        return [(label, count_text(count)) for label, count in zip(self.labels, self.counts, strict=True)]

    @property
    def total_text(self) -> str:
        return count_text(self.total)


def off_protocol_left_out(rows: QuerySet, *, pattern: PagePattern, key: tuple, public: bool = False) -> OffProtocol:
    """The pairs left out as off the protocol over ``rows`` (ProgressRollup rows already filtered), as the
    stored ``pattern`` shows the page's cell ``key`` (one query).

    ``public``: round shown counts to the nearest 5 (``reports.disclosure.round_public``).
    """
    sums = rows.order_by().aggregate(**{name: Sum(name) for name in OFF_PROTOCOL})
    return off_protocol_from(sums, pattern=pattern, key=key, public=public)


def off_protocol_from(sums: Mapping[str, int | None], *, pattern: PagePattern, key: tuple, public: bool) -> OffProtocol:
    """The pairs left out as off the protocol from the counts of ``OFF_PROTOCOL``, as ``pattern`` shows ``key``."""
    counts = [int(sums[name] or 0) for name in OFF_PROTOCOL]
    shown = [
        pattern.shown(key, name, value)
        for name, value in (*zip(OFF_PROTOCOL, counts, strict=True), (OFF_PROTOCOL_TOTAL, sum(counts)))
    ]
    if public:
        shown = [round_public(value) if isinstance(value, int) else value for value in shown]
    *each, total = shown
    return OffProtocol(tuple(label for label, _ in MEASURES), tuple(each), total)
