"""Who stayed, and for how long: the baseline check of attrition and the follow-up wave, from the rollups.

- Baseline check: the quiz score before the lessons (out of 100) of pupils who took the
  end-of-module quiz, against that of pupils who did not (``reports.stats_baseline``).
- Retention: of the pupils with a survey pair before and after the lessons (in order), how
  many also answered the follow-up survey in order.
- Change to the follow-up: each attitude scale's change from before the lessons to the
  follow-up survey, with the same interval as the change to after the lessons
  (``reports.stats_pooled.pooled_change``: CR2 clustered by school when it pools schools,
  one school's pupil-level interval otherwise).

On the dashboard the retention, each scale's follow-up pairs and the baseline check's two groups
are cells of the refresh's linked set (``reports.disclosure_flow``, ``reports.disclosure_cube``),
shown as the stored pattern has them; a scale's change to the follow-up is shown only with its
pairs, and the baseline check only when both its groups are. The audit report's are cells of its
own set (``reports.audit_pairs``). A report frozen before that (no stored pattern) hides each
figure about fewer pupils than the threshold or, above one school, fewer than 3 schools
(``reports.disclosure.is_disclosive``); the baseline check needs both of its groups to pass.
Two queries, whatever the area.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from reports.dashboard_scales import scale_label
from reports.disclosure import SUPPRESSED, Shown, is_disclosive, threshold
from reports.disclosure_cube import SCHOOL, scale_measure
from reports.disclosure_flow import BASELINE_FIELDS as BASELINE_COUNTS
from reports.published_pattern import PagePattern
from reports.readings import (
    Reading,
    change_reading,
    count_text,
    hidden_reading,
    interval_text,
    number_text,
    percent_text,
)
from reports.rollup_sums import PairedSums
from reports.stats_baseline import BaselineDifference, baseline_difference
from reports.stats_pooled import PooledChange, pooled_change

BASELINE_FIELDS = (
    "baseline_with_post",
    "baseline_with_post_sum",
    "baseline_with_post_sumsq",
    "baseline_without_post",
    "baseline_without_post_sum",
    "baseline_without_post_sumsq",
    "survey_pairs",
    "follow_up_retained",
)
# The baseline check's two counts as the stored pattern names them.
BASELINE_GROUPS = tuple(BASELINE_COUNTS)
FOLLOW_UP_FIELDS = (
    "follow_up_pairs",
    "follow_up_sum_pre",
    "follow_up_sum_post",
    "follow_up_sumsq_pre",
    "follow_up_sumsq_post",
    "follow_up_sum_diff",
    "follow_up_sumsq_diff",
)


@dataclass(frozen=True)
class Baseline:
    reading: str
    analyst: str
    difference: BaselineDifference | None


@dataclass(frozen=True)
class Retention:
    survey_pairs: Shown
    retained: Shown
    reading: str


@dataclass(frozen=True)
class FollowUpScale:
    label: str
    survey_key: str
    pairs: Shown
    change: PooledChange | None
    reading: Reading

    @property
    def cells(self) -> tuple[str, ...]:
        """Pairs, mean before, mean at follow-up, change and its 95% interval, as shown."""
        if self.change is None:
            return (count_text(self.pairs), SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED)
        c = self.change
        return (
            count_text(self.pairs),
            number_text(c.mean_pre, 1),
            number_text(c.mean_post, 1),
            number_text(c.mean_diff, 1, signed=True),
            interval_text(c.ci_low, c.ci_high, 1),
        )


@dataclass(frozen=True)
class FollowUp:
    baseline: Baseline
    retention: Retention
    scales: tuple[FollowUpScale, ...]


def read_follow_up(progress_rows: QuerySet, scale_rows: QuerySet) -> dict[str, list[dict]]:
    """Each school's baseline and retention sums, and each scale's follow-up sums per school: two queries.

    Plain numbers (JSON), so the audit report can keep them in its snapshot.
    """
    schools = progress_rows.order_by().values("school_id").annotate(**{f: Sum(f) for f in BASELINE_FIELDS})
    scales = (
        scale_rows.order_by()
        .values("survey_key", "scale", "school_id")
        .annotate(**{f: Sum(f) for f in FOLLOW_UP_FIELDS})
        .filter(follow_up_pairs__gt=0)
        .order_by("survey_key", "scale", "school_id")
    )
    return {
        "schools": [{k: (0 if v is None else v) for k, v in row.items()} for row in schools],
        "scales": [{k: (0 if v is None else v) for k, v in row.items()} for row in scales],
    }


@dataclass(frozen=True)
class Stored:
    """The stored pattern of the refresh and the page's cell: retention and follow-up pairs are shown as it has them."""

    pattern: PagePattern
    key: tuple

    def shown(self, measure: str, count: int) -> Shown:
        return self.pattern.shown(self.key, measure, count)


def follow_up_from(data: dict[str, list[dict]], *, count_schools: bool, stored: Stored | None = None) -> FollowUp:
    """The baseline check, retention and change to the follow-up from ``read_follow_up``'s numbers.

    ``stored``: the page's cell of the refresh's pattern (the dashboard); None for the frozen audit report.
    """
    return FollowUp(
        baseline=_baseline(data["schools"], count_schools, stored),
        retention=_retention(data["schools"], count_schools, stored),
        scales=tuple(_scales(data["scales"], count_schools, stored)),
    )


def follow_up_figures(progress_rows: QuerySet, scale_rows: QuerySet, *, pattern: PagePattern, key: tuple) -> FollowUp:
    """The dashboard's baseline check, retention and change to the follow-up over the rollup rows (already
    filtered), the retention and follow-up pairs as the stored ``pattern`` shows the page's cell ``key``."""
    return follow_up_from(
        read_follow_up(progress_rows, scale_rows), count_schools=key[0] != SCHOOL, stored=Stored(pattern, key)
    )


