from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from courses.models import ModulePage
from schools.models import YEAR_GROUPS, Arm, Delivery, Gender, School, SchoolClass
from schools.pupil_codes import CLASS_CODE_LENGTH, PUPIL_CODE_LENGTH, is_well_formed
from schools.services.assignments import self_paced_refusal
from schools.services.classes import current_academic_year

NAME_MAX = 60


def academic_year_choices() -> list[tuple[int, str]]:
    this_year = current_academic_year()
    return [(year, f"{year} to {year + 1}") for year in (this_year - 1, this_year, this_year + 1)]


class ClassForm(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.none(), empty_label=None)
    name = forms.CharField(max_length=40, help_text="As your school knows it, for example 9R or 10 PSHE 2.")
    year_group = forms.TypedChoiceField(choices=YEAR_GROUPS, coerce=int)
    academic_year = forms.TypedChoiceField(choices=academic_year_choices, coerce=int)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["academic_year"].initial = current_academic_year()
        if len(schools) == 1:
            self.fields["school"].widget = forms.HiddenInput()
            self.fields["school"].initial = schools[0].pk

    def clean(self):
        cleaned = super().clean()
        school, name, year = cleaned.get("school"), cleaned.get("name"), cleaned.get("academic_year")
        taken = SchoolClass.objects.filter(school=school, academic_year=year, name__iexact=(name or "").strip())
        if school and name and year and taken.exists():
            self.add_error("name", f"Your school already has a class called {name.strip()} this year.")
        return cleaned


class PupilForm(forms.Form):
    first_name = forms.CharField(max_length=NAME_MAX)
    last_name = forms.CharField(max_length=NAME_MAX, label="Surname or initial")
    year_group = forms.TypedChoiceField(choices=YEAR_GROUPS, coerce=int)
    gender = forms.ChoiceField(choices=Gender.choices, required=False, label="Gender (optional)")

    def clean_first_name(self):
        return _clean_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _clean_name(self.cleaned_data["last_name"])


def _clean_name(value: str) -> str:
    value = " ".join(value.split())
    if any(ch.isdigit() for ch in value):
        raise forms.ValidationError("Names cannot contain numbers.")
    if value[:1] in {"=", "+", "-", "@"}:
        raise forms.ValidationError("Names cannot start with =, +, - or @.")
    return value


class MovePupilForm(forms.Form):
    to_class = forms.ModelChoiceField(queryset=SchoolClass.objects.none(), label="Move to", empty_label=None)

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_class"].queryset = classes


class EvaluationStatusForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            ("opt_out", "A parent or carer has opted the pupil out of the evaluation"),
            ("withdrawal", "The pupil has withdrawn from the evaluation"),
        ],
        widget=forms.RadioSelect,
        label="What happened?",
    )
    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_on(self):
        value: date = self.cleaned_data["on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return value


class AssignmentForm(forms.Form):
    module = forms.ModelChoiceField(queryset=ModulePage.objects.none(), empty_label=None)
    classes = forms.ModelMultipleChoiceField(
        queryset=SchoolClass.objects.none(), widget=forms.CheckboxSelectMultiple, label="Classes"
    )
    # A date input takes and shows ISO dates (YYYY-MM-DD) whatever the site's date format, so the
    # initial date must be written that way to appear in it.
    opens_on = forms.DateField(label="Opens on", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    due_on = forms.DateField(
        label="Due by (optional)",
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    delivery = forms.ChoiceField(choices=Delivery.choices, widget=forms.RadioSelect, initial=Delivery.IN_CLASS)
    include_surveys = forms.BooleanField(
        required=False,
        initial=True,
        label="Include the before and after surveys",
        help_text="Pupils answer a short survey before the first lesson and after the last.",
    )
    arm = forms.ChoiceField(
        label="For the evaluation",
        choices=Arm.choices,
        widget=forms.RadioSelect,
        initial=Arm.PROGRAMME,
        help_text="Only when the evaluation asks your school for a comparison class: its pupils answer the quiz and "
        "survey now and again on the date below, without the lessons, and the lessons open for them afterwards.",
    )
    post_wave_on = forms.DateField(
        label="Comparison classes: the quiz and survey after open on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date the programme classes answer theirs, so both are asked at the same time of year.",
    )

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = ModulePage.objects.live().order_by("path")
        self.fields["classes"].queryset = classes
        self.fields["opens_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        module, delivery = cleaned.get("module"), cleaned.get("delivery")
        refusal = self_paced_refusal(module) if module and delivery == Delivery.SELF_PACED else None
        if refusal:
            self.add_error("delivery", refusal)
        opens, due = cleaned.get("opens_on"), cleaned.get("due_on")
        if opens and due and due < opens:
            self.add_error("due_on", "The due date must be on or after the date it opens.")
        post_wave = cleaned.get("post_wave_on")
        if cleaned.get("arm") == Arm.COMPARISON:
            if post_wave is None:
                self.add_error("post_wave_on", "Enter the date the quiz and survey after open for a comparison class.")
            elif opens and post_wave <= opens:
                self.add_error("post_wave_on", "The quiz and survey after must open after the module opens.")
        elif post_wave is not None:
            self.add_error("post_wave_on", "Only a comparison class has a date for the quiz and survey after.")
        return cleaned


class PupilLoginForm(forms.Form):
    class_code = forms.CharField(max_length=12, label="Class code")
    pupil_code = forms.CharField(max_length=12, label="Your code")
    # Set by a join link: the module to open after signing in.
    assignment = forms.CharField(max_length=12, required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        class_code, pupil_code = cleaned.get("class_code", ""), cleaned.get("pupil_code", "")
        if class_code and not is_well_formed(class_code, CLASS_CODE_LENGTH):
            self.add_error("class_code", "A class code has 6 letters and numbers. Check your card.")
        if pupil_code and not is_well_formed(pupil_code, PUPIL_CODE_LENGTH):
            self.add_error("pupil_code", "Your code has 6 letters and numbers. Check your card.")
        return cleaned
