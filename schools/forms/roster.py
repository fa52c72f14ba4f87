from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from schools.oneroster.archive import MAX_ZIP_BYTES, NOT_A_ZIP
from schools.pupil_matching import NEW, PossibleMatch, answer_problems, parse_answer
from schools.roster.files import MAX_FILE_BYTES, RosterFileError, decode_roster, file_problem

# Web pages, XML and SVG start with a tag; no roster's heading row does.
MARKUP = (
    "This looks like a web page or an XML file, not a CSV file. "
    "Export the pupil list from your school's system as CSV and upload that."
)
NO_COLUMNS = (
    "This does not look like a CSV file: the first row has no commas, semicolons or tabs between "
    "its columns. Save the pupil list as CSV (comma delimited) and upload that."
)
DELIMITERS = (",", ";", "\t")


class RosterUploadForm(forms.Form):
    """One CSV file. Judged by its content (size, binary signatures, text encoding, markup,
    columns), never by its name; every row is checked afterwards, in the background."""

    file = forms.FileField(
        label="Upload a CSV file",
        help_text="A CSV file of up to 2 MB, with one pupil per row.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Select a CSV file",
            "empty": "The file is empty.",
            "invalid": "Select a CSV file",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB. The largest file you can upload is 2 MB."
            )
        content = upload.read()
        problem = file_problem(content)
        if problem:
            raise forms.ValidationError(problem)
        try:
            text = decode_roster(content)
        except RosterFileError as error:
            raise forms.ValidationError(str(error)) from error
        first_line = text.lstrip().partition("\n")[0]
        if first_line.startswith("<"):
            raise forms.ValidationError(MARKUP)
        if not any(delimiter in first_line for delimiter in DELIMITERS):
            raise forms.ValidationError(NO_COLUMNS)
        self.cleaned_data["content"] = content
        return upload


class PossibleMatchesForm(forms.Form):
    """One question per row that may be a pupil already on the system: which pupil it is, or a
    new one. Nothing is chosen in advance, so no two children are ever merged without a person
    saying so."""

    def __init__(self, possible: Sequence[PossibleMatch], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.possible = list(possible)
        for match in self.possible:
            choices = [
                (
                    str(candidate.pk),
                    f"Same pupil: {candidate.describe()}"
                    if len(match.candidates) == 1
                    else f"Same pupil as {candidate.describe()}",
                )
                for candidate in match.candidates
            ]
            choices.append((NEW, f"New pupil: a different child called {match.name}"))
            self.fields[self.field_name(match.row)] = forms.ChoiceField(
                label=f"Row {match.row}: {match.name}, Year {match.year_group}",
                choices=choices,
                widget=forms.RadioSelect,
                help_text=(
                    "A pupil with this name and year group is already on the system. Is this the same child?"
                    if len(match.candidates) == 1
                    else f"{len(match.candidates)} pupils with this name and year group are already on the system. "
                    "Is this one of them?"
                ),
                error_messages={
                    "required": f"Say whether {match.name} (row {match.row}) is the same pupil or a new pupil"
                },
            )

    @staticmethod
    def field_name(row: int) -> str:
        return f"row-{row}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers = {str(match.row): cleaned.get(self.field_name(match.row)) for match in self.possible}
        for row, message in answer_problems(self.possible, answers).items():
            name = self.field_name(row)
            if name in cleaned:
                self.add_error(name, message)
        return cleaned

    @property
    def answers(self) -> dict[str, int | str]:
        """The answers by row, as ``confirm_roster_import`` takes them."""
        return {
            str(match.row): answer
            for match in self.possible
            if (answer := parse_answer(self.cleaned_data.get(self.field_name(match.row)))) is not None
        }


class OneRosterUploadForm(forms.Form):
    """A OneRoster 1.1 export: one zip file, judged by its content; its files are checked in
    the background."""

    file = forms.FileField(
        label="Upload the OneRoster export (.zip)",
        help_text="The zip file your MIS connector made, of up to 10 MB.",
        widget=forms.FileInput(attrs={"accept": ".zip,application/zip"}),
        error_messages={"required": "Select the OneRoster zip file", "empty": "The file is empty."},
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ZIP_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB. The largest export you can upload is 10 MB."
            )
        content = upload.read()
        if not content.startswith(b"PK\x03\x04"):
            raise forms.ValidationError(NOT_A_ZIP)
        self.cleaned_data["content"] = content
        return upload
