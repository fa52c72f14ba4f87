from __future__ import annotations

from django.db import IntegrityError, connections, transaction

from config.prepared_query import PreparedQuery
from courses.lesson_deck import module_lessons
from courses.models import SurveyVersion
from learning.lesson_states import encode as encode_lesson_states
from learning.models import ActivityAnswer, LessonProgress, ModuleProgress, QuizAttempt, SurveyResponse, Wave
from schools.models import Assignment, Pupil

# The reads of every submission, compiled once (``config.prepared_query``): they run while the
# pupil's summary row is locked.
_LOCKED_SUMMARY = PreparedQuery(
    lambda pupil_id, assignment_id: (
        ModuleProgress.objects.select_for_update()
        .filter(pupil_id=pupil_id, assignment_id=assignment_id)
        .order_by("pk")[:1]
    ),
    pupil_id=int,
    assignment_id=int,
)
_LESSON_EVENTS = PreparedQuery(
    lambda pupil_id, assignment_id: LessonProgress.objects.filter(
        pupil_id=pupil_id, assignment_id=assignment_id
    ).values_list("lesson_id", "started_at", "updated_at", "completed_at", "taught_in_class"),
    pupil_id=int,
    assignment_id=int,
)
_ATTEMPT_EVENTS = PreparedQuery(
    lambda pupil_id, assignment_id: (
        QuizAttempt.objects.filter(pupil_id=pupil_id, assignment_id=assignment_id)
        .order_by()
        .values_list("wave", "number", "score", "max_score", "passed", "submitted_at")
    ),
    pupil_id=int,
    assignment_id=int,
)
_SURVEY_EVENTS = PreparedQuery(
    lambda pupil_id, assignment_id: SurveyResponse.objects.filter(
        pupil_id=pupil_id, assignment_id=assignment_id
    ).values_list("wave", "submitted_at", "skipped"),
    pupil_id=int,
    assignment_id=int,
)
# When the pupil first answered in a lesson (a quick check or scenario): the lessons had begun.
_FIRST_ANSWER_IN_LESSON = PreparedQuery(
    lambda pupil_id, assignment_id: (
        ActivityAnswer.objects.filter(pupil_id=pupil_id, assignment_id=assignment_id)
        .order_by("answered_at")
        .values_list("answered_at", flat=True)[:1]
    ),
    pupil_id=int,
    assignment_id=int,
)


def locked_progress(*, pupil: Pupil, assignment: Assignment) -> ModuleProgress:
    """The pupil's summary row for the assignment, locked until the transaction ends.

    Every event of one pupil in one assignment takes this lock first, so concurrent
    submissions by the same pupil are handled one after the other. The row comes back
    holding the caller's pupil and assignment, so recomputing it fetches neither again.
    """
    locked = ModuleProgress.objects.select_for_update().filter(pupil=pupil, assignment=assignment)
    progress = _LOCKED_SUMMARY.first(pupil_id=pupil.pk, assignment_id=assignment.pk)
    if progress is None:
        try:
            with transaction.atomic():
                ModuleProgress.objects.create(pupil=pupil, assignment=assignment)
        except IntegrityError:
            pass  # Another connection created it first; the lock below waits for that transaction.
        progress = locked.get()
    progress.pupil = pupil
    progress.assignment = assignment
    return progress


def surveys_apply(*, pupil: Pupil, assignment: Assignment) -> bool:
    """Whether this pupil is asked the module's survey in this assignment at all.

    Only when the assignment includes surveys, the module has a survey with a recorded
    version, and the pupil is in the evaluation (not opted out, not withdrawn).
    """
    survey_id = assignment.module.attitude_survey_id
    return (
        assignment.include_surveys
        and survey_id is not None
        and pupil.in_evaluation
        and SurveyVersion.objects.filter(survey_id=survey_id).exists()
    )


