"""Rollup tables: counts and sums per school x academic year x term x year group x module x gender.

Commissioner and evaluator pages read these (and the School rows they point to),
never the answer rows. They are written only by ``reports.rollups.refresh_rollups``,
which replaces one school's rows at a time in one transaction.

Every figure is a count or a sum, so rows add up to any level (school, district,
county; a term, a year; a module, all modules). Uptake counts include every pupil
assigned; every evaluation figure (survey counts, knowledge and attitude sums)
counts only pupils in the evaluation (not opted out, not withdrawn).

FSM band and urban/rural come from the school: annotate with ``with_bands()``.
"""

from __future__ import annotations

from typing import cast

from django.db import models
from django.db.models.functions import Coalesce

from reports.rollup_bands import fsm_band_expression, locality_expression
from reports.rollup_sums import AlphaSums, PairedSums
from reports.terms import Term
from schools.models import YEAR_GROUPS, Gender

ROLLUP_KEY: list[str] = ["school", "academic_year", "term", "year_group", "module", "gender"]


class RollupQuerySet(models.QuerySet):
    def with_bands(self):
        """Annotate each row with its school's ``fsm_band`` and ``locality`` (see ``reports.rollup_bands``)."""
        return self.annotate(fsm_band=fsm_band_expression(), locality=locality_expression())

    def totals(self) -> dict[str, float | int]:
        """The sum of every count and sum field over the rows (0 when there are none). One query."""
        model = cast("type[Rollup]", self.model)
        sums = {}
        for name in model.summed_fields:
            zero = 0.0 if isinstance(model._meta.get_field(name), models.FloatField) else 0
            sums[name] = Coalesce(models.Sum(name), models.Value(zero))
        return self.aggregate(**sums)


