"""The evaluation protocol form: a draft's plan, checked before anything is saved."""

from __future__ import annotations

from django import forms

from courses.models import QuizVersion, SurveyVersion
from learning.models import Wave
from reports.protocol_models import EvaluationProtocol, Subgroup


class VersionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: QuizVersion | SurveyVersion) -> str:
        return f"{obj.instrument.title} ({obj.instrument.key}), version {obj.number}"


class ProtocolForm(forms.Form):
    title = forms.CharField(max_length=150)
    period_start = forms.DateField(
        label="First day of the period", help_text="For example, 1/9/2026.", input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    period_end = forms.DateField(
        label="Last day of the period", help_text="For example, 31/8/2027.", input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    primary_outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="The one outcome the evaluation is judged on, and how it is measured.",
    )
    quiz_versions = VersionChoiceField(
        queryset=QuizVersion.objects.select_related("quiz").order_by("quiz__title", "number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Quiz versions",
    )
    survey_versions = VersionChoiceField(
        queryset=SurveyVersion.objects.select_related("survey").order_by("survey__title", "number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Survey versions",
    )
    waves = forms.MultipleChoiceField(choices=Wave.choices, widget=forms.CheckboxSelectMultiple)
    analysis = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="The comparisons, model, intervals and adjustments planned, and which analyses are exploratory.",
    )

    subgroups = forms.MultipleChoiceField(
        choices=Subgroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Subgroup comparisons planned",
        help_text="Differences in change between these groups are shown as confirmatory; any other is exploratory.",
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The last day of the period must be on or after the first day.")
        versions = [*cleaned.get("quiz_versions", []), *cleaned.get("survey_versions", [])]
        if not versions and not self.has_error("quiz_versions") and not self.has_error("survey_versions"):
            self.add_error("quiz_versions", "Choose at least one quiz or survey version.")
        return cleaned

    @classmethod
    def for_protocol(cls, protocol: EvaluationProtocol) -> ProtocolForm:
        return cls(
            initial={
                "title": protocol.title,
                "period_start": protocol.period_start,
                "period_end": protocol.period_end,
                "primary_outcome": protocol.primary_outcome,
                "quiz_versions": list(protocol.quiz_versions.all()),
                "survey_versions": list(protocol.survey_versions.all()),
                "waves": protocol.waves,
                "analysis": protocol.analysis,
                "subgroups": protocol.subgroups,
            }
        )
