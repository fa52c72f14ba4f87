from __future__ import annotations

from django.db import transaction
from django.db.models import Max, Min

from courses.models import LessonPage, SurveyVersion
from learning.models import LessonProgress, ModuleProgress, QuizAttempt, SurveyResponse, Wave
from schools.models import Assignment, Pupil


def locked_progress(*, pupil: Pupil, assignment: Assignment) -> ModuleProgress:
    """The pupil's summary row for the assignment, locked until the transaction ends.

    Every event of one pupil in one assignment takes this lock first, so concurrent
    submissions by the same pupil are handled one after the other.
    """
    ModuleProgress.objects.get_or_create(pupil=pupil, assignment=assignment)
    return ModuleProgress.objects.select_for_update().get(pupil=pupil, assignment=assignment)


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


def recompute_progress(progress: ModuleProgress) -> ModuleProgress:
    """Set every summary field from the event rows of this pupil and assignment, and save.

    Used after each event (inside its transaction) and by ``rebuild_progress``, so the
    incremental and rebuilt values are the same by construction. Completed means every
    lesson done, the end-of-module quiz submitted (when the module has a quiz), and the
    post survey answered or skipped (when surveys apply to the pupil, see ``surveys_apply``).
    A skipped survey counts as done: it was offered.
    """
    assignment = progress.assignment
    lessons = LessonPage.objects.live().child_of(assignment.module)
    lesson_ids = set(lessons.values_list("pk", flat=True))
    rows = LessonProgress.objects.filter(pupil_id=progress.pupil_id, assignment=assignment)
    done = rows.filter(completed_at__isnull=False, lesson_id__in=lesson_ids)
    attempts = QuizAttempt.objects.filter(pupil_id=progress.pupil_id, assignment=assignment, wave=Wave.POST)
    first = attempts.order_by("number").first()
    lesson_times = rows.aggregate(first=Min("started_at"), last=Max("updated_at"))
    attempt_times = QuizAttempt.objects.filter(pupil_id=progress.pupil_id, assignment=assignment).aggregate(
        first=Min("submitted_at"), last=Max("submitted_at")
    )
    responses = {
        wave: submitted_at
        for wave, submitted_at in SurveyResponse.objects.filter(
            pupil_id=progress.pupil_id, assignment=assignment
        ).values_list("wave", "submitted_at")
    }
    survey_times = list(responses.values())
    firsts = [t for t in (lesson_times["first"], attempt_times["first"], *survey_times) if t is not None]
    lasts = [t for t in (lesson_times["last"], attempt_times["last"], *survey_times) if t is not None]

    progress.lessons_total = len(lesson_ids)
    progress.lessons_done = done.count()
    progress.first_activity_at = min(firsts) if firsts else None
    progress.last_activity_at = max(lasts) if lasts else None
    progress.quiz_attempts = attempts.count()
    progress.first_score = first.score if first else None
    progress.max_score = first.max_score if first else None
    progress.best_score = attempts.aggregate(best=Max("score"))["best"]
    progress.passed = attempts.filter(passed=True).exists()
    progress.pre_survey_done = Wave.PRE in responses
    progress.post_survey_done = Wave.POST in responses
    quiz_needed = assignment.module.knowledge_quiz_id is not None
    post_survey_needed = surveys_apply(pupil=progress.pupil, assignment=assignment)
    finished = progress.lessons_total > 0 and progress.lessons_done == progress.lessons_total
    if finished and (first is not None or not quiz_needed) and (progress.post_survey_done or not post_survey_needed):
        # The moment the last condition was met: derived from the events, never from earlier state.
        moments = [done.aggregate(last=Max("completed_at"))["last"]]
        if first is not None:
            moments.append(first.submitted_at)
        if post_survey_needed:
            moments.append(responses[Wave.POST])
        progress.completed_at = max(moment for moment in moments if moment is not None)
    else:
        progress.completed_at = None
    progress.save()
    return progress


@transaction.atomic
def rebuild_progress(*, assignment: Assignment | None = None) -> int:
    """Recompute every summary (of one assignment, or all) from the event rows. Returns the count."""
    pairs = set(LessonProgress.objects.values_list("pupil_id", "assignment_id"))
    pairs |= set(QuizAttempt.objects.values_list("pupil_id", "assignment_id"))
    pairs |= set(SurveyResponse.objects.values_list("pupil_id", "assignment_id"))
    if assignment is not None:
        pairs = {pair for pair in pairs if pair[1] == assignment.pk}
    for pupil_id, assignment_id in sorted(pairs):
        progress, _ = ModuleProgress.objects.select_related("assignment__module").get_or_create(
            pupil_id=pupil_id, assignment_id=assignment_id
        )
        recompute_progress(progress)
    return len(pairs)
