from __future__ import annotations

from typing import Any

from django import forms

from schools.services.rollover import ARCHIVE, CARRY, RolloverPlan


class RolloverForm(forms.Form):
    """The roll-over's one choice per class of the year that ended: carry it over into the new
    year (with its pupils and teachers, without its assignments) or archive it."""

    to_year = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, plan: RolloverPlan, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"to_year": plan.to_year})
        super().__init__(*args, **kwargs)
        self.plan = plan
        for class_plan in plan.classes:
            if not class_plan.can_carry:
                continue
            old = class_plan.school_class
            self.fields[self.field_name(old.pk)] = forms.ChoiceField(
                label=f"{old.name} (Year {old.year_group}, {class_plan.pupils} pupils)",
                choices=[
                    (CARRY, f"Carry over as {class_plan.new_name}, Year {class_plan.new_year_group}"),
                    (ARCHIVE, "Archive it"),
                ],
                initial=CARRY,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose whether to carry over or archive {old.name}"},
            )

    @staticmethod
    def field_name(pk: int) -> str:
        return f"class-{pk}"

    @property
    def choices(self) -> dict[int, str]:
        return {
            class_plan.school_class.pk: self.cleaned_data.get(self.field_name(class_plan.school_class.pk), ARCHIVE)
            for class_plan in self.plan.classes
        }
