"""How many questions in the anonymous question box wait for an answer, for the teacher's home."""

from __future__ import annotations

from django import template
from django.db.models import Count

from classroom.models import AnonymousQuestion
from classroom.models.live import QuestionStatus

register = template.Library()


@register.inclusion_tag("classroom/questions/includes/new_questions.html", takes_context=True)
def new_questions(context: template.Context) -> dict:
    """The signed-in teacher's classes with questions not answered yet, and how many: one query.

    Only the classes they teach (a school lead's other classes are their teachers' to answer),
    and never who asked.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"classes": []}
    rows = (
        AnonymousQuestion.objects.for_user(user)
        .filter(status=QuestionStatus.NEW, school_class__teachers=user, school_class__archived_at__isnull=True)
        .values("school_class_id", "school_class__name")
        .annotate(count=Count("pk"))
        .order_by("school_class__name")
    )
    classes = [{"pk": row["school_class_id"], "name": row["school_class__name"], "count": row["count"]} for row in rows]
    return {"classes": classes, "total": sum(row["count"] for row in classes)}
