"""The safeguarding lead's way in to the questions passed to them and pupils' requests to talk."""

from __future__ import annotations

from django import template

from classroom.models import AnonymousQuestion
from schools.models import School, TalkRequest

register = template.Library()


@register.inclusion_tag("classroom/questions/includes/dsl_link.html", takes_context=True)
def dsl_questions_link(context: template.Context, school: School | None = None, element: str = "p") -> dict:
    """Links to the questions passed to the signed-in DSL and to pupils' requests to talk, with how many wait.

    Shown only to the account a school linked as its designated safeguarding lead: of
    ``school`` when given (a school's own page), of any school otherwise. Three queries
    for a DSL, one for anyone else. ``element`` is "li" inside a list, "p" elsewhere.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    hidden = {"shown": False}
    if user is None or not user.is_authenticated or not user.is_active:
        return hidden
    schools = School.objects.filter(dsl_user=user)
    if school is not None:
        schools = schools.filter(pk=school.pk)
    school_ids = list(schools.values_list("pk", flat=True))
    if not school_ids:
        return hidden
    waiting = AnonymousQuestion.objects.waiting_for_dsl().filter(school_class__school__in=school_ids).count()
    talk_waiting = TalkRequest.objects.waiting().filter(school__in=school_ids).count()
    return {
        "shown": True,
        "waiting": waiting,
        "talk_waiting": talk_waiting,
        "element": "li" if element == "li" else "p",
    }
