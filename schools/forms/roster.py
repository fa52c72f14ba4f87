from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from schools.roster_import import MAX_FILE_BYTES, file_problem


class RosterUploadForm(forms.Form):
    """One CSV file. Judged by its content (size, binary signatures), never by its name;
    every row is checked afterwards, in the background."""

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
        self.cleaned_data["content"] = content
        return upload
