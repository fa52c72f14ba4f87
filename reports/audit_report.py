"""The twice-yearly audit report's figures: a snapshot of rollup sums, and what is published from it.

``collect_snapshot`` reads the rollups of the terms that ended in the
half-year (see ``reports.audit_periods``) into plain JSON: counts and sums
only, before any suppression. ``report_figures`` turns a snapshot into what
the report shows, using nothing but the snapshot, so a stored report can be
checked against the figures it was built from at any later date.

What is shown, and the disclosure rule for each:
- Uptake (schools, pupils assigned, started, completed, passed): a count is
  hidden when it is fewer than the threshold or comes from fewer than 3
  schools (the rule of ``reports.disclosure``, so the headline agrees with the
  district table's total); a rate with its Wilson 95% interval is shown only
  when both its count and the pupils assigned are.
- Uptake by district: ``reports.dashboard_export.suppressed_uptake``.
- Knowledge change (quiz before vs end-of-module, % of the maximum) and each
  attitude scale's change: from stored sums and each school's (n, Σd, Σd²)
  (``reports.stats_pooled.pooled_change``: a CR2 interval clustered by school on
  schools - 1 degrees of freedom, no p-value below 10 schools; the scales'
  p-values Holm-adjusted across the scales shown), hidden below the threshold
  of matched pairs or 3 schools. A snapshot of version 1 has no per-school
  sums: its changes are worked out as they were published then, with the
  pupil-level paired t, and say so.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import cast

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from reports.audit_attrition import AuditAttrition, attrition_figures, collect_attrition
from reports.audit_periods import Period, term_label, terms_ending_in
from reports.audit_protocols import NONE_FROZEN, collect_protocols, protocol_texts
from reports.dashboard_analysts import holm_adjusted
from reports.dashboard_export import DISTRICTS, MEASURES, UptakeTable, grouped_uptake, suppressed_uptake
from reports.disclosure import MIN_SCHOOLS, SUPPRESSED, is_disclosive, legend
from reports.models import ProgressRollup, RollupRefresh, ScaleRollup
from reports.readings import NOT_CAUSE, change_reading, p_value_text
from reports.stats import wilson_interval
from reports.stats_pooled import PooledChange, pooled_change

PAIRED_FIELDS = ("n", "sum_pre", "sum_post", "sumsq_pre", "sumsq_post", "sum_diff", "sumsq_diff")
KNOWLEDGE_FIELDS = {
    "n": "knowledge_pairs",
    "sum_pre": "knowledge_sum_pre",
    "sum_post": "knowledge_sum_post",
    "sumsq_pre": "knowledge_sumsq_pre",
    "sumsq_post": "knowledge_sumsq_post",
    "sum_diff": "knowledge_sum_diff",
    "sumsq_diff": "knowledge_sumsq_diff",
}
SCALE_FIELDS = {
    "n": "pairs",
    "sum_pre": "sum_pre",
    "sum_post": "sum_post",
    "sumsq_pre": "sumsq_pre",
    "sumsq_post": "sumsq_post",
    "sum_diff": "sum_diff",
    "sumsq_diff": "sumsq_diff",
}
SNAPSHOT_VERSION = 2
# Shown for a statistic that does not exist (all differences equal, or n = 2 for g).
NOT_AVAILABLE = "n/a"


def _in_terms(terms: list[tuple[int, int]]) -> Q:
    condition = Q(pk__in=[])
    for academic_year, term in terms:
        condition |= Q(academic_year=academic_year, term=term)
    return condition


def _schools(rows: QuerySet, **positive: int) -> int:
    return rows.filter(**positive).values("school").distinct().count()


def _school_groups(rows: QuerySet, n: str, total: str, total_sq: str, *keys: str) -> dict[tuple, list[list]]:
    """Each school's [n, Σd, Σd²] of the rows' pairs, in school order, per value of ``keys`` (one query)."""
    grouped = (
        rows.order_by()
        .values(*keys, "school")
        .annotate(pairs=Sum(n), sum_diff=Sum(total), sumsq_diff=Sum(total_sq))
        .filter(pairs__gt=0)
        .order_by(*keys, "school")
        .values_list(*keys, "pairs", "sum_diff", "sumsq_diff")
    )
    found: dict[tuple, list[list]] = {}
    for *key, pairs, sum_diff, sumsq_diff in grouped:
        found.setdefault(tuple(key), []).append([int(pairs), float(sum_diff), float(sumsq_diff)])
    return found


def collect_snapshot(period: Period) -> dict:
    """Every count and sum the report needs, from the rollups of the terms that ended in ``period``.

    A fixed number of queries whatever the number of schools or pupils.
    """
    terms = terms_ending_in(period)
    progress = ProgressRollup.objects.filter(_in_terms(terms))
    scales = ScaleRollup.objects.filter(_in_terms(terms))
    totals = progress.totals()
    districts, district_schools = grouped_uptake(
        progress.filter(pupils_assigned__gt=0), group="school__district_id", label="school__district__name"
    )
    scale_rows = (
        scales.values("survey_key", "scale")
        .annotate(
            schools=Count("school", distinct=True, filter=Q(pairs__gt=0)),
            **{f"total_{name}": Sum(field) for name, field in SCALE_FIELDS.items()},
        )
        .order_by("survey_key", "scale")
    )
    scale_groups = _school_groups(scales, "pairs", "sum_diff", "sumsq_diff", "survey_key", "scale")
    refresh = RollupRefresh.objects.last_full()
    return {
        "version": SNAPSHOT_VERSION,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "terms": [{"academic_year": year, "term": term, "label": term_label(year, term)} for year, term in terms],
        "rollups_refreshed_at": refresh.finished_at.isoformat() if refresh and refresh.finished_at else None,
        "suppression_threshold": int(settings.SUPPRESSION_THRESHOLD),
        "min_schools": MIN_SCHOOLS,
        "uptake": {
            "schools": _schools(progress, pupils_assigned__gt=0),
            **{name: int(totals[name]) for name, _ in MEASURES},
        },
        "districts": {"rows": districts, "schools": district_schools},
        "knowledge": {
            "schools": _schools(progress, knowledge_pairs__gt=0),
            **{name: totals[field] for name, field in KNOWLEDGE_FIELDS.items()},
            "school_groups": _school_groups(
                progress, "knowledge_pairs", "knowledge_sum_diff", "knowledge_sumsq_diff"
            ).get((), []),
        },
        "scales": [_scale_sums(cast(dict, row), scale_groups) for row in scale_rows if row["schools"]],
        "attrition": collect_attrition(progress, scales),
        "protocols": collect_protocols(period),
    }


def _scale_sums(row: dict, groups: dict[tuple, list[list]]) -> dict:
    return {
        "survey_key": row["survey_key"],
        "scale": row["scale"],
        "schools": row["schools"],
        **{name: row[f"total_{name}"] for name in PAIRED_FIELDS},
        "school_groups": groups.get((row["survey_key"], row["scale"]), []),
    }


# --- What the report shows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Proportion:
    label: str
    count: int | str
    percent: str
    ci_low: str
    ci_high: str


@dataclass(frozen=True)
class Change:
    """A paired pre/post change as shown: rounded, or every figure ``SUPPRESSED``.

    ``interval`` says how its interval was worked out; ``p`` is the p-value shown
    (Holm-adjusted for the scales; NOT_AVAILABLE below 10 schools).
    """

    label: str
    pairs: int | str
    mean_pre: str
    mean_post: str
    mean_diff: str
    ci_low: str
    ci_high: str
    d_z: str
    g_z: str
    reading: str
    interval: str = ""
    p: str = SUPPRESSED

    @property
    def suppressed(self) -> bool:
        return self.pairs == SUPPRESSED


def _proportion(label: str, count: int, assigned: int, schools: int) -> Proportion:
    if is_disclosive(assigned, schools) or is_disclosive(count, schools):
        return Proportion(label, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED)
    low, high = wilson_interval(count, assigned)
    return Proportion(label, count, _number(100 * count / assigned, 1), _number(100 * low, 1), _number(100 * high, 1))


def _number(value: float, places: int) -> str:
    """The value with a fixed number of decimal places, as shown (``NOT_AVAILABLE`` when it does not exist)."""
    return NOT_AVAILABLE if math.isnan(value) or math.isinf(value) else f"{value:.{places}f}"


def _reading(label: str, unit: str, low: float, high: float, diff: float) -> str:
    """One plain-English sentence: a rise, a fall, or no clear change (the interval includes 0)."""
    if math.isnan(low) or math.isnan(high) or low <= 0 <= high:
        return f"{label}: no clear change (the 95% interval includes no change)."
    direction = "rose" if diff > 0 else "fell"
    return f"{label} {direction} by {abs(diff):.1f} {unit} on average (95% interval {low:.1f} to {high:.1f})."


def _pooled(sums: dict) -> PooledChange | None:
    """The change from a snapshot's sums, or None when hidden (too few pairs or schools).

    A version 1 snapshot has no per-school sums: its pairs are taken as one group,
    which gives the pupil-level paired t it was published with.
    """
    n = int(sums["n"])
    if n < 2 or is_disclosive(n, int(sums["schools"])):
        return None
    groups = sums.get("school_groups", [[n, sums["sum_diff"], sums["sumsq_diff"]]])
    return pooled_change(tuple(sums[name] for name in PAIRED_FIELDS), [tuple(group) for group in groups])


def _change(label: str, sums: dict, unit: str, change: PooledChange | None, p: float | None) -> Change:
    if change is None:
        hidden = dict.fromkeys(("mean_pre", "mean_post", "mean_diff", "ci_low", "ci_high", "d_z", "g_z"), SUPPRESSED)
        return Change(label=label, pairs=SUPPRESSED, reading=f"{label}: too few matched pupils to report.", **hidden)
    if "school_groups" in sums:
        plain = change_reading(change, subject=label, unit=unit, decimals=1, pupils="matched pupils")
        reading = " ".join((plain.took_part, plain.changed, plain.how_sure))
        interval = f"clustered by school ({change.schools} schools)" if change.clustered else "pupil-level (one school)"
    else:
        reading = _reading(label, unit, change.ci_low, change.ci_high, change.mean_diff)
        interval = "pupil-level (built before intervals allowed for schools)"
    return Change(
        label=label,
        pairs=change.n,
        mean_pre=_number(change.mean_pre, 1),
        mean_post=_number(change.mean_post, 1),
        mean_diff=_number(change.mean_diff, 1),
        ci_low=_number(change.ci_low, 1),
        ci_high=_number(change.ci_high, 1),
        d_z=_number(change.d_z, 2),
        g_z=_number(change.g_z, 2),
        reading=reading,
        interval=interval,
        p=NOT_AVAILABLE if p is None else p_value_text(p),
    )


def _changes(snapshot: dict) -> tuple[Change, list[Change]]:
    """The knowledge change (its own p) and the scales' (p Holm-adjusted across the scales shown)."""
    knowledge = _pooled(snapshot["knowledge"])
    knowledge_p = knowledge.p if knowledge else None
    scales = [_pooled(row) for row in snapshot["scales"]]
    adjusted = holm_adjusted([change.p if change else None for change in scales])
    return (
        _change("Knowledge score", snapshot["knowledge"], "percentage points", knowledge, knowledge_p),
        [
            _change(f"{row['survey_key']}: {row['scale'] or 'whole survey'}", row, "points", change, p)
            for row, change, p in zip(snapshot["scales"], scales, adjusted, strict=True)
        ],
    )