def _shown(count: int, schools: int, count_schools: bool) -> Shown:
    return SUPPRESSED if is_disclosive(count, schools if count_schools else None) else count


def _baseline(per_school: list[dict], count_schools: bool, stored: Stored | None) -> Baseline:
    def side(prefix: str) -> dict[int, tuple[int, float, float]]:
        return {
            row["school_id"]: (
                int(row[prefix] or 0),
                float(row[f"{prefix}_sum"] or 0),
                float(row[f"{prefix}_sumsq"] or 0),
            )
            for row in per_school
            if row[prefix]
        }

    stayed, lost = side("baseline_with_post"), side("baseline_without_post")
    counts = [sum(n for n, _, _ in group.values()) for group in (stayed, lost)]
    if stored is not None:
        shown = [stored.shown(name, n) for name, n in zip(BASELINE_GROUPS, counts, strict=True)]
    else:
        shown = [_shown(n, len(group), count_schools) for n, group in zip(counts, (stayed, lost), strict=True)]
    if SUPPRESSED in shown or not stayed or not lost:
        return Baseline(hidden_reading("the comparison of scores before the lessons"), "", None)
    found = baseline_difference(stayed, lost)
    words = (
        f"Before the lessons, the {count_text(found.n_a)} pupils who went on to take the end-of-module quiz scored "
        f"{number_text(found.mean_a, 1)} out of 100 on average, and the {count_text(found.n_b)} who did not "
        f"{number_text(found.mean_b, 1)}: a difference of {number_text(found.difference, 1, signed=True)} points."
    )
    if found.ci_low != found.ci_low:
        words += " There are too few schools to say how sure this is."
    elif found.ci_low <= 0 <= found.ci_high:
        words += (
            f" The 95% confidence interval, {interval_text(found.ci_low, found.ci_high, 1)}, includes no difference: "
            "no clear sign that the pupils lost started differently."
        )
    else:
        words += (
            f" The 95% confidence interval is {interval_text(found.ci_low, found.ci_high, 1)}: the pupils lost started "
            "differently, so the change may not hold for them."
        )
    how = (
        f"CR2 interval clustered by school, t on {found.schools} - 2 degrees of freedom"
        if found.clustered
        else f"one school's pupils: Welch's t, {number_text(found.df, 1)} degrees of freedom (pupil-level)"
    )
    analyst = f"Baseline check, quiz before the lessons (out of 100), took the end quiz minus did not: {how}."
    return Baseline(words, analyst, found)


def _retention(per_school: list[dict], count_schools: bool, stored: Stored | None) -> Retention:
    pairs = sum(int(row["survey_pairs"] or 0) for row in per_school)
    kept = sum(int(row["follow_up_retained"] or 0) for row in per_school)
    if stored is not None:
        shown_pairs, shown_kept = stored.shown("survey_pairs", pairs), stored.shown("follow_up_retained", kept)
    else:
        pair_schools = sum(1 for row in per_school if row["survey_pairs"])
        kept_schools = sum(1 for row in per_school if row["follow_up_retained"])
        shown_pairs = _shown(pairs, pair_schools, count_schools)
        shown_kept = _shown(kept, kept_schools, count_schools)
        # The pupils not kept are a count too: hide both when it is small, or the small group follows.
        if shown_kept != SUPPRESSED and shown_pairs != SUPPRESSED and 0 < pairs - kept < threshold():
            shown_kept = SUPPRESSED
    if isinstance(shown_pairs, int) and isinstance(shown_kept, int) and pairs:
        words = (
            f"Of the {count_text(pairs)} pupils who answered the survey before and after the lessons, "
            f"{count_text(kept)} ({percent_text(kept / pairs)}) also answered the follow-up survey."
        )
    elif shown_pairs == 0 or pairs == 0:
        words = "No pupil has answered the survey before and after the lessons yet."
    else:
        words = hidden_reading("how many pupils answered the follow-up survey")
    return Retention(shown_pairs, shown_kept, words)


def _scales(grouped: list[dict], count_schools: bool, stored: Stored | None):
    sums: dict[tuple[str, str], PairedSums] = defaultdict(PairedSums)
    groups: dict[tuple[str, str], list[tuple[int, float, float]]] = defaultdict(list)
    for row in grouped:
        key = (row["survey_key"], row["scale"])
        school = PairedSums(*(row[f] or 0 for f in FOLLOW_UP_FIELDS))
        total = sums[key]
        for name, value in zip(total.__dataclass_fields__, school.as_tuple(), strict=True):
            setattr(total, name, getattr(total, name) + value)
        groups[key].append((int(school.n), float(school.sum_diff), float(school.sumsq_diff)))
    for (survey_key, scale), total in sorted(sums.items()):
        label = scale_label(scale)
        pairs = (
            stored.shown(scale_measure(survey_key, scale, "follow_up_pairs"), int(total.n))
            if stored is not None
            else _shown(int(total.n), len(groups[survey_key, scale]), count_schools)
        )
        change = (
            None if pairs == SUPPRESSED or total.n < 2 else pooled_change(total.as_tuple(), groups[survey_key, scale])
        )
        yield FollowUpScale(
            label=label,
            survey_key=survey_key,
            pairs=pairs,
            change=change,
            reading=change_reading(
                change,
                subject=f"Scores on the {label.lower()} scale",
                unit="points",
                decimals=1,
                pupils="pupils who answered the survey before the lessons and at follow-up",
            ),
        )
