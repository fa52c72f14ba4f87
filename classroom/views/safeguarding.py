"""The designated safeguarding lead's page of questions passed to them, and who asked each.

Only the account a school linked as its DSL sees these pages; for anyone else, school
leads and platform admins included, they answer 404. Each look at who asked is audit-logged.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from classroom.permissions import user_can_see_question_identity
from classroom.services.questions import questions_for_dsl, reveal_asker
from schools.models import School


@never_cache
@require_GET
@login_required
def dsl_questions(request: HttpRequest) -> HttpResponse:
    """Questions teachers passed on, newest first (who asked is one click further, and logged)."""
    if not School.objects.filter(dsl_user=request.user).exists():
        raise Http404("This page is only for a school's designated safeguarding lead.")
    questions = questions_for_dsl(user=request.user).select_related("passed_by").order_by("-passed_to_dsl_at")
    return render(request, "classroom/questions/dsl_list.html", {"questions": list(questions)})


@never_cache
@require_GET
@login_required
def dsl_question(request: HttpRequest, pk: int) -> HttpResponse:
    """One passed question and the pupil who asked it (their name and class)."""
    question = get_object_or_404(questions_for_dsl(user=request.user).select_related("passed_by"), pk=pk)
    if not user_can_see_question_identity(request.user, question):
        raise Http404
    pupil = reveal_asker(question=question, user=request.user)
    return render(
        request,
        "classroom/questions/dsl_detail.html",
        {"question": question, "asker": pupil, "school_class": question.school_class},
    )
