"""How many quiz questions the dashboard's knowledge change was scored on.

A pupil's knowledge change uses only the questions identical in the two quiz
versions they answered (``reports.rollup_questions``); the rollups keep the fewest
and most each row's pairs used, and this reads them for the dashboard's filters.
"""

from __future__ import annotations

from django.db.models import Max, Min

from courses.models import QuizVersion
from reports.dashboard_queries import filtered
from reports.forms import DashboardFilters
from reports.models import ProgressRollup
from schools.models import School


def questions_used_text(fewest: int | None, most: int | None, questions_now: int | None) -> str:
    """How many questions the change used: "8 of 10 questions", "8 to 10 of 10 questions".

    Without one module's quiz to count (every module): "8 to 10 questions". Empty with no pairs.
    """
    if fewest is None or most is None:
        return ""
    used = str(most) if fewest == most else f"{fewest} to {most}"
    if questions_now is None:
        return f"{used} question{'s' if most != 1 else ''}"
    total = max(questions_now, most)
    return f"{used} of {total} question{'s' if total != 1 else ''}"


def questions_compared(filters: DashboardFilters, *, school: School | None = None) -> str:
    """The questions the knowledge change under the filters used (two small queries at most)."""
    used = (
        filtered(ProgressRollup.objects.all(), filters, school=school)
        .filter(knowledge_pairs__gt=0)
        .aggregate(fewest=Min("knowledge_questions_min"), most=Max("knowledge_questions_max"))
    )
    if used["fewest"] is None:
        return ""
    return questions_used_text(used["fewest"], used["most"], _questions_now(filters))


def _questions_now(filters: DashboardFilters) -> int | None:
    """The number of questions in the newest version of the chosen module's quiz; None for every module."""
    if filters.module_id is None:
        return None
    newest = (
        QuizVersion.objects.filter(quiz__modules__pk=filters.module_id)
        .order_by("-number")
        .values_list("definition", flat=True)
        .first()
    )
    return len((newest or {}).get("questions", [])) if newest is not None else None
