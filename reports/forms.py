"""The dashboard's filters (read from the query string, GET) and the transparency page's year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast
from urllib.parse import urlencode

from django import forms

from courses.models import ModulePage
from reports.dashboard_queries import DashboardFilters
from reports.models import ProgressRollup
from reports.terms import Term
from schools.models import YEAR_GROUPS, District, School

ALL_YEARS = "all"


def academic_year_label(year: int) -> str:
    return f"{year} to {year + 1}"


@dataclass(frozen=True)
class FilterChoices:
    """What each filter can be set to, read once per page (four queries)."""

    districts: list[District]
    phases: list[str]
    types: list[str]
    modules: list[tuple[int, str]]
    years: list[int]

    @classmethod
    def load(cls) -> FilterChoices:
        districts = list(District.objects.select_related("local_authority").order_by("name"))
        pairs = School.objects.order_by().values_list("phase", "establishment_type").distinct()
        phases, types = set(), set()
        for phase, kind in pairs:
            phases.add(phase)
            types.add(kind)
        modules = list(ModulePage.objects.order_by("title").values_list("pk", "title"))
        years = sorted(
            ProgressRollup.objects.order_by().values_list("academic_year", flat=True).distinct(), reverse=True
        )
        return cls(districts, sorted(p for p in phases if p), sorted(t for t in types if t), modules, years)


def _set_choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class DashboardFilterForm(forms.Form):
    """Always bound (to the query string); a missing year means the latest year with figures."""

    year = forms.ChoiceField(label="Academic year", required=False)
    term = forms.ChoiceField(
        label="Term", required=False, choices=[("", "All terms"), *[(str(t.value), t.label) for t in Term]]
    )
    district = forms.ChoiceField(label="District", required=False)
    phase = forms.ChoiceField(label="School phase", required=False)
    establishment_type = forms.ChoiceField(label="Type of school", required=False)
    module = forms.ChoiceField(label="Module", required=False)
    year_group = forms.ChoiceField(
        label="Year group", required=False, choices=[("", "All year groups"), *[(str(v), n) for v, n in YEAR_GROUPS]]
    )

    def __init__(self, query, *, choices: FilterChoices, with_district: bool = True) -> None:
        data = query.copy()
        if not data.get("year"):
            data["year"] = str(choices.years[0]) if choices.years else ALL_YEARS
        super().__init__(data)
        self.choices = choices
        years = [(str(year), academic_year_label(year)) for year in choices.years]
        _set_choices(self, "year", [*years, (ALL_YEARS, "All years")])
        _set_choices(self, "phase", [("", "All phases"), *[(p, p) for p in choices.phases]])
        _set_choices(self, "establishment_type", [("", "All types"), *[(t, t) for t in choices.types]])
        _set_choices(self, "module", [("", "All modules"), *[(str(pk), title) for pk, title in choices.modules]])
        if with_district:
            _set_choices(self, "district", [("", "All districts"), *[(d.code, d.name) for d in choices.districts]])
        else:
            del self.fields["district"]
        self.is_valid()

    def _valid(self, name: str) -> str:
        """A field's value if it passed validation, else "" (a tampered value is ignored, with an error shown)."""
        if name not in self.fields or name in self.errors:
            return ""
        return self.cleaned_data.get(name) or ""

    def filters(self, *, district: District | None = None) -> DashboardFilters:
        year = self._valid("year")
        if district is None and self._valid("district"):
            district = next(d for d in self.choices.districts if d.code == self._valid("district"))
        return DashboardFilters(
            academic_year=int(year) if year and year != ALL_YEARS else None,
            term=int(self._valid("term")) if self._valid("term") else None,
            district=district,
            phase=self._valid("phase"),
            establishment_type=self._valid("establishment_type"),
            module_id=int(self._valid("module")) if self._valid("module") else None,
            year_group=int(self._valid("year_group")) if self._valid("year_group") else None,
        )

    def summary(self) -> list[str]:
        """The filters in words, for the page heading."""
        parts = []
        for name in ("year", "term", "phase", "establishment_type", "module", "year_group"):
            value = self._valid(name)
            labels = dict(cast(list[tuple[str, str]], cast(forms.ChoiceField, self.fields[name]).choices))
            parts.append(labels.get(value, labels.get("", "")))
        return [part for part in parts if part]

    def query_string(self) -> str:
        """The valid filters other than the district, to carry down a drill-down link ("?year=2025&term=1")."""
        values = {name: self._valid(name) for name in self.fields if name != "district" and self._valid(name)}
        return f"?{urlencode(values)}" if values else ""


class TransparencyForm(forms.Form):
    year = forms.ChoiceField(label="Academic year", required=False)

    def __init__(self, query, *, years: list[int]) -> None:
        data = query.copy()
        if not data.get("year") and years:
            data["year"] = str(years[0])
        super().__init__(data)
        _set_choices(self, "year", [(str(year), academic_year_label(year)) for year in years])
        self.is_valid()

    def chosen_year(self, years: list[int]) -> int | None:
        """The chosen year, or the latest with figures when the value is missing or tampered with."""
        if "year" not in self.errors and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return years[0] if years else None
