"""Evaluation protocols for commissioners: the list, a new draft, editing a draft, and freezing it.

Commissioners and platform admins only (403 for anyone else; MFA by the /reports/
prefix). A frozen protocol's page shows it as frozen; an edit or a second freeze
sent to it is refused with the reason (409) and changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import User
from reports.permissions import user_can_manage_protocols
from reports.protocol import ProtocolFrozenError, freeze_protocol, frozen_message, save_draft
from reports.protocol_forms import ProtocolForm
from reports.protocol_models import EvaluationProtocol


def _check(request: HttpRequest) -> User:
    """The signed-in commissioner, or PermissionDenied."""
    user = request.user
    if not isinstance(user, User) or not user_can_manage_protocols(user):
        raise PermissionDenied
    return user


@never_cache
@login_required
def protocol_list(request: HttpRequest) -> HttpResponse:
    _check(request)
    protocols = EvaluationProtocol.objects.all()
    return render(request, "reports/protocols/list.html", {"protocols": protocols})


@never_cache
@login_required
def protocol_new(request: HttpRequest) -> HttpResponse:
    user = _check(request)
    form = ProtocolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        protocol = save_draft(protocol=None, user=user, **form.cleaned_data)
        messages.success(request, "The draft protocol is saved. Freeze it once the plan is final.")
        return redirect("reports:protocol", pk=protocol.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/protocols/form.html", {"form": form, "protocol": None}, status=status)


@never_cache
@login_required
def protocol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's form (GET, or POST to save it) or a frozen protocol as registered."""
    user = _check(request)
    protocol = get_object_or_404(EvaluationProtocol, pk=pk)
    if protocol.is_frozen:
        if request.method == "POST":
            return _refused(request, protocol)
        return render(request, "reports/protocols/frozen.html", {"protocol": protocol})
    if request.method == "POST":
        form = ProtocolForm(request.POST)
        if form.is_valid():
            try:
                save_draft(protocol=protocol, user=user, **form.cleaned_data)
            except ProtocolFrozenError:
                return _refused(request, protocol)
            messages.success(request, "The draft protocol is saved.")
            return redirect("reports:protocol", pk=protocol.pk)
        return render(request, "reports/protocols/form.html", {"form": form, "protocol": protocol}, status=400)
    context = {"form": ProtocolForm.for_protocol(protocol), "protocol": protocol}
    return render(request, "reports/protocols/form.html", context)


@require_POST
@login_required
def protocol_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    user = _check(request)
    protocol = get_object_or_404(EvaluationProtocol, pk=pk)
    try:
        freeze_protocol(protocol=protocol, user=user)
    except ProtocolFrozenError:
        return _refused(request, protocol)
    except ValueError as error:
        messages.error(request, str(error))
        return render(
            request,
            "reports/protocols/form.html",
            {"form": ProtocolForm.for_protocol(protocol), "protocol": protocol, "freeze_error": str(error)},
            status=400,
        )
    messages.success(request, "The protocol is frozen and published on the transparency page.")
    return redirect("reports:protocol", pk=protocol.pk)


def _refused(request: HttpRequest, protocol: EvaluationProtocol) -> HttpResponse:
    """A change sent to a frozen protocol: nothing is changed, and the page says why."""
    protocol.refresh_from_db()
    context = {"protocol": protocol, "refusal": frozen_message(protocol)}
    return render(request, "reports/protocols/frozen.html", context, status=409)
