"""The roster upload refuses, at once and with a plain reason, anything that is not a CSV of
text: judged by size and content, never by the file's name or declared type."""

import codecs
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.forms.roster import MARKUP, NO_COLUMNS, RosterUploadForm
from schools.models import RosterImport
from schools.roster.files import BINARY, MAX_FILE_BYTES, UNREADABLE
from tests.factories import SchoolFactory, school_class, staff

CORPUS = Path(__file__).parent / "roster_corpus"
GOOD = b"First name,Surname,Year\r\nAmy,Lee,9\r\n"


def form_for(content: bytes, name: str = "pupils.csv", content_type: str = "text/csv") -> RosterUploadForm:
    return RosterUploadForm(files={"file": SimpleUploadedFile(name, content, content_type=content_type)})


def errors(content: bytes, **kwargs) -> list[str]:
    form = form_for(content, **kwargs)
    assert not form.is_valid()
    return form.errors["file"]


@pytest.mark.parametrize(
    "content",
    [
        GOOD,
        codecs.BOM_UTF8 + GOOD,
        "First name;Surname;Year\nZoë;Brontë;9\n".encode("cp1252"),
        b"First name\tSurname\tYear\nAmy\tLee\t9\n",
        codecs.BOM_UTF16_LE + "First name,Surname,Year\r\nAmy,Lee,9\r\n".encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "windows-1252-semicolons", "tabs", "utf16"],
)
def test_csv_text_in_the_usual_encodings_is_accepted(content):
    form = form_for(content)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["content"] == content


@pytest.mark.parametrize(
    "name", ["good.csv", "good_semicolon.csv", "good_utf16.csv", "good_windows1252.csv", "bom_utf8.csv"]
)
def test_the_good_corpus_files_pass_the_upload_check(name):
    assert form_for((CORPUS / name).read_bytes(), name=name).is_valid()


def test_a_file_over_two_megabytes_is_refused_before_it_is_read():
    content = GOOD + b"Amy,Lee,9\r\n" * (MAX_FILE_BYTES // 11 + 1)
    assert len(content) > MAX_FILE_BYTES
    assert errors(content) == ["The file is 2.0 MB. The largest file you can upload is 2 MB."]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>", "pupils.csv"),
        (b"  \n<html><body>First name,Surname,Year</body></html>", "pupils.csv"),
        (b'<?xml version="1.0"?>\n<pupils><pupil>Amy</pupil></pupils>', "pupils.csv"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "pupils.csv"),
    ],
    ids=["html", "html-after-blank-line", "xml", "svg"],
)
def test_a_web_page_or_markup_named_csv_is_refused(content, name):
    assert errors(content, name=name) == [MARKUP]


def test_text_that_is_not_utf8_or_windows_1252_is_refused():
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8.
    assert errors(b"First name,Surname,Year\nAmy\x81,Lee,9\n") == [UNREADABLE]


def test_nul_bytes_mean_binary_data():
    assert errors(b"First name,Surname,Year\nAmy\x00,Lee,9\n") == [BINARY]


def test_text_without_columns_is_refused():
    assert errors(b"Dear teacher\nplease find the list attached\n") == [NO_COLUMNS]


def test_the_declared_type_and_name_do_not_matter():
    assert form_for(GOOD, name="pupils.txt", content_type="application/octet-stream").is_valid()
    assert errors(b"%PDF-1.7\n...", name="pupils.csv", content_type="text/csv")


@pytest.fixture
def teacher_and_class(db):
    school = SchoolFactory()
    teacher = staff(school, "teacher")
    return teacher, school_class(school, teacher, name="9R")


def test_the_upload_page_shows_the_reason_and_stores_nothing(client, teacher_and_class):
    teacher, klass = teacher_and_class
    client.force_login(teacher)
    page = b"<html><body><script>alert(1)</script></body></html>"

    response = client.post(
        reverse("schools:roster_upload", args=[klass.pk]),
        {"file": SimpleUploadedFile("pupils.csv", page, content_type="text/csv")},
    )

    assert response.status_code == 200
    assert "This looks like a web page or an XML file" in response.content.decode()
    assert not RosterImport.objects.exists()
