"""Attitude change per survey scale, with Cronbach's alpha, for the dashboard.

A scale is the Likert items of a survey that share a subscale; a pupil's score
is the mean of its items after reverse scoring (so higher is always the more
positive answer), on the items' own range (usually 1 to 5). The scale's name
and range come from the survey as it is now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from courses.models import ModulePage, Survey
from reports.charts import BarChart, ChartRow, bar_chart
from reports.dashboard_analysts import ALL_MODULES, AnalystLine, analyst_line, holm_adjusted
from reports.dashboard_changes import SCALE_DECIMALS, Change, make_change
from reports.dashboard_evidence import Evidence, evidence_for
from reports.dashboard_queries import DashboardFilters, ScaleSums, alpha_sums, scales_by_school
from reports.disclosure import SUPPRESSED, Shown, is_disclosive
from reports.disclosure_cube import scale_measure
from reports.published_pattern import PagePattern
from reports.readings import (
    Reading,
    alpha_reading,
    change_reading,
    count_text,
    hidden_reading,
    interval_text,
    number_text,
)
from reports.stats import cronbach_alpha_from_sums
from schools.models import School


@dataclass(frozen=True)
class ScaleFigure:
    survey_key: str
    scale: str
    label: str
    survey_title: str
    range_text: str
    pairs: Shown
    change: Change
    reading: Reading
    alpha_text: str
    alpha_ci_text: str
    alpha_n: Shown
    alpha_reading: str
    evidence: Evidence
    analyst: AnalystLine
    items_text: str = ""

    @property
    def alpha_hidden(self) -> bool:
        return self.alpha_n == SUPPRESSED

    @property
    def pairs_text(self) -> str:
        return count_text(self.pairs)


@dataclass(frozen=True)
class SurveyScales:
    """One survey's scales, with their chart."""

    survey_key: str
    title: str
    scales: tuple[ScaleFigure, ...]
    chart: BarChart

    @property
    def analysts(self) -> tuple[AnalystLine, ...]:
        return tuple(scale.analyst for scale in self.scales)

    @property
    def alpha_readings(self) -> tuple[str, ...]:
        return tuple(f"{scale.label}: {scale.alpha_reading}" for scale in self.scales)


def by_survey(figures: Sequence[ScaleFigure]) -> list[SurveyScales]:
    """The scale figures grouped by survey (each module has its own), in survey order."""
    groups: dict[str, list[ScaleFigure]] = {}
    for figure in figures:
        groups.setdefault(figure.survey_key, []).append(figure)
    return [
        SurveyScales(key, scales[0].survey_title, tuple(scales), scale_chart(key, scales[0].survey_title, scales))
        for key, scales in groups.items()
    ]


@dataclass(frozen=True)
class ScaleInfo:
    survey_title: str
    minimum: int | None
    maximum: int | None
    items: int = 0
    modules: tuple[str, ...] = ()


def scale_info(survey_keys: Sequence[str]) -> dict[tuple[str, str], ScaleInfo]:
    """Each (survey key, scale)'s survey title, range and modules, from the surveys as they are now (two queries)."""
    found: dict[tuple[str, str], ScaleInfo] = {}
    modules: dict[str, list[str]] = {}
    for key, title in (
        ModulePage.objects.filter(attitude_survey__key__in=sorted(set(survey_keys)))
        .order_by("title")
        .values_list("attitude_survey__key", "title")
    ):
        modules.setdefault(key, []).append(title)
    for survey in Survey.objects.filter(key__in=sorted(set(survey_keys))).only("key", "title", "questions"):
        ranges: dict[str, tuple[int, int, int]] = {}
        for item in survey.definition()["items"]:
            if item["type"] != "likert":
                continue
            low, high, count = ranges.get(item["subscale"], (item["min"], item["max"], 0))
            ranges[item["subscale"]] = (min(low, item["min"]), max(high, item["max"]), count + 1)
        for scale, (low, high, count) in ranges.items():
            found[survey.key, scale] = ScaleInfo(survey.title, low, high, count, tuple(modules.get(survey.key, ())))
    return found


def items_used_text(fewest: int | None, most: int | None, items_now: int) -> str:
    """How many items the scale's change was scored on: those identical in the versions answered before and after.

    "4 of 5 statements" when every pair used the same number, "3 to 5 of 5 statements"
    when some pupils answered versions with fewer items in common; empty with no pairs.
    """
    if fewest is None or most is None:
        return ""
    used = str(most) if fewest == most else f"{fewest} to {most}"
    total = max(items_now, most)
    return f"{used} of {total} statement{'s' if total != 1 else ''}"


def scale_label(scale: str) -> str:
    return scale.replace("_", " ").strip().capitalize() or "Whole survey"


