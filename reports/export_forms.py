"""The forms that ask for an export: its format and what it covers."""

from __future__ import annotations

from typing import cast

from django import forms

from courses.models import ModulePage
from reports.export_models import ExportFormat
from reports.models import ProgressRollup
from schools.models import SchoolClass


def _year_label(year: int) -> str:
    return f"{year} to {year + 1}"


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label="File format",
        choices=ExportFormat.choices,
        initial=ExportFormat.XLSX,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a file format", "invalid_choice": "Select a file format"},
    )
    academic_year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select an academic year from the list"},
    )

    # Where the academic years on offer come from.
    years_source = "classes"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        source = ProgressRollup.objects if self.years_source == "rollups" else SchoolClass.objects
        years: set[int] = set(source.order_by().values_list("academic_year", flat=True).distinct())
        choices = [(year, _year_label(year)) for year in sorted(years, reverse=True)]
        cast(forms.ChoiceField, self.fields["academic_year"]).choices = [("", "All academic years"), *choices]

    def filters(self) -> dict[str, int]:
        """The chosen limits, as stored on the export (only those chosen)."""
        data = {key: self.cleaned_data.get(key) for key in ("academic_year", "module_id")}
        return {key: value for key, value in data.items() if value is not None}


class EvaluatorExportForm(ExportForm):
    module_id = forms.TypedChoiceField(
        label="Module",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Select a module from the list"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        modules = ModulePage.objects.filter(assignments__isnull=False).distinct().order_by("title")
        cast(forms.ChoiceField, self.fields["module_id"]).choices = [
            ("", "All modules"),
            *modules.values_list("pk", "title"),
        ]


class DashboardExportForm(ExportForm):
    years_source = "rollups"
