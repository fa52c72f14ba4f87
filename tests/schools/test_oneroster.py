"""OneRoster 1.1 exports: a sample built to the specification, a corpus of bad files, the
import all-or-nothing and idempotent, pupils matched as for a class list, and the pages."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import AuditAction, AuditEvent, ClassMembership, ImportStatus, Pupil, RosterFormat, SchoolClass
from schools.oneroster.preview import sourced_id_digest
from schools.services.classes import create_class
from schools.services.pupils import create_pupil, upn_digest
from schools.services.roster import apply_roster_import, check_roster_import, confirm_roster_import, start_roster_import
from tests.factories import SchoolFactory, staff

SAMPLE = Path(__file__).resolve().parents[2] / "schools" / "data" / "oneroster_sample"
URN = 990123


def export(drop=(), **replace) -> bytes:
    """The sample export as a zip; ``replace`` swaps a file's text (name without .csv), ``drop`` leaves files out."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(SAMPLE.glob("*.csv")):
            if path.stem in drop:
                continue
            content = replace.get(path.stem, path.read_bytes())
            archive.writestr(path.name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def edited(name: str, old: str, new: str) -> dict:
    text = (SAMPLE / f"{name}.csv").read_text(encoding="utf-8")
    assert old in text
    return {name: text.replace(old, new)}


@pytest.fixture
def school(db):
    return SchoolFactory(name="Hollowbrook Academy", urn=URN)


@pytest.fixture
def lead(school):
    return staff(school, "school_lead", email="lead@hollowbrook.example")


def checked(school, content: bytes, user=None):
    job = start_roster_import(
        school=school,
        school_class=None,
        uploaded_by=user,
        filename="oneroster.zip",
        content=content,
        format=RosterFormat.ONEROSTER,
    )
    return check_roster_import(roster_import=job)


def imported(school, content: bytes, actor, answers=None):
    job = checked(school, content, actor)
    assert job.status == ImportStatus.VALID, job.errors
    if answers is not None:
        confirm_roster_import(roster_import=job, answers=answers)
    return apply_roster_import(roster_import=job, actor=actor)


# The sample ---------------------------------------------------------------------


def test_the_sample_is_previewed_with_its_classes_teachers_and_pupils(school, lead):
    staff(school, "teacher", email="r.adeyemi@hollowbrook.example")

    job = checked(school, export(), lead)

    assert job.status == ImportStatus.VALID, job.errors
    assert job.total_rows == 6  # pupils only: teachers and the guardian are not rows
    assert [(row["row"], row["first_name"], row["year_group"]) for row in job.preview][:3] == [
        (4, "Amara", 9),
        (5, "Ben", 9),
        (6, "Zoë", 9),
    ]
    assert job.summary["class_count"] == job.summary["new_classes"] == 2
    assert job.summary["enrolments"] == 6  # the enrolment marked tobedeleted is skipped
    assert job.summary["teachers_without_account"] == ["Daniel Price (d.price@hollowbrook.example)"]
    assert not Pupil.objects.exists()


def test_importing_makes_classes_links_teachers_and_keeps_only_hashes(school, lead):
    ruth = staff(school, "teacher", email="r.adeyemi@hollowbrook.example")

    job = imported(school, export(), lead)

    assert (job.status, job.created_count) == (ImportStatus.IMPORTED, 6)
    nine = SchoolClass.objects.get(name="9R PSHE")
    ten = SchoolClass.objects.get(name="10B PSHE")
    assert (nine.year_group, nine.academic_year, ten.year_group) == (9, 2026, 10)
    assert list(nine.teachers.all()) == [ruth]
    assert list(ten.teachers.all()) == [lead]  # Daniel Price has no account yet
    assert nine.sourced_id_digest == sourced_id_digest(school.pk, "class", "class-9r")
    assert set(
        ClassMembership.objects.current().filter(school_class=ten).values_list("pupil__first_name", flat=True)
    ) == {
        "Kit",
        "Rowan",
        "Siân",
    }
    amara = Pupil.objects.get(first_name="Amara")
    assert amara.sourced_id_digest == sourced_id_digest(school.pk, "user", "pupil-2001")
    assert amara.upn_digest == upn_digest(school.pk, "A123456789012")
    stored = " ".join(str(value) for p in Pupil.objects.values() for value in p.values())
    for never in ("pupil-2001", "amara.okafor", "@", "A123456789012", "Grace", "07700900123"):
        assert never not in stored
    assert not Pupil.objects.filter(first_name="Grace").exists()
    event = AuditEvent.objects.get(action=AuditAction.ROSTER_IMPORTED)
    assert (event.detail["classes_created"], event.detail["memberships_added"]) == (2, 6)


def test_importing_the_same_export_again_changes_nothing(school, lead):
    imported(school, export(), lead)

    again = checked(school, export(), lead)
    assert (again.existing_count, again.possible_matches, again.summary["new_classes"]) == (6, [], 0)
    apply_roster_import(roster_import=again, actor=lead)

    assert Pupil.objects.count() == 6
    assert SchoolClass.objects.count() == 2
    assert ClassMembership.objects.count() == 6
    assert AuditEvent.objects.filter(action=AuditAction.ROSTER_IMPORTED).first().detail["memberships_added"] == 0


def test_a_pupil_on_the_system_by_name_is_asked_about_then_known_by_sourced_id(school, lead):
    zoe = create_pupil(school=school, school_class=None, first_name="Zoë", last_name="Smith", year_group=9, actor=None)[
        0
    ]

    job = checked(school, export(), lead)
    assert [(m["row"], [c["pk"] for c in m["candidates"]]) for m in job.possible_matches] == [(6, [zoe.pk])]
    confirm_roster_import(roster_import=job, answers={"6": zoe.pk})
    apply_roster_import(roster_import=job, actor=lead)

    zoe.refresh_from_db()
    assert zoe.sourced_id_digest == sourced_id_digest(school.pk, "user", "pupil-2003")
    assert Pupil.objects.filter(first_name="Zoë").count() == 1
    assert checked(school, export(), lead).possible_matches == []


def test_a_pupil_on_the_system_by_upn_is_the_same_pupil_for_certain(school, lead):
    create_pupil(
        school=school,
        school_class=None,
        first_name="Ben",
        last_name="Hughes",
        year_group=9,
        upn="B123456789012",
        actor=None,
    )

    job = checked(school, export(), lead)

    assert (job.existing_count, job.possible_matches) == (1, [])


def test_a_class_made_by_hand_with_the_same_name_is_used(school, lead):
    made = create_class(school=school, name="9R PSHE", year_group=9, academic_year=2026, teacher=lead)

    imported(school, export(), lead)

    assert SchoolClass.objects.filter(name="9R PSHE").get() == made
    assert made.memberships.count() == 3


# The bad-file corpus -------------------------------------------------------------------

CP1252_USERS = (SAMPLE / "users.csv").read_text(encoding="utf-8").encode("cp1252")
BAD = {
    "not a zip": (b"sourcedId,name\n1,x\n", "not a OneRoster export"),
    "missing enrollments": (export(drop=("enrollments",)), "The export has no enrollments.csv"),
    "missing two files": (export(drop=("orgs", "users")), "The export has no orgs.csv or users.csv"),
    "unknown class": (
        export(
            **edited(
                "enrollments", "enr-6,,2026-08-20T09:00:00.000Z,class-10b", "enr-6,,2026-08-20T09:00:00.000Z,class-11z"
            )
        ),
        "The class 'class-11z' is not in classes.csv",
    ),
    "unknown user": (
        export(**edited("enrollments", "pupil-2006,student", "pupil-9999,student")),
        "The user 'pupil-9999' is not in users.csv",
    ),
    "unknown term": (
        export(**edited("classes", "as-2026-autumn,PSHE,,3", "as-1999,PSHE,,3")),
        "is not in academicSessions.csv",
    ),
    "duplicate user": (
        export(**edited("users", "pupil-2006,", "pupil-2005,")),
        "This sourcedId is already in row 8",
    ),
    "wrong role": (
        export(**edited("users", "org-hollowbrook,student,kit.t", "org-hollowbrook,pupil,kit.t")),
        "“pupil” is not a OneRoster role",
    ),
    "role differs between files": (
        export(**edited("enrollments", "staff-102,teacher", "staff-102,student")),
        "is a teacher in users.csv, not a student",
    ),
    "bad encoding": (export(users=CP1252_USERS), "users.csv is not UTF-8 text (row 6"),
    "another school": (
        export(**edited("orgs", "school,990123", "school,990999")),
        "This export is for the school with identifier 990999",
    ),
    "missing column": (
        export(**edited("users", "givenName,familyName", "firstName,familyName")),
        "users.csv has no givenName column",
    ),
    "bad year group": (
        export(**edited("users", "D12345678901E,,,,,10", "D12345678901E,,,,,K")),
        "“K” is not a year group from 7 to 13",
    ),
    "name with a number": (export(**edited("users", "Kit,Turner", "Kit2,Turner")), "contains a number"),
    "duplicate upn": (export(**edited("users", "C123456789012", "A123456789012")), "This UPN is already in row 4"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_export_says_what_is_wrong_and_imports_nothing(school, lead, case):
    content, expected = BAD[case]

    job = checked(school, content, lead)
    result = apply_roster_import(roster_import=job, actor=lead)

    assert result.status == ImportStatus.INVALID
    messages = " | ".join(f"{e['column']}: {e['message']}" for e in result.errors)
    assert expected in messages
    assert not Pupil.objects.exists()
    assert not SchoolClass.objects.exists()
    assert bytes(result.content) == b""


def test_problems_name_their_file_row_and_column(school, lead):
    job = checked(school, BAD["wrong role"][0], lead)

    assert job.errors == [
        {
            "row": 7,
            "column": "users.csv · role",
            "message": "“pupil” is not a OneRoster role (student, teacher, guardian…).",
        }
    ]


# The pages ---------------------------------------------------------------------------


def test_the_lead_uploads_the_export_and_sees_the_preview(client, school, lead, django_capture_on_commit_callbacks):
    client.force_login(lead)
    url = reverse("schools:school_oneroster_upload", args=[school.urn])
    assert 'accept=".zip,application/zip"' in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": SimpleUploadedFile("export.zip", export(), "application/zip")})

    html = client.get(response.url).content.decode()
    assert "Check the pupils before you import them" in html
    assert "2 (2 new), with 6 pupil places" in html
    assert "Ruth Adeyemi (r.adeyemi@hollowbrook.example)" in html


def test_the_upload_page_refuses_a_file_that_is_not_a_zip(client, school, lead):
    client.force_login(lead)

    response = client.post(
        reverse("schools:school_oneroster_upload", args=[school.urn]),
        {"file": SimpleUploadedFile("export.zip", b"sourcedId\n1\n", "application/zip")},
    )

    assert "not a OneRoster export" in response.content.decode()
    assert not Pupil.objects.exists()


def test_only_a_lead_of_the_school_imports_an_export(client, school, lead):
    url = reverse("schools:school_oneroster_upload", args=[school.urn])
    client.force_login(staff(school, "teacher"))
    assert client.get(url).status_code == 403
    client.force_login(staff(SchoolFactory(), "school_lead"))
    assert client.get(url).status_code == 404
    job = checked(school, export(), lead)
    assert client.get(reverse("schools:roster_status", args=[job.pk])).status_code == 404