def recompute_progress(
    progress: ModuleProgress, *, attempts: list[tuple] | None = None, lessons_changed: bool = True
) -> ModuleProgress:
    """Set every summary field from the event rows of this pupil and assignment, and save.

    Used after each event (inside its transaction) and by ``rebuild_progress``, so the
    incremental and rebuilt values are the same by construction. Completed means every
    lesson done, the end-of-module quiz submitted (when the module has a quiz), and the
    post survey answered or skipped (when surveys apply to the pupil, see ``surveys_apply``).
    A skipped survey counts as done: it was offered. The pre score is the first quiz
    attempt before the lessons (the knowledge baseline); first and best scores are of the
    end-of-module quiz. The moments of each wave's first answer (a skipped survey is not
    one) and of the first lesson begun (opened, answered in or taught) are what reports
    judge a pair's order by (``learning.pair_order``).

    Each kind of event row is read once (a handful of queries), because this runs inside
    every pupil's submission while their summary row is locked. A caller that has just read the
    quiz attempts under the same lock, and added one, passes them in as ``attempts``: rows of
    (wave, number, score, max score, passed, submitted at). A caller that changed no lesson row
    and no answer in a lesson (a quiz or a survey) passes ``lessons_changed=False``: when the
    lessons began cannot have moved, so it is not read again.
    """
    assignment = progress.assignment
    pupil_id = progress.pupil_id
    lessons_in_order = [lesson.pk for lesson in module_lessons(assignment.module)]
    lesson_ids = set(lessons_in_order)
    rows = _LESSON_EVENTS.run(pupil_id=pupil_id, assignment_id=assignment.pk)
    if attempts is None:
        attempts = _ATTEMPT_EVENTS.run(pupil_id=pupil_id, assignment_id=assignment.pk)
    attempts = sorted(attempts, key=lambda attempt: attempt[1])
    survey_rows = _SURVEY_EVENTS.run(pupil_id=pupil_id, assignment_id=assignment.pk)
    responses = {wave: submitted for wave, submitted, _ in survey_rows}
    answered = {wave: submitted for wave, submitted, skipped in survey_rows if not skipped}
    # The lessons began at the first lesson row or the first answer in a lesson; a caller that only
    # added a quiz attempt or a survey (``lessons_changed`` False) keeps the moment already worked out.
    if lessons_changed:
        answered_in_lesson = _FIRST_ANSWER_IN_LESSON.run(pupil_id=pupil_id, assignment_id=assignment.pk)
        lesson_starts = [row[1] for row in rows] + list(answered_in_lesson)
        progress.first_lesson_at = min(lesson_starts) if lesson_starts else None
    post = [attempt for attempt in attempts if attempt[0] == Wave.POST]
    pre = [attempt for attempt in attempts if attempt[0] == Wave.PRE]
    first = post[0] if post else None
    done_at = [row[3] for row in rows if row[3] is not None and row[0] in lesson_ids]
    firsts = [row[1] for row in rows] + [attempt[5] for attempt in attempts] + list(responses.values())
    lasts = [row[2] for row in rows] + [attempt[5] for attempt in attempts] + list(responses.values())

    progress.lessons_total = len(lesson_ids)
    progress.lesson_states = encode_lesson_states(lessons_in_order, ((row[0], row[3], row[4]) for row in rows))
    progress.lessons_done = len(done_at)
    progress.first_activity_at = min(firsts) if firsts else None
    progress.last_activity_at = max(lasts) if lasts else None
    progress.quiz_attempts = len(post)
    progress.first_score = first[2] if first else None
    progress.max_score = first[3] if first else None
    progress.best_score = max(attempt[2] for attempt in post) if post else None
    progress.passed = any(attempt[4] for attempt in post)
    progress.first_passed = bool(first[4]) if first else False
    progress.pre_score = pre[0][2] if pre else None
    progress.pre_max_score = pre[0][3] if pre else None
    progress.pre_survey_done = Wave.PRE in responses
    progress.post_survey_done = Wave.POST in responses
    progress.pre_quiz_at = pre[0][5] if pre else None
    progress.post_quiz_at = first[5] if first else None
    progress.pre_survey_at = answered.get(Wave.PRE)
    progress.post_survey_at = answered.get(Wave.POST)
    progress.follow_up_at = answered.get(Wave.FOLLOW_UP)
    quiz_needed = assignment.module.knowledge_quiz_id is not None
    finished = progress.lessons_total > 0 and progress.lessons_done == progress.lessons_total
    quiz_done = first is not None or not quiz_needed
    # Asked only when it can matter: it costs a query, and this runs in every submission.
    post_survey_needed = finished and quiz_done and surveys_apply(pupil=progress.pupil, assignment=assignment)
    if finished and quiz_done and (progress.post_survey_done or not post_survey_needed):
        # The moment the last condition was met: derived from the events, never from earlier state.
        moments = [max(done_at)]
        if first is not None:
            moments.append(first[5])
        if post_survey_needed:
            moments.append(responses[Wave.POST])
        progress.completed_at = max(moments)
    else:
        progress.completed_at = None
    write_summary(progress)
    return progress


# The summary's UPDATE of every column, per database, built once (see ``write_summary``).
_SUMMARY_UPDATE: dict[str, str] = {}


def write_summary(progress: ModuleProgress) -> None:
    """``progress.save()`` for a summary row that exists (it is locked), with the UPDATE of every
    column built once rather than by the ORM on each of the many events that write it. The model
    has no signals and no automatic values, so the row written is the same."""
    alias = progress._state.db or ModuleProgress.objects.db
    connection = connections[alias]
    fields = [field for field in ModuleProgress._meta.concrete_fields if not field.primary_key]
    sql = _SUMMARY_UPDATE.get(alias)
    if sql is None:
        quote = connection.ops.quote_name
        columns = ", ".join(f"{quote(str(field.column))} = %s" for field in fields)
        table, pk = quote(ModuleProgress._meta.db_table), quote(str(ModuleProgress._meta.pk.column))
        # Only the model's own quoted names go into the text; every value is a parameter.
        sql = _SUMMARY_UPDATE[alias] = f"UPDATE {table} SET {columns} WHERE {pk} = %s"  # nosec B608
    values = [field.get_db_prep_save(getattr(progress, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, progress.pk])
        written = cursor.rowcount
    if written != 1:
        progress.save()  # (not there after all: the ORM inserts it)


@transaction.atomic
def rebuild_progress(*, assignment: Assignment | None = None) -> int:
    """Recompute every summary (of one assignment, or all) from the event rows. Returns the count."""
    pairs = set(LessonProgress.objects.values_list("pupil_id", "assignment_id"))
    pairs |= set(QuizAttempt.objects.values_list("pupil_id", "assignment_id"))
    pairs |= set(SurveyResponse.objects.values_list("pupil_id", "assignment_id"))
    pairs |= set(ActivityAnswer.objects.values_list("pupil_id", "assignment_id"))
    if assignment is not None:
        pairs = {pair for pair in pairs if pair[1] == assignment.pk}
    for pupil_id, assignment_id in sorted(pairs):
        progress, _ = ModuleProgress.objects.select_related("assignment__module").get_or_create(
            pupil_id=pupil_id, assignment_id=assignment_id
        )
        recompute_progress(progress)
    return len(pairs)
