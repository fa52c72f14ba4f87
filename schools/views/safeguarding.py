"""The school lead names the designated safeguarding lead (DSL) pupils and teachers rely on."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from schools.forms.safeguarding import SafeguardingLeadForm
from schools.models import School
from schools.permissions import user_is_school_lead
from schools.services.safeguarding import set_safeguarding_lead


@never_cache
@login_required
def safeguarding_lead(request: HttpRequest, urn: int) -> HttpResponse:
    school = get_object_or_404(School.objects.for_user(request.user), urn=urn)
    if not user_is_school_lead(request.user, school):
        raise PermissionDenied("Only the school lead can change the safeguarding lead.")
    initial = {
        "dsl_user": school.dsl_user_id,
        "dsl_name": school.dsl_name,
        "dsl_contact": school.dsl_contact,
        "dsl_email": school.dsl_email,
        "dsl_phone": school.dsl_phone,
    }
    form = SafeguardingLeadForm(request.POST or None, initial=initial, school=school)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        set_safeguarding_lead(
            school=school,
            actor=request.user,
            name=data["dsl_name"],
            contact=data["dsl_contact"],
            email=data["dsl_email"],
            phone=data["dsl_phone"],
            account=data["dsl_user"],
        )
        messages.success(request, f"{data['dsl_name']} is now on record as your safeguarding lead.")
        return redirect("schools:school_overview", school.urn)
    return render(request, "schools/leads/safeguarding.html", {"school": school, "form": form})
