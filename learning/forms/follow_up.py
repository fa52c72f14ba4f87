"""Opening a follow-up survey window: two GOV.UK date inputs (day, month, year)."""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.forms import BoundField
from django.utils.dateformat import format as format_date

from learning.models import FollowUpWindow
from schools.models import Assignment

PARTS = ("day", "month", "year")
DIGITS = re.compile(r"[0-9]+")
DATE_FORMAT = "j F Y"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class DatePartsWidget(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year."""

    def __init__(self, attrs=None):
        super().__init__(dict.fromkeys(PARTS, forms.TextInput), attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class DatePartsField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK error messages.

    ``describe`` completes "the date ...", for example "the follow-up survey opens".
    """

    widget = DatePartsWidget

    def __init__(self, *, describe: str, **kwargs):
        self.describe = describe
        super().__init__(**kwargs)

    def to_python(self, value) -> datetime.date:
        parts = list(value) if isinstance(value, list | tuple) else []
        parts = [str(part or "").strip() for part in parts] + [""] * (3 - len(parts))
        day, month, year = parts[:3]
        missing = [name for name, part in zip(PARTS, (day, month, year), strict=True) if not part]
        if len(missing) == 3:
            raise forms.ValidationError(f"Enter the date {self.describe}", code="required")
        if missing:
            raise forms.ValidationError(
                f"The date {self.describe} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not all(DIGITS.fullmatch(part) for part in (day, month, year)):
            raise forms.ValidationError(f"The date {self.describe} must be a real date", code="invalid")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise forms.ValidationError(f"The date {self.describe} must be a real date", code="invalid") from None


@dataclass(frozen=True)
class DatePart:
    name: str
    label: str
    id: str
    value: str
    width: int


@dataclass(frozen=True)
class DateInput:
    """What the template needs to draw one GOV.UK date input."""

    field: BoundField
    parts: tuple[DatePart, ...]


class FollowUpWindowForm(forms.Form):
    """The dates of a follow-up window, checked against the assignment and its other windows.

    ``today`` is passed in so the check of "in the past" is the view's day, not the form's.
    """

    opens_on = DatePartsField(describe="the follow-up survey opens", label="Opens on")
    closes_on = DatePartsField(describe="the follow-up survey closes", label="Closes on")

    def __init__(
        self, *args, assignment: Assignment, windows: Iterable[FollowUpWindow], today: datetime.date, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.windows = list(windows)
        self.today = today
        example = self.suggested_opening
        for name in ("opens_on", "closes_on"):
            self.fields[name].help_text = f"For example, {example.day} {example.month} {example.year}"
            example = add_months(example, 1)

    @property
    def module_end(self) -> datetime.date:
        return self.assignment.due_on or self.assignment.opens_on

    @property
    def suggested_opening(self) -> datetime.date:
        """Three months after the module, or today if that has passed."""
        return max(add_months(self.module_end, 3), self.today)

    @property
    def typical_range(self) -> tuple[datetime.date, datetime.date]:
        """From 3 to 12 months after the module ends (or is due)."""
        return add_months(self.module_end, 3), add_months(self.module_end, 12)

    def clean(self):
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens is not None and opens < self.today:
            self.add_error("opens_on", "The date the follow-up survey opens must be today or in the future")
            opens = None
        elif opens is not None and opens <= self.assignment.opens_on:
            self.add_error(
                "opens_on",
                "The follow-up survey must open after the module opens on "
                f"{format_date(self.assignment.opens_on, DATE_FORMAT)}",
            )
            opens = None
        if opens is not None and closes is not None:
            if closes < opens:
                self.add_error(
                    "closes_on", "The date the follow-up survey closes must be the same as or after the date it opens"
                )
            else:
                for window in self.windows:
                    if window.opens_on <= closes and opens <= window.closes_on:
                        self.add_error(
                            "opens_on",
                            "These dates overlap the follow-up survey already set from "
                            f"{format_date(window.opens_on, DATE_FORMAT)} to "
                            f"{format_date(window.closes_on, DATE_FORMAT)}. Choose dates before or after it",
                        )
                        break
        return cleaned

    def date_inputs(self) -> list[DateInput]:
        """Each date field with its day, month and year boxes (ids match the error summary's links)."""
        inputs = []
        for name in ("opens_on", "closes_on"):
            bound = self[name]
            values = bound.value() if self.is_bound else None
            values = list(values) if isinstance(values, list | tuple) else ["", "", ""]
            parts = tuple(
                DatePart(
                    name=f"{bound.html_name}_{part}",
                    label=part.capitalize(),
                    # The day box takes the field's id, the target of the error summary's link.
                    id=bound.auto_id if part == "day" else f"{bound.auto_id}_{part}",
                    value=str(value or ""),
                    width=4 if part == "year" else 2,
                )
                for part, value in zip(PARTS, values, strict=True)
            )
            inputs.append(DateInput(field=bound, parts=parts))
        return inputs