class Rollup(models.Model):
    """The key every rollup row shares. Year group and academic year are the class's."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    academic_year = models.PositiveSmallIntegerField(help_text="The year the academic year starts, e.g. 2026.")
    term = models.PositiveSmallIntegerField(choices=Term.choices, help_text="The term the assignment opened in.")
    year_group = models.PositiveSmallIntegerField(choices=YEAR_GROUPS)
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    refreshed_at = models.DateTimeField()

    summed_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True


class ProgressRollup(Rollup):
    """Uptake and knowledge change, from ModuleProgress.

    Counts are of pupil-assignment pairs: the pupils now in the class plus any
    pupil with progress in the assignment (who may since have left the class).
    Started means any activity (a lesson, quiz or survey); completed and passed
    are always kept apart. The quiz and pass counts are outcomes, of in-evaluation
    pupils only: passed is the first end-of-module attempt meeting the pass mark, and
    passing only on a later try is counted apart (``pupils_passed_after_practice``).

    Knowledge pairs are in-evaluation pupils with both the quiz before the lessons
    and a first end-of-module attempt, each as a percentage of its maximum, taken in
    order (``learning.pair_order``). Pairs left out are counted by why: in the wrong
    order, or in an order that cannot be shown; the same for the pre and post surveys
    (answered, not skipped), whose scale pairs are in ``ScaleRollup``.
    """

    pupils_assigned = models.PositiveIntegerField(default=0)
    pupils_started = models.PositiveIntegerField(default=0)
    pupils_completed = models.PositiveIntegerField(default=0)
    pupils_passed = models.PositiveIntegerField(
        default=0, help_text="In-evaluation pupils whose first end-of-module attempt met the pass mark."
    )
    pupils_passed_after_practice = models.PositiveIntegerField(
        default=0, help_text="In-evaluation pupils who met the pass mark only on a later (practice) attempt."
    )
    quiz_taken = models.PositiveIntegerField(
        default=0, help_text="In-evaluation pupils with an end-of-module quiz attempt."
    )

    pupils_in_evaluation = models.PositiveIntegerField(default=0, help_text="Assigned and not opted out or withdrawn.")
    pre_quiz_done = models.PositiveIntegerField(default=0)
    pre_survey_done = models.PositiveIntegerField(default=0)
    post_survey_done = models.PositiveIntegerField(default=0)

    knowledge_pairs = models.PositiveIntegerField(default=0)
    knowledge_sum_pre = models.FloatField(default=0.0)
    knowledge_sum_post = models.FloatField(default=0.0)
    knowledge_sumsq_pre = models.FloatField(default=0.0)
    knowledge_sumsq_post = models.FloatField(default=0.0)
    knowledge_sum_diff = models.FloatField(default=0.0)
    knowledge_sumsq_diff = models.FloatField(default=0.0)
    knowledge_questions_min = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The fewest quiz questions a knowledge pair was scored on (in both versions)."
    )
    knowledge_questions_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The most quiz questions a knowledge pair was scored on."
    )

    survey_pairs = models.PositiveIntegerField(default=0, help_text="Pupils with pre and post surveys in order.")
    knowledge_wrong_order = models.PositiveIntegerField(default=0, help_text="Quiz pairs left out: wrong order.")
    knowledge_order_unknown = models.PositiveIntegerField(default=0, help_text="Quiz pairs left out: order unknown.")
    survey_wrong_order = models.PositiveIntegerField(default=0, help_text="Survey pairs left out: wrong order.")
    survey_order_unknown = models.PositiveIntegerField(default=0, help_text="Survey pairs left out: order unknown.")
    knowledge_off_protocol = models.PositiveIntegerField(
        default=0, help_text="Quiz pairs in order left out: a version the period's protocol does not name."
    )
    survey_off_protocol = models.PositiveIntegerField(
        default=0, help_text="Survey pairs in order left out: a version the period's protocol does not name."
    )
    follow_up_off_protocol = models.PositiveIntegerField(
        default=0, help_text="Follow-up pairs in order left out: a version the period's protocol does not name."
    )

    # The attrition flow (``reports.attrition_stages``): exclusions, then in-evaluation pupils reaching each step.
    pupils_opted_out = models.PositiveIntegerField(default=0, help_text="Assigned, opted out (not withdrawn).")
    pupils_withdrawn = models.PositiveIntegerField(default=0, help_text="Assigned, withdrawn.")
    flow_pre = models.PositiveIntegerField(default=0, help_text="Answered the quiz or survey before the lessons.")
    flow_lessons = models.PositiveIntegerField(default=0, help_text="... and completed every lesson.")
    flow_post = models.PositiveIntegerField(default=0, help_text="... and answered the quiz or survey after.")
    flow_matched = models.PositiveIntegerField(default=0, help_text="... and have a quiz or survey pair in order.")
    flow_follow_up = models.PositiveIntegerField(default=0, help_text="... and answered the follow-up in order.")
    follow_up_pairs = models.PositiveIntegerField(default=0, help_text="Survey before and follow-up, in order.")
    follow_up_retained = models.PositiveIntegerField(default=0, help_text="Survey pairs with a follow-up pair too.")
    # Baseline check: the quiz score before the lessons (% of max) of pupils with and without an end quiz.
    baseline_with_post = models.PositiveIntegerField(default=0)
    baseline_with_post_sum = models.FloatField(default=0.0)
    baseline_without_post = models.PositiveIntegerField(default=0)
    baseline_without_post_sum = models.FloatField(default=0.0)
    baseline_with_post_sumsq = models.FloatField(default=0.0)
    baseline_without_post_sumsq = models.FloatField(default=0.0)

    objects = RollupQuerySet.as_manager()

    summed_fields = (
        "pupils_assigned",
        "pupils_started",
        "pupils_completed",
        "pupils_passed",
        "pupils_passed_after_practice",
        "quiz_taken",
        "pupils_in_evaluation",
        "pre_quiz_done",
        "pre_survey_done",
        "post_survey_done",
        "knowledge_pairs",
        "knowledge_sum_pre",
        "knowledge_sum_post",
        "knowledge_sumsq_pre",
        "knowledge_sumsq_post",
        "knowledge_sum_diff",
        "knowledge_sumsq_diff",
        "survey_pairs",
        "knowledge_wrong_order",
        "knowledge_order_unknown",
        "survey_wrong_order",
        "survey_order_unknown",
        "pupils_opted_out",
        "pupils_withdrawn",
        "flow_pre",
        "flow_lessons",
        "flow_post",
        "flow_matched",
        "flow_follow_up",
        "follow_up_pairs",
        "follow_up_retained",
        "baseline_with_post",
        "baseline_with_post_sum",
        "baseline_without_post",
        "baseline_without_post_sum",
        "baseline_with_post_sumsq",
        "baseline_without_post_sumsq",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=ROLLUP_KEY, name="one_progress_rollup_per_key")]
        indexes = [models.Index(fields=["academic_year", "term", "module"], name="progress_rollup_period")]

    def __str__(self) -> str:
        return f"{self.school_id} {self.academic_year} term {self.term} Y{self.year_group} module {self.module_id}"

    @property
    def knowledge(self) -> PairedSums:
        return PairedSums(
            self.knowledge_pairs,
            self.knowledge_sum_pre,
            self.knowledge_sum_post,
            self.knowledge_sumsq_pre,
            self.knowledge_sumsq_post,
            self.knowledge_sum_diff,
            self.knowledge_sumsq_diff,
        )


class ScaleRollupQuerySet(RollupQuerySet):
    def alpha_totals(self) -> dict[tuple[str, str], tuple[tuple[str, ...], AlphaSums]]:
        """Cronbach's alpha sums per (survey key, scale), added up over the rows: one query, rows with n > 0.

        Only rows with the same ``item_keys`` can be added; if a scale's items changed
        between survey versions, the item list with the most respondents is kept.
        """
        found: dict[tuple[str, str, tuple[str, ...]], AlphaSums] = {}
        rows = self.filter(alpha_n__gt=0).values_list(
            "survey_key",
            "scale",
            "item_keys",
            "alpha_n",
            "alpha_item_sums",
            "alpha_item_sumsqs",
            "alpha_total_sum",
            "alpha_total_sumsq",
        )
        for survey_key, scale, item_keys, n, item_sums, item_sumsqs, total_sum, total_sumsq in rows.iterator():
            keys = tuple(item_keys)
            sums = found.setdefault((survey_key, scale, keys), AlphaSums(k=len(keys)))
            sums.n += n
            sums.item_sums = [a + b for a, b in zip(sums.item_sums, item_sums, strict=True)]
            sums.item_sumsqs = [a + b for a, b in zip(sums.item_sumsqs, item_sumsqs, strict=True)]
            sums.total_sum += total_sum
            sums.total_sumsq += total_sumsq
        best: dict[tuple[str, str], tuple[tuple[str, ...], AlphaSums]] = {}
        for (survey_key, scale, keys), sums in found.items():
            kept = best.get((survey_key, scale))
            if kept is None or sums.n > kept[1].n:
                best[survey_key, scale] = (keys, sums)
        return best


class ScaleRollup(Rollup):
    """Attitude change on one survey scale (subscale), from SurveyAnswer rows, in-evaluation pupils only.

    A pupil's scale score at a wave is the mean of the scale's items after reverse
    scoring (x' = min + max - x), when at least half of them are answered; a skipped
    survey gives none. Pairs are pupils with both a pre and a post score, answered in
    order (``learning.pair_order``; those left out are counted in ProgressRollup); the sums
    of d = post - pre per row, with ``pairs``, give school-level groups for the ICC. A
    pair's scores are on the items identical in the two survey versions the pupil
    answered (``reports.rollup_scales.paired_scores``); ``items_used_min`` and
    ``items_used_max`` say how many that was.

    The alpha sums are over pre-wave respondents who answered every item in
    ``item_keys`` (the scale's items in the newest survey version that has it),
    item by item in that order. Add up only rows with the same ``item_keys``.
    """

    survey_key = models.CharField(max_length=80)
    scale = models.CharField(max_length=40)
    item_keys = models.JSONField(default=list, help_text="The scale's items, in the order of the alpha lists.")

    n_pre = models.PositiveIntegerField(default=0, help_text="Pupils with a pre scale score.")
    n_post = models.PositiveIntegerField(default=0, help_text="Pupils with a post scale score.")
    pairs = models.PositiveIntegerField(default=0)
    sum_pre = models.FloatField(default=0.0)
    sum_post = models.FloatField(default=0.0)
    sumsq_pre = models.FloatField(default=0.0)
    sumsq_post = models.FloatField(default=0.0)
    sum_diff = models.FloatField(default=0.0)
    sumsq_diff = models.FloatField(default=0.0)
    items_used_min = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The fewest items a pair's change was scored on (identical before and after)."
    )
    items_used_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The most items a pair's change was scored on."
    )

    alpha_n = models.PositiveIntegerField(default=0, help_text="Pre respondents who answered every item.")
    alpha_item_sums = models.JSONField(default=list)
    alpha_item_sumsqs = models.JSONField(default=list)
    alpha_total_sum = models.FloatField(default=0.0)
    alpha_total_sumsq = models.FloatField(default=0.0)

    # Follow-up wave: pupils with a follow-up score, and pre -> follow-up pairs in order (d = follow-up - pre).
    n_follow_up = models.PositiveIntegerField(default=0, help_text="Pupils with a follow-up scale score.")
    follow_up_pairs = models.PositiveIntegerField(default=0)
    follow_up_sum_pre = models.FloatField(default=0.0)
    follow_up_sum_post = models.FloatField(default=0.0, help_text="The sum of follow-up scores.")
    follow_up_sumsq_pre = models.FloatField(default=0.0)
    follow_up_sumsq_post = models.FloatField(default=0.0)
    follow_up_sum_diff = models.FloatField(default=0.0)
    follow_up_sumsq_diff = models.FloatField(default=0.0)

    objects = ScaleRollupQuerySet.as_manager()

    summed_fields = (
        "n_pre",
        "n_post",
        "pairs",
        "sum_pre",
        "sum_post",
        "sumsq_pre",
        "sumsq_post",
        "sum_diff",
        "sumsq_diff",
        "alpha_n",
        "alpha_total_sum",
        "alpha_total_sumsq",
        "n_follow_up",
        "follow_up_pairs",
        "follow_up_sum_pre",
        "follow_up_sum_post",
        "follow_up_sumsq_pre",
        "follow_up_sumsq_post",
        "follow_up_sum_diff",
        "follow_up_sumsq_diff",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=[*ROLLUP_KEY, "survey_key", "scale"], name="one_scale_rollup_per_key")
        ]
        indexes = [models.Index(fields=["survey_key", "scale", "academic_year", "term"], name="scale_rollup_period")]

    def __str__(self) -> str:
        return f"{self.survey_key}/{self.scale} {self.school_id} {self.academic_year} term {self.term}"

    @property
    def change(self) -> PairedSums:
        return PairedSums(
            self.pairs, self.sum_pre, self.sum_post, self.sumsq_pre, self.sumsq_post, self.sum_diff, self.sumsq_diff
        )

    @property
    def follow_up_change(self) -> PairedSums:
        return PairedSums(
            self.follow_up_pairs,
            self.follow_up_sum_pre,
            self.follow_up_sum_post,
            self.follow_up_sumsq_pre,
            self.follow_up_sumsq_post,
            self.follow_up_sum_diff,
            self.follow_up_sumsq_diff,
        )


class RefreshStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class RollupRefreshQuerySet(models.QuerySet):
    def succeeded(self):
        return self.filter(status=RefreshStatus.SUCCEEDED)

    def last_full(self) -> RollupRefresh | None:
        """The newest successful refresh of every school: what "last refreshed" means on the dashboard."""
        return self.succeeded().filter(full=True, school_ids__isnull=True).order_by("-started_at").first()


class RollupRefresh(models.Model):
    """One run of ``refresh_rollups``: what it covered and how it went."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RefreshStatus.choices, default=RefreshStatus.RUNNING)
    full = models.BooleanField(help_text="Every group of the schools in scope, not only those changed since.")
    since = models.DateTimeField(null=True, blank=True, help_text="Incremental: changes from this moment on.")
    school_ids = models.JSONField(null=True, blank=True, help_text="The schools in scope; empty means all.")
    schools_refreshed = models.PositiveIntegerField(default=0)
    groups_refreshed = models.PositiveIntegerField(default=0, help_text="(school, academic year) groups rebuilt.")
    rows_written = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    objects = RollupRefreshQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"Rollup refresh {self.started_at:%Y-%m-%d %H:%M} ({self.status})"


# Exports, audit reports and comparison classes' rollups are defined in their own modules; importing them here
# registers them.
from reports.audit_models import AuditReport as AuditReport  # noqa: E402
from reports.comparison_models import ComparisonRollup as ComparisonRollup  # noqa: E402
from reports.export_models import Export as Export  # noqa: E402
from reports.pattern_models import HiddenCell as HiddenCell  # noqa: E402
from reports.pattern_models import SuppressionPattern as SuppressionPattern  # noqa: E402
from reports.protocol_models import EvaluationProtocol as EvaluationProtocol  # noqa: E402
from reports.publication_models import ShownCounts as ShownCounts  # noqa: E402
