"""The twice-yearly audit report's figures: a snapshot of rollup sums, and what is published from it.

``collect_snapshot`` reads the rollups of the terms that ended in the
half-year (see ``reports.audit_periods``) into plain JSON: counts and sums
only, before any suppression. ``report_figures`` turns a snapshot into what
the report shows, using nothing but the snapshot, so a stored report can be
checked against the figures it was built from at any later date.

What is shown, and the disclosure rule for each:
- Uptake (schools, pupils assigned, started, completed, passed), uptake by
  district and the attrition flow: protected together as one linked set when
  the snapshot is taken (``reports.audit_protection``: fewer than the
  threshold or fewer than 3 schools, then secondary suppression across every
  line linking the tables); the report shows the stored pattern. A rate with
  its Wilson 95% interval is shown only when both its count and the pupils
  assigned are. A snapshot taken before the pattern was kept is shown as it
  was published: each table on its own (the primary rule for the headline,
  ``reports.dashboard_export.suppressed_uptake`` for the districts).
- Knowledge change (quiz before vs end-of-module, % of the maximum) and each
  attitude scale's change: ``reports.audit_changes``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import cast

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from courses.models import Survey
from reports import disclosure_cube as cube
from reports.attrition import read_flow
from reports.audit_attrition import AuditAttrition, attrition_figures, collect_attrition, flow_rows
from reports.audit_changes import PAIRED_FIELDS, Change, report_changes, shown_number
from reports.audit_pairs import LEFT_OUT_KEY, collect_left_out, left_out_figures, report_pattern
from reports.audit_periods import Period, term_label, terms_ending_in
from reports.audit_protection import (
    NIGHTLY,
    district_table,
    hidden_cells,
    hidden_proportions,
    nightly_hidden,
    pair_pattern,
    protected,
    report_cells,
    shown,
)
from reports.audit_protocols import NONE_FROZEN, collect_protocols, protocol_texts
from reports.audit_terms import TERMS, term_entries
from reports.audit_year_cells import AROUND, beside, year_entries
from reports.dashboard_export import DISTRICTS, MEASURES, UptakeTable, grouped_uptake, suppressed_uptake
from reports.disclosure import MIN_SCHOOLS, SUPPRESSED, is_disclosive, legend
from reports.follow_up import read_follow_up
from reports.models import ProgressRollup, RollupQuerySet, RollupRefresh, ScaleRollup
from reports.pairs_left_out import LeftOut
from reports.protocol_left_out import REASON as OFF_PROTOCOL_REASON
from reports.protocol_left_out import OffProtocol
from reports.published_pattern import current_pattern
from reports.readings import NOT_CAUSE
from reports.stats import wilson_interval

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
    # The surveys' titles as they are when the report is frozen (a later edit does not change a published report).
    titles = dict(Survey.objects.filter(key__in={row["survey_key"] for row in scale_rows}).values_list("key", "title"))
    refresh = RollupRefresh.objects.last_full()
    attrition = collect_attrition(progress, scales)
    return protected(
        {
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
            "scales": [_scale_sums(cast(dict, row), scale_groups, titles) for row in scale_rows if row["schools"]],
            "attrition": attrition,
            LEFT_OUT_KEY: collect_left_out(progress),
            "protocols": collect_protocols(period),
            NIGHTLY: nightly_hidden(terms),
            TERMS: term_entries(_term_figures(progress, scales, terms, attrition["districts"])),
            AROUND: _year_entries(terms, attrition["districts"]),
        }
    )


def _term_figures(
    progress: RollupQuerySet, scales: QuerySet, terms: list[tuple[int, int]], names: dict
) -> list[tuple[int, int, dict]]:
    """Each term's figures as the report's cells (``reports.audit_terms``): eleven queries a term."""
    found = []
    for year, term in terms:
        # ``cube.ALL`` (0) for the whole year or every year's (``reports.audit_year_cells``).
        rows = progress.filter(**_term_filter(year, term))
        totals = rows.totals()
        districts, district_schools = grouped_uptake(
            rows.filter(pupils_assigned__gt=0), group="school__district_id", label="school__district__name"
        )
        term_scales = scales.filter(**_term_filter(year, term))
        figures = {
            "uptake": {
                "schools": _schools(rows, pupils_assigned__gt=0),
                **{name: int(totals[name]) for name, _ in MEASURES},
            },
            "districts": {"rows": districts, "schools": district_schools},
            "knowledge": {"n": int(totals["knowledge_pairs"]), "schools": _schools(rows, knowledge_pairs__gt=0)},
            "scales": list(
                term_scales.values("survey_key", "scale")
                .annotate(n=Sum("pairs"), schools=Count("school", distinct=True, filter=Q(pairs__gt=0)))
                .order_by("survey_key", "scale")
            ),
            LEFT_OUT_KEY: collect_left_out(rows),
            "attrition": {
                "flow": flow_rows(read_flow(rows)),
                "districts": names,
                **read_follow_up(rows, term_scales),
            },
        }
        found.append((year, term, report_cells(figures)[0]))
    return found


def _term_filter(year: int, term: int) -> dict:
    return {
        **({"academic_year": year} if year != cube.ALL else {}),
        **({"term": term} if term != cube.ALL else {}),
    }


def _year_entries(terms: list[tuple[int, int]], names: dict) -> list[dict]:
    """The snapshot's ``AROUND`` (``reports.audit_year_cells``): the nightly cells beside the report's terms."""
    cells = beside(terms)
    pattern = current_pattern() if cells else None
    if pattern is None:
        return []
    figures = _term_figures(ProgressRollup.objects.all(), ScaleRollup.objects.all(), cells, names)
    return year_entries(pattern, terms[0][0], figures)


def _scale_sums(row: dict, groups: dict[tuple, list[list]], titles: dict[str, str]) -> dict:
    return {
        "survey_key": row["survey_key"],
        "survey_title": titles.get(row["survey_key"], ""),
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


def _proportion(label: str, count: int, assigned: int, schools: int) -> Proportion:
    if is_disclosive(assigned, schools) or is_disclosive(count, schools):
        return Proportion(label, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED)
    low, high = wilson_interval(count, assigned)
    percents = (shown_number(100 * value, 1) for value in (count / assigned, low, high))
    return Proportion(label, count, *percents)


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
    # Whether the tables were protected together when the report was frozen (``reports.audit_protection``).
    protected_together: bool = False
    # The pairs left out, by reason and as off the protocol (``reports.audit_pairs``); none in older reports.
    left_out: tuple[LeftOut, ...] = ()
    off_protocol: OffProtocol | None = None
    off_protocol_reason: str = OFF_PROTOCOL_REASON

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
    hidden = hidden_cells(snapshot)
    if hidden is not None:
        proportions = hidden_proportions(proportions, hidden)
    pairs_hidden = pair_pattern(snapshot)
    left_out, off_protocol = left_out_figures(snapshot, pairs_hidden)
    knowledge, scales = report_changes(snapshot, pairs_hidden)
    return ReportFigures(
        period=str(period),
        terms=[term["label"] for term in snapshot["terms"]],
        data_as_of=_moment(snapshot["rollups_refreshed_at"]),
        schools=schools if schools >= MIN_SCHOOLS else SUPPRESSED,
        assigned=SUPPRESSED
        if is_disclosive(assigned, schools)
        else shown(hidden or set(), "pupils_assigned", assigned),
        proportions=proportions,
        districts=(
            suppressed_uptake(districts["rows"], districts["schools"], **DISTRICTS)
            if hidden is None
            else district_table(snapshot, hidden)
        ),
        knowledge=knowledge,
        scales=scales,
        legend=legend(),
        attrition=attrition_figures(
            snapshot.get("attrition"),
            hidden,
            None if pairs_hidden is None else report_pattern(pairs_hidden, int(snapshot["suppression_threshold"])),
        ),
        protocols=tuple(protocol_texts(snapshot.get("protocols"))),
        protected_together=hidden is not None,
        left_out=left_out,
        off_protocol=off_protocol,
    )