def scale_figures(
    filters: DashboardFilters,
    *,
    school: School | None,
    count_schools: bool,
    module: str | None = None,
    pattern: PagePattern | None = None,
    cell: tuple = (),
) -> list[ScaleFigure]:
    """One figure per scale with any pupils, in survey then scale order (four queries).

    With ``pattern``, a scale's pairs (and so its means) and its alpha respondents are shown as the
    stored pattern has the page's ``cell``; without, by the primary rule alone.

    ``module`` names the module the filters chose (None: every module using the survey is named).
    The scales' p-values are Holm-adjusted across the scales shown (``holm_adjusted``).
    """
    sums = scales_by_school(filters, school=school)
    info = scale_info([key for key, _ in sums])
    # Alpha's item lists are added up to the longest scale's length (its items now; older versions may differ).
    longest = max((known.items for known in info.values()), default=0)
    alphas = alpha_sums(filters, school=school, items=max(longest, 2)) if sums else {}
    shown = []
    for (survey_key, scale), scale_sums in sorted(sums.items()):
        n = scale_sums.change.n
        pairs: Shown = SUPPRESSED if is_disclosive(n, scale_sums.schools if count_schools else None) else n
        if pattern is not None:
            pairs = pattern.shown(cell, scale_measure(survey_key, scale, "pairs"), n)
        change = make_change(scale_sums.change, pairs, scale_sums.school_groups, SCALE_DECIMALS, effect_sizes=True)
        shown.append((survey_key, scale, scale_sums, pairs, change))
    adjusted = holm_adjusted([change.result.p if change.result else None for *_, change in shown])
    figures = []
    for (survey_key, scale, scale_sums, pairs, change), p_holm in zip(shown, adjusted, strict=True):
        known = info.get((survey_key, scale), ScaleInfo(survey_key, None, None))
        label = scale_label(scale)
        range_text = f"{known.minimum} to {known.maximum}" if known.minimum is not None else ""
        unit = f"points on its {range_text} scale" if range_text else "points"
        alpha_hidden = pattern is not None and pattern.is_hidden(cell, scale_measure(survey_key, scale, "alpha"))
        alpha_parts = _alpha(None if alpha_hidden else alphas.get((survey_key, scale)), scale_sums, count_schools)
        measure = f"{known.survey_title}: {label.lower()} scale" + (f" ({range_text})" if range_text else "")
        module_text = module or (", ".join(known.modules) or ALL_MODULES)
        alpha_shown = "" if alpha_parts["alpha_n"] == SUPPRESSED else alpha_parts["alpha_text"]
        figures.append(
            ScaleFigure(
                survey_key=survey_key,
                scale=scale,
                label=label,
                survey_title=known.survey_title,
                range_text=range_text,
                items_text=items_used_text(scale_sums.items_used_min, scale_sums.items_used_max, known.items),
                pairs=pairs,
                change=change,
                reading=change_reading(
                    change.result,
                    subject=f"Scores on the {label.lower()} scale",
                    unit=unit,
                    decimals=SCALE_DECIMALS,
                    pupils="pupils who answered the survey before and after",
                ),
                **alpha_parts,
                evidence=evidence_for(
                    # A survey titled after its module ("Friendships ...: what do you think?") names it already.
                    label=measure if measure.startswith(f"{module_text}:") else f"{module_text}: {measure}",
                    # Named with its survey: modules' surveys share their scales' names.
                    outcome=f"the {label.lower()} scale of “{known.survey_title}”",
                    sums=scale_sums.change,
                    school_groups=scale_sums.school_groups,
                    change=change,
                    count_schools=count_schools,
                ),
                analyst=analyst_line(
                    module=module_text,
                    measure=measure,
                    pairs=count_text(pairs),
                    change=change,
                    p=p_holm,
                    p_note=f"Holm-adjusted across {sum(p is not None for p in adjusted)} scales",
                    alpha=alpha_shown and f"{alpha_shown} ({alpha_parts['alpha_ci_text']})",
                ),
            )
        )
    return figures


def _alpha(found, scale_sums: ScaleSums, count_schools: bool) -> dict:
    hidden = {
        "alpha_text": SUPPRESSED,
        "alpha_ci_text": SUPPRESSED,
        "alpha_n": SUPPRESSED,
        "alpha_reading": hidden_reading("Cronbach's alpha for this scale"),
    }
    if found is None:
        return hidden
    keys, sums = found
    if len(keys) < 2 or sums.n < 2 or is_disclosive(sums.n, scale_sums.alpha_schools if count_schools else None):
        return hidden
    alpha, low, high = cronbach_alpha_from_sums(
        sums.n, sums.item_sums, sums.item_sumsqs, sums.total_sum, sums.total_sumsq
    )
    return {
        "alpha_text": number_text(alpha, 2),
        "alpha_ci_text": interval_text(low, high, 2),
        "alpha_n": sums.n,
        "alpha_reading": alpha_reading(alpha, low, high, sums.n),
    }


def scale_chart(survey_key: str, title: str, figures: Sequence[ScaleFigure]) -> BarChart:
    rows = []
    for figure in figures:
        result = figure.change.result
        label = f"{figure.label} ({figure.range_text})" if figure.range_text else figure.label
        rows.append(
            ChartRow(
                label,
                result.mean_diff if result else None,
                figure.change.text,
                result.ci_low if result else None,
                result.ci_high if result else None,
            )
        )
    return bar_chart(
        key=f"scales-{survey_key}",
        title=f"Change in each scale of “{title}”, before to after the lessons",
        rows=rows,
        tick_format=lambda v: number_text(v, 1, signed=True),
    )
