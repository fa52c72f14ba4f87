"""Roster upload pages: upload, check, preview, confirm; scoping and permissions."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import AuditAction, AuditEvent, ClassMembership, ImportStatus, Pupil, RosterImport
from schools.services.roster import start_roster_import
from tests.factories import SchoolFactory, school_class, staff

CORPUS = Path(__file__).parent / "roster_corpus"


@pytest.fixture
def school(db):
    return SchoolFactory(name="Hollowbrook Academy")


@pytest.fixture
def teacher(school):
    return staff(school, "teacher")


@pytest.fixture
def lead(school):
    return staff(school, "school_lead")


@pytest.fixture
def klass(school, teacher):
    return school_class(school, teacher, name="9R")


@pytest.fixture
def outsider(db):
    """A teacher of a class at another school."""
    other_school = SchoolFactory(name="Marshside School")
    user = staff(other_school, "teacher")
    school_class(other_school, user, name="9X")
    return user


def csv_file(name: str, *, as_name: str | None = None, content_type: str = "text/csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(as_name or name, (CORPUS / name).read_bytes(), content_type=content_type)


def upload(client, klass, name: str, capture, **kwargs):
    with capture(execute=True):
        return client.post(reverse("schools:roster_upload", args=[klass.pk]), {"file": csv_file(name, **kwargs)})


def stored_import(klass, name: str = "good.csv") -> RosterImport:
    return start_roster_import(
        school=klass.school,
        school_class=klass,
        uploaded_by=None,
        filename=name,
        content=(CORPUS / name).read_bytes(),
    )


def test_upload_check_preview_confirm_and_finish(client, klass, teacher, django_capture_on_commit_callbacks):
    client.force_login(teacher)

    page = client.get(reverse("schools:roster_upload", args=[klass.pk]))
    assert page.status_code == 200
    assert 'accept=".csv,text/csv"' in page.content.decode()

    response = upload(client, klass, "good.csv", django_capture_on_commit_callbacks)
    roster_import = RosterImport.objects.get()
    status_url = reverse("schools:roster_status", args=[roster_import.pk])
    assert response.status_code == 302
    assert response.url == status_url
    assert roster_import.uploaded_by == teacher

    preview = client.get(status_url)
    html = preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    assert "Check the pupils before you import them" in html
    assert "Mary Jane O&#x27;Neill" in html
    assert "Confirm and import 5 new pupils" in html
    assert 'http-equiv="refresh"' not in html
    assert not Pupil.objects.exists()
    viewed = AuditEvent.objects.get(action=AuditAction.PUPIL_DATA_VIEWED)
    assert (viewed.actor, viewed.target_id) == (teacher, str(roster_import.pk))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schools:roster_confirm", args=[roster_import.pk]))
    assert response.url == status_url

    finished = client.get(status_url)
    html = finished.content.decode()
    assert "5 new pupils added" in html
    assert reverse("schools:class_detail", args=[klass.pk]) in html
    assert ClassMembership.objects.current().filter(school_class=klass).count() == 5
    assert AuditEvent.objects.get(action=AuditAction.ROSTER_IMPORTED).actor == teacher


def test_confirming_twice_imports_once(client, klass, teacher, django_capture_on_commit_callbacks):
    client.force_login(teacher)
    upload(client, klass, "good.csv", django_capture_on_commit_callbacks)
    confirm_url = reverse("schools:roster_confirm", args=[RosterImport.objects.get().pk])

    with django_capture_on_commit_callbacks(execute=True) as first:
        client.post(confirm_url)
    with django_capture_on_commit_callbacks(execute=True) as second:
        client.post(confirm_url)

    assert (len(first), len(second)) == (1, 0)
    assert Pupil.objects.count() == 5
    assert AuditEvent.objects.filter(action=AuditAction.ROSTER_IMPORTED).count() == 1


def test_a_file_with_problems_shows_them_and_no_confirm_button(
    client, klass, teacher, django_capture_on_commit_callbacks
):
    client.force_login(teacher)

    upload(client, klass, "bad_year.csv", django_capture_on_commit_callbacks)

    roster_import = RosterImport.objects.get()
    html = client.get(reverse("schools:roster_status", args=[roster_import.pk])).content.decode()
    assert "Your file has problems" in html
    assert "3 problems found" in html
    assert "is not a year group from 7 to 13" in html
    assert reverse("schools:roster_upload", args=[klass.pk]) in html
    assert reverse("schools:roster_confirm", args=[roster_import.pk]) not in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools:roster_confirm", args=[roster_import.pk]))
    assert not Pupil.objects.exists()


def test_the_problem_list_stops_at_500_and_gives_the_total(client, klass, teacher):
    roster_import = stored_import(klass)
    errors = [{"row": n, "column": "Year", "message": f"Problem {n}"} for n in range(2, 702)]
    RosterImport.objects.filter(pk=roster_import.pk).update(status=ImportStatus.INVALID, errors=errors)
    client.force_login(teacher)

    html = client.get(reverse("schools:roster_status", args=[roster_import.pk])).content.decode()

    assert "The first 500 of 700 problems" in html
    assert "Problem 501<" in html
    assert "Problem 502<" not in html


def test_a_spreadsheet_named_csv_is_refused_by_its_content(client, klass, teacher, django_capture_on_commit_callbacks):
    client.force_login(teacher)

    response = upload(client, klass, "not_csv.xlsx", django_capture_on_commit_callbacks, as_name="pupils.csv")

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_file"' in html
    assert "This looks like an Excel file (.xlsx)" in html
    assert not RosterImport.objects.exists()


def test_a_csv_with_another_extension_is_accepted(client, klass, teacher, django_capture_on_commit_callbacks):
    client.force_login(teacher)

    upload(
        client, klass, "good.csv", django_capture_on_commit_callbacks, as_name="pupils.txt", content_type="text/plain"
    )

    assert RosterImport.objects.get().status == ImportStatus.VALID


def test_an_empty_upload_is_refused(client, klass, teacher):
    client.force_login(teacher)

    response = client.post(reverse("schools:roster_upload", args=[klass.pk]), {})

    assert "Select a CSV file" in response.content.decode()
    assert not RosterImport.objects.exists()


def test_status_page_refreshes_while_the_file_is_checked(client, klass, teacher):
    roster_import = stored_import(klass)
    client.force_login(teacher)

    response = client.get(reverse("schools:roster_status", args=[roster_import.pk]))

    html = response.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "<progress" in html
    assert "no-store" in response["Cache-Control"]


def test_whole_school_upload_is_for_school_leads(client, school, teacher, lead, django_capture_on_commit_callbacks):
    url = reverse("schools:school_roster_upload", args=[school.urn])

    client.force_login(teacher)
    assert client.get(url).status_code == 403

    client.force_login(lead)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"file": csv_file("good_utf16.csv")})
    roster_import = RosterImport.objects.get()
    assert (roster_import.school_class, roster_import.status) == (None, ImportStatus.VALID)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools:roster_confirm", args=[roster_import.pk]))
    assert Pupil.objects.filter(school=school).count() == 2

    client.force_login(teacher)
    assert client.get(reverse("schools:roster_status", args=[roster_import.pk])).status_code == 404


def test_a_teacher_of_another_school_gets_404_everywhere(client, klass, school, outsider):
    roster_import = stored_import(klass)
    client.force_login(outsider)

    assert client.get(reverse("schools:roster_upload", args=[klass.pk])).status_code == 404
    assert client.get(reverse("schools:school_roster_upload", args=[school.urn])).status_code == 404
    assert client.get(reverse("schools:roster_status", args=[roster_import.pk])).status_code == 404
    assert client.post(reverse("schools:roster_confirm", args=[roster_import.pk])).status_code == 404


def test_a_teacher_who_does_not_teach_the_class_gets_404(client, klass, school):
    colleague = staff(school, "teacher")
    roster_import = stored_import(klass)
    client.force_login(colleague)

    assert client.get(reverse("schools:roster_upload", args=[klass.pk])).status_code == 404
    assert client.get(reverse("schools:roster_status", args=[roster_import.pk])).status_code == 404
    assert client.post(reverse("schools:roster_confirm", args=[roster_import.pk])).status_code == 404


def test_a_school_lead_can_import_into_any_class_of_the_school(client, klass, lead, django_capture_on_commit_callbacks):
    client.force_login(lead)

    upload(client, klass, "good_semicolon.csv", django_capture_on_commit_callbacks)

    assert RosterImport.objects.get().status == ImportStatus.VALID


def test_an_archived_class_takes_no_upload(client, klass, teacher):
    from schools.services.classes import archive_class

    archive_class(school_class=klass, actor=teacher)
    client.force_login(teacher)

    assert client.get(reverse("schools:roster_upload", args=[klass.pk])).status_code == 403


def test_confirm_is_post_only_and_pages_need_signing_in(client, klass, teacher):
    roster_import = stored_import(klass)

    assert client.get(reverse("schools:roster_status", args=[roster_import.pk])).status_code == 302
    client.force_login(teacher)
    assert client.get(reverse("schools:roster_confirm", args=[roster_import.pk])).status_code == 405
