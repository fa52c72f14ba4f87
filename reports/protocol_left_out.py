"""How many before-and-after pairs in order are left out because they were answered on another version.

A frozen evaluation protocol names the quiz and survey versions its period is
evaluated on; a pair answered on any other version of those instruments is left
out of the figures that answer it (``reports.rollup_protocols``) and counted here
from the rollups (one query). The measures are one line with their total,
suppressed like the other pairs left out (``reports.disclosure.suppress_series``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from reports.disclosure import Shown, suppress_series
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


def off_protocol_left_out(rows: QuerySet, *, count_schools: bool, public: bool = False) -> OffProtocol:
    """The pairs left out as off the protocol over ``rows`` (ProgressRollup rows already filtered).

    ``count_schools``: apply the 3-school rule (not on a single school's own page).
    ``public``: round shown counts to the nearest 5 (``reports.disclosure.round_public``).
    """
    fields = [name for _, name in MEASURES]
    per_school = list(rows.order_by().values("school_id").annotate(**{f"n_{f}": Sum(f) for f in fields}))
    counts = [sum(int(row[f"n_{name}"] or 0) for row in per_school) for name in fields]
    schools = [sum(1 for row in per_school if row[f"n_{name}"]) for name in fields]
    total_schools = sum(1 for row in per_school if any(row[f"n_{name}"] for name in fields))
    series = suppress_series(
        counts, schools if count_schools else None, total_schools=total_schools if count_schools else None
    )
    if public:
        series = series.rounded()
    return OffProtocol(tuple(label for label, _ in MEASURES), tuple(series.values), series.total)
