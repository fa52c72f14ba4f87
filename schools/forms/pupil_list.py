"""The school lead's search and filters on their school's pupil list (a GET form)."""

from __future__ import annotations

from django import forms
from django.db.models import Prefetch, Q, QuerySet

from schools.models import ClassMembership, Pupil, School, SchoolClass
from schools.models.classes import YEAR_GROUPS

NOT_IN_A_CLASS = "none"


class PupilListFilterForm(forms.Form):
    q = forms.CharField(
        label="Name",
        required=False,
        max_length=60,
        help_text="First name, surname or both",
        error_messages={"max_length": "Enter a name of 60 characters or fewer"},
    )
    school_class = forms.ChoiceField(label="Class", required=False)
    year = forms.TypedChoiceField(
        label="Year",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Every year"), *YEAR_GROUPS],
        error_messages={"invalid_choice": "Choose a year from the list"},
    )
    show = forms.ChoiceField(
        label="Evaluation",
        required=False,
        choices=[("", "Every pupil"), ("excluded", "Left out of the evaluation")],
        error_messages={"invalid_choice": "Choose who to show from the list"},
    )

    def __init__(self, data, *, school: School) -> None:
        super().__init__(data)
        self.classes = {str(klass.pk): klass for klass in school.classes.active()}
        self.fields["school_class"].choices = [
            ("", "Every class"),
            *((pk, klass.name) for pk, klass in self.classes.items()),
            (NOT_IN_A_CLASS, "Not in a class"),
        ]
        self.fields["school_class"].error_messages["invalid_choice"] = "Choose a class from the list"

    def filter(self, pupils: QuerySet[Pupil]) -> QuerySet[Pupil]:
        """The pupils that match every filter given (all of them while the form is invalid),
        each with their current classes prefetched as ``current_classes``."""
        pupils = pupils.prefetch_related(
            Prefetch(
                "memberships",
                queryset=ClassMembership.objects.in_running_classes()
                .select_related("school_class")
                .order_by("school_class__name"),
                to_attr="current_memberships",
            )
        )
        if not self.is_valid():
            return pupils
        data = self.cleaned_data
        for word in data["q"].split():
            pupils = pupils.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        current = ClassMembership.objects.in_running_classes()
        if data["school_class"] == NOT_IN_A_CLASS:
            pupils = pupils.exclude(pk__in=current.values("pupil_id"))
        elif data["school_class"]:
            klass: SchoolClass = self.classes[data["school_class"]]
            pupils = pupils.filter(pk__in=current.filter(school_class=klass).values("pupil_id"))
        if data["year"] is not None:
            pupils = pupils.filter(year_group=data["year"])
        if data["show"] == "excluded":
            pupils = pupils.exclude(opted_out_at__isnull=True, withdrawn_at__isnull=True)
        return pupils

    @property
    def filtering(self) -> bool:
        return self.is_valid() and any(self.cleaned_data[name] not in ("", None) for name in self.fields)
