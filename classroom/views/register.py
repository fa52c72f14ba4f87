"""The register of a live lesson: the only classroom page with pupils' names.

Pupils who joined on their devices are ticked; the teacher corrects it, then marks the
lesson taught, which completes it for the pupils present in the same transaction. Pupils
who were absent are listed as needing to catch up.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from classroom.permissions import user_can_take_register
from classroom.services.register import (
    RegisterRejectedError,
    catch_up_is_self_paced,
    class_member_ids,
    needs_catch_up,
    register_rows,
    save_register,
)
from schools.access_log import record_view

from .live import session_for


def _posted_ids(request: HttpRequest) -> set[int] | None:
    try:
        return {int(value) for value in request.POST.getlist("present")}
    except ValueError:
        return None


@never_cache
@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk)
    if not user_can_take_register(request.user, session):
        raise PermissionDenied
    problem = ""
    status = 200
    if request.method == "POST":
        present = _posted_ids(request)
        action = request.POST.get("action")
        mark_taught = action == "taught"
        try:
            if present is None:
                raise RegisterRejectedError("The register can only list pupils in this class.")
            if action == "all_present":
                present |= class_member_ids(session=session)
            taught = save_register(session=session, present_ids=present, actor=request.user, mark_taught=mark_taught)
        except RegisterRejectedError as error:
            problem, status = str(error), 400
        else:
            if mark_taught:
                messages.success(
                    request, f"The lesson is marked taught for {taught} pupil{'' if taught == 1 else 's'}."
                )
            elif action == "all_present":
                messages.success(
                    request,
                    "Everyone in the class is marked present and the register is saved. "
                    "Untick anyone who was not there, then mark the lesson taught.",
                )
            else:
                messages.success(request, "The register is saved. The lesson is not marked taught yet.")
            return redirect("classroom:register", session.pk)
        session.refresh_from_db()
    rows = register_rows(session=session)
    record_view(
        request,
        school=session.school_class.school,
        summary=f"Viewed the register of {session.school_class.name} for {session.lesson.title}",
        target=session,
    )
    return render(
        request,
        "classroom/live/register.html",
        {
            "session": session,
            "school_class": session.school_class,
            "rows": rows,
            "present_count": sum(1 for row in rows if row.present),
            "catch_up": needs_catch_up(session=session, rows=rows) if session.lesson_recorded_at else [],
            "self_paced_catch_up": catch_up_is_self_paced(session=session),
            "problem": problem,
        },
        status=status,
    )
