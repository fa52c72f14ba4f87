"""A pupil asks to talk to someone; the school's safeguarding lead reads the requests.

The pupil's pages say plainly who will see the request and when, and show Childline
meanwhile. The safeguarding lead's pages answer 404 to everyone else (school leads,
teachers and platform admins included); each request opened is audit-logged.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from schools.forms.talk import TalkRequestForm
from schools.models import Pupil, School, TalkRequest, TalkSource
from schools.pupil_session import pupil_required
from schools.services.talk_requests import (
    NoSafeguardingLeadAccountError,
    TalkRequestRejectedError,
    can_receive_talk_requests,
    open_talk_request,
    request_talk,
    talk_requests_for_dsl,
)


@never_cache
@pupil_required
def pupil_talk(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    """Ask to talk to the school's safeguarding lead, with an optional note."""
    source = request.GET.get("from", TalkSource.HELP)
    form = TalkRequestForm(request.POST or None, source=source if source in TalkSource.values else TalkSource.HELP)
    status = 200
    reachable = can_receive_talk_requests(pupil)
    if request.method == "POST":
        if form.is_valid():
            try:
                request_talk(
                    pupil=pupil,
                    note=form.cleaned_data["note"],
                    source=form.cleaned_data["source"],
                    key=form.cleaned_data["key"],
                )
            except NoSafeguardingLeadAccountError:
                reachable = False
            except TalkRequestRejectedError as error:
                form.add_error("note", str(error))
            else:
                return redirect("schools:pupil_talk_sent")
        status = 400 if reachable else 200
    return render(
        request,
        "schools/talk/pupil_form.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "form": form,
            "key": form.key_to_send(),
            "source": form.initial["source"] if not form.is_bound else form.data.get("source", ""),
            "reachable": reachable,
        },
        status=status,
    )


@never_cache
@pupil_required
def pupil_talk_sent(request: HttpRequest, pupil: Pupil) -> HttpResponse:
    """Sent: who will see it and when, and Childline meanwhile."""
    if not TalkRequest.objects.filter(pupil=pupil).exists():
        return redirect("schools:pupil_talk")
    return render(request, "schools/talk/pupil_sent.html", {"pupil": pupil, "school": pupil.school})


@never_cache
@require_GET
@login_required
def dsl_talk_requests(request: HttpRequest) -> HttpResponse:
    """The requests to talk sent to the signed-in safeguarding lead, newest first, without names."""
    if not School.objects.filter(dsl_user=request.user).exists():
        raise Http404("This page is only for a school's designated safeguarding lead.")
    requests = list(talk_requests_for_dsl(user=request.user)[:500])
    return render(request, "schools/talk/dsl_list.html", {"talk_requests": requests})


@never_cache
@require_GET
@login_required
def dsl_talk_request(request: HttpRequest, pk: int) -> HttpResponse:
    """One request: who sent it and their note (this look is audit-logged)."""
    talk = get_object_or_404(talk_requests_for_dsl(user=request.user).select_related("pupil"), pk=pk)
    open_talk_request(talk=talk, user=request.user)
    classes = talk.pupil.memberships.current().select_related("school_class")
    return render(
        request,
        "schools/talk/dsl_detail.html",
        {"talk": talk, "pupil": talk.pupil, "classes": [m.school_class for m in classes]},
    )
