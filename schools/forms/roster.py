from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from schools.roster_import import MAX_FILE_BYTES, RosterFileError, decode_roster, file_problem

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
