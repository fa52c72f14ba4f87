"""Refreshing the rollup tables (``reports.models``) from ModuleProgress and survey answers.

A group is one school's academic year. Refreshing a group deletes its rows and
inserts fresh ones in one transaction, with the school row locked, so a reader
never sees half a group and two refreshes of one school take turns. Each school
is read with the same small number of queries whatever its size, streaming the
progress and answer rows, so memory grows with the largest school, not the county.

Rows are computed only from the current data, so a refresh is idempotent: running
it twice writes the same rows, and an incremental refresh writes the same rows
as a full one for the groups it touches.

What an incremental refresh (``since``) picks up, per (school, academic year):
- pupil activity: ModuleProgress.last_activity_at at or after ``since`` (every
  lesson, quiz and survey event updates it);
- new assignments: Assignment.created_at at or after ``since``;
- pupils joining or leaving a class: ClassMembership.added_at or removed_at;
- opt-outs and withdrawals dated on or after ``since``'s day (they are dates):
  every group of every class the pupil has been in.
Not picked up, because nothing records when they change: edits to an
assignment's dates, a class's year group or academic year, a pupil's gender,
an opt-out being cleared, deletions, new survey versions (which change a
scale's reference items) and an evaluation protocol being frozen (which leaves out
pairs on versions it does not name, ``reports.rollup_protocols``). The nightly full
refresh puts all of these right.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Mapping

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from learning.models import ModuleProgress
from reports.models import ComparisonRollup, ProgressRollup, RefreshStatus, RollupRefresh, ScaleRollup
from reports.rollup_comparison import comparison_rows, split_arms
from reports.rollup_protocols import ProtocolScopes, off_protocol
from reports.rollup_questions import QuizQuestions, knowledge_pairs, load_quizzes
from reports.rollup_scale_totals import ScaleTotals, scale_totals
from reports.rollup_scales import Instruments
from reports.rollup_totals import (
    ProgressTotals,
    RowKey,
    ScaleKey,
    SurveyOrders,
    in_years,
    progress_totals,
    read_assignments,
    read_pupils,
)
from schools.models import Assignment, ClassMembership, School

BATCH_SIZE = 1000
ERROR_LENGTH = 2000
# An incremental refresh looks back this far before the previous one started, for events
# stamped before it started but committed while it ran.
INCREMENTAL_OVERLAP = datetime.timedelta(minutes=15)


def refresh_rollups(
    *, school_ids: Collection[int] | None = None, since: datetime.datetime | None = None
) -> RollupRefresh:
    """Rebuild rollup rows, and record the run as a RollupRefresh.

    Without ``since`` (a full refresh) every academic year of every school in scope
    is rebuilt, including schools that no longer have data (their rows are removed).
    With ``since`` only the (school, academic year) groups changed since then are
    rebuilt: see the module docstring for the rule. ``school_ids`` limits either to
    those schools (None: every school).

    Each school is rebuilt in its own transaction. If one fails, the schools already
    done stay done, the refresh is recorded as failed with the error, and the error
    is raised again (the caller, a Celery task, may retry: rebuilding is idempotent).
    """
    refresh = RollupRefresh.objects.create(
        started_at=timezone.now(),
        full=since is None,
        since=since,
        school_ids=sorted(school_ids) if school_ids is not None else None,
    )
    try:
        groups = changed_groups(since=since, school_ids=school_ids) if since else _all_groups(school_ids)
        instruments, quizzes, scopes = Instruments.load(), load_quizzes(), ProtocolScopes.load()
        for school_id in sorted(groups):
            group_count, rows = rebuild_school(
                school_id=school_id, years=groups[school_id], instruments=instruments, quizzes=quizzes, scopes=scopes
            )
            refresh.schools_refreshed += 1
            refresh.groups_refreshed += group_count
            refresh.rows_written += rows
    except Exception as error:
        refresh.status = RefreshStatus.FAILED
        refresh.error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        refresh.finished_at = timezone.now()
        refresh.save()
        raise
    refresh.status = RefreshStatus.SUCCEEDED
    refresh.finished_at = timezone.now()
    refresh.save()
    return refresh


def incremental_since() -> datetime.datetime | None:
    """Where the next incremental refresh starts: the start of the last successful refresh of
    every school, less ``INCREMENTAL_OVERLAP``. None when there has been none (refresh in full)."""
    last = (
        RollupRefresh.objects.succeeded().filter(school_ids__isnull=True).order_by("-started_at").only("started_at")
    ).first()
    return last.started_at - INCREMENTAL_OVERLAP if last is not None else None


def _all_groups(school_ids: Collection[int] | None) -> dict[int, set[int] | None]:
    """Every school with classes or with rollup rows, each with all of its years (None)."""
    schools = School.objects.filter(Q(classes__isnull=False) | Q(pk__in=ProgressRollup.objects.values("school_id")))
    if school_ids is not None:
        schools = schools.filter(pk__in=school_ids)
    return dict.fromkeys(schools.order_by("pk").values_list("pk", flat=True).distinct(), None)


def changed_groups(
    *, since: datetime.datetime, school_ids: Collection[int] | None = None
) -> dict[int, set[int] | None]:
    """The academic years, per school, with changes at or after ``since`` (four queries; see the module rule)."""
    day = timezone.localdate(since) if timezone.is_aware(since) else since.date()
    queries = [
        (ModuleProgress.objects.filter(last_activity_at__gte=since), "assignment__school_class__"),
        (Assignment.objects.filter(created_at__gte=since), "school_class__"),
        (ClassMembership.objects.filter(Q(added_at__gte=since) | Q(removed_at__gte=since)), "school_class__"),
        (
            ClassMembership.objects.filter(Q(pupil__opted_out_at__gte=day) | Q(pupil__withdrawn_at__gte=day)),
            "school_class__",
        ),
    ]
    found: dict[int, set[int]] = defaultdict(set)
    for query, prefix in queries:
        if school_ids is not None:
            query = query.filter(**{f"{prefix}school_id__in": list(school_ids)})
        for school_id, academic_year in query.values_list(f"{prefix}school_id", f"{prefix}academic_year").distinct():
            found[school_id].add(academic_year)
    return {school_id: years for school_id, years in found.items()}


def rebuild_school(
    *,
    school_id: int,
    years: set[int] | None,
    instruments: Instruments,
    quizzes: Mapping[int, QuizQuestions] | None = None,
    scopes: ProtocolScopes | None = None,
) -> tuple[int, int]:
    """Replace the rollup rows of one school's academic years (None: all of them) in one transaction.

    Returns (groups rebuilt, rows written). A constant number of queries for any number of pupils
    (and one more per thousand quiz attempts on versions whose questions changed between waves).
    """
    quizzes = load_quizzes() if quizzes is None else quizzes
    scopes = ProtocolScopes.load() if scopes is None else scopes
    with transaction.atomic():
        if not list(School.objects.select_for_update().filter(pk=school_id).order_by().values_list("pk", flat=True)):
            return 0, 0
        now = timezone.now()
        assignments, by_class = read_assignments(school_id, years)
        pupils = read_pupils(school_id)
        (programme, programme_classes), (comparison, comparison_classes) = split_arms(school_id, assignments, by_class)
        survey_orders: SurveyOrders = {}
        follow_up_orders: SurveyOrders = {}
        knowledge = knowledge_pairs(school_id, years, quizzes)
        outside = off_protocol(school_id, years, scopes)
        progress = progress_totals(
            school_id,
            years,
            programme,
            programme_classes,
            pupils,
            survey_orders,
            follow_up_orders=follow_up_orders,
            knowledge=knowledge,
            off_protocol=outside,
        )
        scales = scale_totals(school_id, years, programme, pupils, instruments, survey_orders, follow_up_orders)
        compared = []
        if comparison:
            compared_progress = progress_totals(
                school_id,
                years,
                comparison,
                comparison_classes,
                pupils,
                survey_orders,
                comparison=True,
                knowledge=knowledge,
            )
            compared = list(
                comparison_rows(
                    school_id,
                    compared_progress,
                    scale_totals(school_id, years, comparison, pupils, instruments, survey_orders),
                    now,
                )
            )

        ProgressRollup.objects.filter(in_years("", years), school_id=school_id).delete()
        ScaleRollup.objects.filter(in_years("", years), school_id=school_id).delete()
        ComparisonRollup.objects.filter(in_years("", years), school_id=school_id).delete()
        comparison_count = len(ComparisonRollup.objects.bulk_create(compared, batch_size=BATCH_SIZE))
        progress_rows = ProgressRollup.objects.bulk_create(
            (_progress_row(school_id, key, totals, now) for key, totals in sorted(progress.items())),
            batch_size=BATCH_SIZE,
        )
        scale_rows = ScaleRollup.objects.bulk_create(
            (_scale_row(school_id, key, totals, now) for key, totals in sorted(scales.items())),
            batch_size=BATCH_SIZE,
        )
    group_count = len(years) if years is not None else len({key[0] for key in assignments.values()})
    return group_count, len(progress_rows) + len(scale_rows) + comparison_count


def _progress_row(school_id: int, key: RowKey, totals: ProgressTotals, now: datetime.datetime) -> ProgressRollup:
    academic_year, term, year_group, module_id, gender = key
    knowledge, flow, baseline = totals.knowledge, totals.flow, totals.baseline
    return ProgressRollup(
        school_id=school_id,
        academic_year=academic_year,
        term=term,
        year_group=year_group,
        module_id=module_id,
        gender=gender,
        refreshed_at=now,
        pupils_assigned=totals.assigned,
        pupils_started=totals.started,
        pupils_completed=totals.completed,
        pupils_passed=totals.passed,
        pupils_passed_after_practice=totals.passed_after_practice,
        quiz_taken=totals.quiz_taken,
        pupils_in_evaluation=totals.in_evaluation,
        pre_quiz_done=totals.pre_quiz_done,
        pre_survey_done=totals.pre_survey_done,
        post_survey_done=totals.post_survey_done,
        **knowledge.as_fields("knowledge_"),
        knowledge_questions_min=totals.questions_used_min,
        knowledge_questions_max=totals.questions_used_max,
        survey_pairs=totals.survey_pairs,
        knowledge_wrong_order=totals.knowledge_wrong_order,
        knowledge_order_unknown=totals.knowledge_order_unknown,
        survey_wrong_order=totals.survey_wrong_order,
        survey_order_unknown=totals.survey_order_unknown,
        knowledge_off_protocol=totals.knowledge_off_protocol,
        survey_off_protocol=totals.survey_off_protocol,
        follow_up_off_protocol=totals.follow_up_off_protocol,
        pupils_opted_out=flow.opted_out,
        pupils_withdrawn=flow.withdrawn,
        flow_pre=flow.pre,
        flow_lessons=flow.lessons,
        flow_post=flow.post,
        flow_matched=flow.matched,
        flow_follow_up=flow.follow_up,
        follow_up_pairs=totals.follow_up_pairs,
        follow_up_retained=totals.follow_up_retained,
        baseline_with_post=baseline.with_post,
        baseline_with_post_sum=baseline.with_post_sum,
        baseline_without_post=baseline.without_post,
        baseline_without_post_sum=baseline.without_post_sum,
        baseline_with_post_sumsq=baseline.with_post_sumsq,
        baseline_without_post_sumsq=baseline.without_post_sumsq,
    )


def _scale_row(school_id: int, key: ScaleKey, totals: ScaleTotals, now: datetime.datetime) -> ScaleRollup:
    academic_year, term, year_group, module_id, gender, survey_key, scale = key
    change, alpha, follow_up = totals.change, totals.alpha, totals.follow_up
    return ScaleRollup(
        school_id=school_id,
        academic_year=academic_year,
        term=term,
        year_group=year_group,
        module_id=module_id,
        gender=gender,
        refreshed_at=now,
        survey_key=survey_key,
        scale=scale,
        item_keys=list(totals.item_keys),
        n_pre=totals.n_pre,
        n_post=totals.n_post,
        **change.as_fields(),
        items_used_min=totals.items_used_min,
        items_used_max=totals.items_used_max,
        **alpha.as_fields(),
        n_follow_up=totals.n_follow_up,
        **follow_up.as_fields("follow_up_"),
    )
