"""The "your class lesson has started" prompt, for pages a signed-in pupil sees."""

from __future__ import annotations

from django import template
from django.conf import settings

from classroom.models import LiveSession
from config.prepared_query import PreparedQuery

register = template.Library()

# On the pupil's home, every time they open it: compiled once.
RUNNING_LESSON = PreparedQuery(
    lambda class_id: (
        LiveSession.objects.open()
        .filter(school_class_id=class_id)
        .select_related("lesson")
        .only("pk", "lesson__title")
        .order_by("pk")[:1]
    ),
    class_id=int,
)


@register.inclusion_tag("classroom/pupil/includes/live_prompt.html", takes_context=True)
def live_lesson_prompt(context: template.Context) -> dict:
    """The running lesson of the class the pupil signed in with, if any (one query)."""
    request = context.get("request")
    data = request.session.get(settings.PUPIL_SESSION_KEY) if request is not None else None
    session = None
    if data:
        session = RUNNING_LESSON.first(class_id=data["class"])
    return {"live_session": session}
