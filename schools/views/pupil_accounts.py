"""Pupils' school accounts: link, unlink, and sign in with one (see schools.pupil_accounts)."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from schools.models import ClassMembership, Pupil
from schools.pupil_accounts import LINK, SIGN_IN, PupilAccountError, finish, pupil_providers, start
from schools.pupil_session import current_pupil, sign_in_pupil

NOT_LINKED = (
    "That school account is not linked to a pupil here. Sign in with your codes, then link it from "
    "“Your school account”."
)


def _signed_in_pupil(request: HttpRequest) -> Pupil:
    pupil = current_pupil(request)
    if pupil is None:
        raise Http404
    return pupil


@never_cache
def pupil_account(request: HttpRequest) -> HttpResponse:
    """Whether the pupil's school account is linked, with the buttons to link or unlink it."""
    pupil = _signed_in_pupil(request)
    context = {
        "pupil": pupil,
        "linked": bool(pupil.account_digest),
        "allowed": pupil.school.pupil_account_linking,
        "providers": pupil_providers(request),
    }
    return render(request, "schools/pupils/account.html", context)


@never_cache
@require_POST
def pupil_account_start(request: HttpRequest) -> HttpResponse:
    """Off to the provider: to link (a signed-in pupil) or to sign in (anyone)."""
    purpose = LINK if request.POST.get("purpose") == LINK else SIGN_IN
    if purpose == LINK and not _signed_in_pupil(request).school.pupil_account_linking:
        raise Http404
    provider_id = request.POST.get("provider", "")
    if provider_id not in {choice.provider_id for choice in pupil_providers(request)}:
        raise Http404
    return redirect(start(request, provider_id=provider_id, purpose=purpose))


@never_cache
def pupil_account_callback(request: HttpRequest) -> HttpResponse:
    """Back from the provider: link the proved account, or sign its pupil in."""
    try:
        proved = finish(request)
    except PupilAccountError as error:
        messages.error(request, str(error))
        return redirect("schools:pupil_account" if current_pupil(request) else "schools:pupil_login")
    if proved.purpose == LINK:
        pupil = _signed_in_pupil(request)
        if not pupil.school.pupil_account_linking:
            raise Http404
        try:
            with transaction.atomic():
                Pupil.objects.filter(pk=pupil.pk).update(account_digest=proved.digest)
        except IntegrityError:
            messages.error(request, "That school account is linked to another pupil already. Nothing was changed.")
        else:
            messages.success(request, "Your school account is linked. Next time you can sign in with it.")
        return redirect("schools:pupil_account")
    pupil = (
        Pupil.objects.not_erased()
        .still_at_school()
        .select_related("school")
        .filter(account_digest=proved.digest, school__pupil_account_linking=True)
        .first()
    )
    membership = (
        ClassMembership.objects.in_running_classes()
        .filter(pupil=pupil)
        .select_related("school_class")
        .order_by("-added_at")
        .first()
        if pupil is not None
        else None
    )
    if pupil is None or membership is None:
        messages.error(request, NOT_LINKED)
        return redirect("schools:pupil_login")
    sign_in_pupil(request, pupil, membership.school_class)
    return redirect("learning:pupil_home")


@never_cache
@require_POST
def pupil_account_unlink(request: HttpRequest) -> HttpResponse:
    pupil = _signed_in_pupil(request)
    Pupil.objects.filter(pk=pupil.pk).update(account_digest="")
    messages.success(request, "Your school account is no longer linked. Sign in with your codes.")
    return redirect("schools:pupil_account")