@dataclass(frozen=True)
class ReportFigures:
    period: str
    terms: list[str]
    data_as_of: str | None
    schools: int | str
    assigned: int | str
    proportions: list[Proportion]
    districts: UptakeTable
    knowledge: Change
    scales: list[Change]
    legend: str
    not_cause: str = NOT_CAUSE
    attrition: AuditAttrition | None = None
    # The frozen evaluation protocols the half-year answers (``reports.audit_protocols``); none: descriptive.
    protocols: tuple[str, ...] = ()
    no_protocol: str = NONE_FROZEN

    @property
    def all_changes(self) -> list[Change]:
        return [self.knowledge, *self.scales]

    def as_dict(self) -> dict:
        return asdict(self)


def _moment(text: str | None) -> str | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text).astimezone(UTC)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def report_figures(snapshot: dict) -> ReportFigures:
    """What the report shows, computed from the snapshot alone (suppression and statistics applied)."""
    period = Period(date.fromisoformat(snapshot["period"]["start"]), date.fromisoformat(snapshot["period"]["end"]))
    uptake = snapshot["uptake"]
    schools, assigned = uptake["schools"], uptake["pupils_assigned"]
    proportions = [
        _proportion(label, uptake[name], assigned, schools) for name, label in MEASURES if name != "pupils_assigned"
    ]
    districts = snapshot["districts"]
    knowledge, scales = _changes(snapshot)
    return ReportFigures(
        period=str(period),
        terms=[term["label"] for term in snapshot["terms"]],
        data_as_of=_moment(snapshot["rollups_refreshed_at"]),
        schools=schools if schools >= MIN_SCHOOLS else SUPPRESSED,
        assigned=SUPPRESSED if is_disclosive(assigned, schools) else assigned,
        proportions=proportions,
        districts=suppressed_uptake(districts["rows"], districts["schools"], **DISTRICTS),
        knowledge=knowledge,
        scales=scales,
        legend=legend(),
        attrition=attrition_figures(snapshot.get("attrition")),
        protocols=tuple(protocol_texts(snapshot.get("protocols"))),
    )
