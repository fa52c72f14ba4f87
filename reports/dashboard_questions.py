"""How many quiz questions the dashboard's knowledge change was scored on.

A pupil's knowledge change uses only the questions identical in the two quiz
versions they answered (``reports.rollup_questions``); the rollups keep the fewest
and most each row's pairs used, and this reads them for the dashboard's filters.
"""

from __future__ import annotations

from django.db.models import Max, Min

from courses.models import ModulePage, QuizVersion
from reports.dashboard_queries import filtered
from reports.forms import DashboardFilters
from reports.models import ProgressRollup
from schools.models import School


def questions_used_text(fewest: int | None, most: int | None, questions_now: int) -> str:
    """How many questions one quiz's change used: "8 of 10 questions", or "8 to 10 of 10 questions"
    when some pupils answered versions with fewer questions in common; empty with no pairs."""
    if fewest is None or most is None:
        return ""
    used = str(most) if fewest == most else f"{fewest} to {most}"
    total = max(questions_now, most)
    return f"{used} of {total} question{'s' if total != 1 else ''}"


ALL_QUESTIONS = "Every question"
SOME_LEFT_OUT = "Fewer than every question in {count} of {modules} modules: choose a module to see how many"


def questions_compared(filters: DashboardFilters, *, school: School | None = None) -> str:
    """The questions the knowledge change under the filters used (three small queries at most).

    Each module has its own quiz, so over every module the count is given per module only
    when one is chosen; otherwise it says whether every module's change used all its questions.
    """
    rows = (
        filtered(ProgressRollup.objects.all(), filters, school=school)
        .filter(knowledge_pairs__gt=0)
        .values("module_id")
        .annotate(fewest=Min("knowledge_questions_min"), most=Max("knowledge_questions_max"))
        .values_list("module_id", "fewest", "most")
    )
    used = {module_id: (fewest, most) for module_id, fewest, most in rows if fewest is not None}
    if not used:
        return ""
    now = _questions_now(used)
    if len(used) == 1:
        ((module_id, (fewest, most)),) = used.items()
        return questions_used_text(fewest, most, now.get(module_id, most))
    fewer = sum(1 for module_id, (fewest, _) in used.items() if fewest < now.get(module_id, fewest))
    return SOME_LEFT_OUT.format(count=fewer, modules=len(used)) if fewer else ALL_QUESTIONS


def _questions_now(modules) -> dict[int, int]:
    """The number of questions in the newest version of each module's quiz (two queries)."""
    quizzes = dict(ModulePage.objects.filter(pk__in=list(modules)).values_list("pk", "knowledge_quiz_id"))
    newest: dict[int, int] = {}
    versions = QuizVersion.objects.filter(quiz_id__in=[q for q in quizzes.values() if q is not None])
    for quiz_id, definition in versions.order_by("quiz_id", "-number").values_list("quiz_id", "definition"):
        newest.setdefault(quiz_id, len((definition or {}).get("questions", [])))
    return {module_id: newest[quiz_id] for module_id, quiz_id in quizzes.items() if quiz_id in newest}
