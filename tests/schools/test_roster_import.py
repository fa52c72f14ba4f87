"""Roster import: reading and checking files, matching pupils, importing, the tasks and the command."""

import time
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from schools.models import AuditAction, AuditEvent, ClassMembership, ImportStatus, Pupil, RosterImport
from schools.pupil_codes import code_digest
from schools.roster.files import MAX_FILE_BYTES, file_problem
from schools.roster.parsing import parse_roster
from schools.services.pupils import create_pupil, upn_digest
from schools.services.roster import (
    apply_roster_import,
    check_roster_import,
    confirm_roster_import,
    start_roster_import,
)
from schools.tasks.roster import apply_roster_import_task, validate_roster_import
from tests.factories import SchoolFactory, school_class, staff

CORPUS = Path(__file__).parent / "roster_corpus"


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def roster(*rows: str, header: str = "First name,Surname,Year") -> bytes:
    return "\n".join([header, *rows, ""]).encode()


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def teacher(school):
    return staff(school, "teacher")


@pytest.fixture
def klass(school, teacher):
    return school_class(school, teacher, name="9R", year_group=9)


def upload(school, content: bytes, *, school_class=None, filename="pupils.csv", user=None) -> RosterImport:
    return start_roster_import(
        school=school, school_class=school_class, uploaded_by=user, filename=filename, content=content
    )


def import_file(school, content: bytes, *, school_class=None, actor=None, same_as_all=False) -> RosterImport:
    """Upload, check and apply, as the two tasks do; ``same_as_all`` answers every possible
    match "same pupil" (each with its one candidate), as a person re-uploading a list would."""
    roster_import = upload(school, content, school_class=school_class)
    check_roster_import(roster_import=roster_import)
    if same_as_all:
        answers = {str(m["row"]): m["candidates"][0]["pk"] for m in roster_import.possible_matches}
        confirm_roster_import(roster_import=roster_import, answers=answers)
    return apply_roster_import(roster_import=roster_import, actor=actor)


# Reading and checking --------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        (
            "good.csv",
            [
                ("Amara", "Okafor", 9, "female"),
                ("Mary Jane", "O'Neill", 9, "female"),
                ("Ben", "Hughes-Smith", 9, "male"),
                ("Kit", "T", 9, ""),
                ("Rowan", "De Souza", 9, "other"),
            ],
        ),
        ("good_semicolon.csv", [("Ola", "Nowak", 8, ""), ("Jan", "Kowalski", 8, ""), ("Ewa", "Wiśniewska", 8, "")]),
        ("good_windows1252.csv", [("Zoë", "Smith", 10, ""), ("Siân", "Jones", 10, ""), ("Renée", "Dubois", 10, "")]),
        ("good_utf16.csv", [("Chloé", "Martin", 11, "female"), ("Owain", "Rees", 11, "male")]),
        ("bom_utf8.csv", [("Nia", "Evans", 7, ""), ("Ifan", "Price", 7, "")]),
    ],
)
def test_good_file_is_read_into_tidied_rows(filename, expected):
    check = parse_roster(corpus(filename))

    assert check.is_valid, check.errors
    assert [(r.first_name, r.last_name, r.year_group, r.gender) for r in check.rows] == expected
    assert check.total_rows == len(expected)


def test_rows_keep_spreadsheet_numbers_and_upns_are_normalised():
    check = parse_roster(corpus("good.csv"))

    assert [row.row for row in check.rows] == [2, 3, 4, 5, 6]
    assert [row.upn for row in check.rows] == ["A123456789012", "", "", "B12345678901C", ""]


def test_names_keep_the_case_they_were_given():
    check = parse_roster(roster("mcDONALD,van der Berg,9"))

    assert (check.rows[0].first_name, check.rows[0].last_name) == ("mcDONALD", "van der Berg")


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("empty.csv", [(None, "", "The file is empty.")]),
        ("header_only.csv", [(None, "", "column headings but no pupils")]),
        ("missing_columns.csv", [(1, "", "no surname and year group columns")]),
        ("no_header.csv", [(1, "", "Row 1 must be the column headings")]),
        (
            "bad_year.csv",
            [
                (2, "Year", "“15” is not a year group from 7 to 13"),
                (3, "Year", "“Year six” is not a year group"),
                (4, "Year", "The year group is missing"),
            ],
        ),
        (
            "missing_name.csv",
            [(2, "First name", "The first name is missing"), (3, "Surname", "The surname or initial is missing")],
        ),
        (
            "duplicate_rows.csv",
            [(3, "UPN", "This UPN is already in row 2"), (5, "", "same name and year group) is already in row 4")],
        ),
        (
            "formula_injection.csv",
            [
                (2, "First name", "starts with “=”, which a spreadsheet could run as a formula"),
                (3, "Surname", "starts with “@”"),
                (4, "Year", "starts with “+”"),
            ],
        ),
        ("bad_upn.csv", [(2, "UPN", "The UPN is not in the right format"), (3, "UPN", "not in the right format")]),
        ("bad_gender.csv", [(2, "Gender", "The gender must be F, M, Other, or left blank")]),
        (
            "bad_names.csv",
            [
                (2, "First name", "contains a number"),
                (3, "First name", "hidden control character"),
                (4, "Surname", "longer than 60 characters"),
            ],
        ),
        ("not_csv.xlsx", [(None, "", "This looks like an Excel file (.xlsx). Save it as CSV (comma delimited)")]),
        ("not_csv.png", [(None, "", "This is a PNG image, not a CSV file")]),
        ("not_csv.pdf", [(None, "", "This is a PDF, not a CSV file")]),
        ("binary_nul.csv", [(None, "", "This is not a CSV file: it contains binary data")]),
    ],
)
def test_bad_file_gives_its_own_problems_and_imports_nothing(school, klass, filename, expected):
    pupils_before = Pupil.objects.count()

    roster_import = upload(school, corpus(filename), school_class=klass)
    check_roster_import(roster_import=roster_import)
    apply_roster_import(roster_import=roster_import, actor=None)

    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.INVALID
    found = [(e["row"], e["column"], e["message"]) for e in roster_import.errors]
    assert len(found) == len(expected), found
    for (row, column, message), (want_row, want_column, fragment) in zip(found, expected, strict=True):
        assert (row, column) == (want_row, want_column)
        assert fragment in message
    assert Pupil.objects.count() == pupils_before
    assert not ClassMembership.objects.filter(school_class=klass).exists()
    assert bytes(roster_import.content) == b""


@pytest.mark.parametrize(
    ("cell", "described"), [("-Lee", "“-”"), ("\tLee", "a tab"), ("\rLee", "a carriage return"), ("@Lee", "“@”")]
)
def test_cell_that_could_run_as_a_formula_rejects_the_row(cell, described):
    content = b'First name,Surname,Year\nAmy,"' + cell.encode() + b'",9\n'

    check = parse_roster(content)

    assert not check.is_valid
    assert check.rows == []
    assert check.errors[0].row == 2
    assert f"starts with {described}" in check.errors[0].message


def test_file_of_more_than_ten_thousand_pupils_is_refused():
    content = roster(
        *(f"Pupil,Number{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}{chr(65 + n // 676)},9" for n in range(10_001))
    )

    check = parse_roster(content)

    assert not check.is_valid
    assert "more than 10,000 pupils" in check.errors[0].message


def test_file_larger_than_two_megabytes_is_refused():
    content = roster(*(["Amy,Lee,9"] * (MAX_FILE_BYTES // 10 + 1)))

    assert len(content) > MAX_FILE_BYTES
    assert "largest file you can upload is 2 MB" in parse_roster(content).errors[0].message
    assert "largest file you can upload is 2 MB" in (file_problem(content) or "")


def test_undecodable_text_is_not_a_csv_file():
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8.
    check = parse_roster(b"First name,Surname,Year\nAmy\x81,Lee,9\n")

    assert "could not read the characters" in check.errors[0].message


def test_tab_separated_utf8_is_read():
    check = parse_roster(b"First name\tSurname\tYear\nAmy\tLee\t9\n")

    assert check.is_valid
    assert check.rows[0].last_name == "Lee"


def test_extra_columns_and_blank_rows_are_ignored():
    content = roster("Amy,Lee,9,2012-01-01", "", ",,,", "Bo,Chan,9,", header="First name,Surname,Year,Date of birth")

    check = parse_roster(content)

    assert check.is_valid
    assert [row.row for row in check.rows] == [2, 5]


# Matching pupils already on the system ---------------------------------------


def test_pupils_are_matched_for_certain_only_by_upn(school, klass):
    by_upn, _ = create_pupil(
        school=school,
        school_class=None,
        first_name="Amy",
        last_name="Lee",
        year_group=9,
        upn="A123456789012",
        actor=None,
    )
    by_name, _ = create_pupil(
        school=school, school_class=None, first_name="BO", last_name="chan", year_group=9, actor=None
    )
    create_pupil(school=school, school_class=None, first_name="Cy", last_name="Ng", year_group=8, actor=None)
    content = roster(
        "Amelia,Lee-Smith,9,A123456789012",  # same UPN, name changed since
        "Bo,Chan,9,",  # same name and year, any case: only possibly the same child
        "Cy,Ng,9,",  # same name, different year: someone else
        header="First name,Surname,Year,UPN",
    )
    roster_import = upload(school, content, school_class=klass)
    check_roster_import(roster_import=roster_import)
    assert [(m["row"], [c["pk"] for c in m["candidates"]]) for m in roster_import.possible_matches] == [
        (3, [by_name.pk])
    ]
    confirm_roster_import(roster_import=roster_import, answers={"3": by_name.pk})

    roster_import = apply_roster_import(roster_import=roster_import, actor=None)

    assert (roster_import.created_count, roster_import.existing_count) == (1, 2)
    members = set(ClassMembership.objects.current().filter(school_class=klass).values_list("pupil_id", flat=True))
    assert {by_upn.pk, by_name.pk} <= members
    assert len(members) == 3
    assert Pupil.objects.filter(school=school, first_name="Cy", year_group=9).count() == 1


def test_preview_flags_new_and_existing_pupils(school, klass):
    create_pupil(school=school, school_class=None, first_name="Ola", last_name="Nowak", year_group=8, actor=None)
    roster_import = upload(school, corpus("good_semicolon.csv"), school_class=klass)

    validate_roster_import(roster_import.pk)

    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.VALID
    assert (roster_import.total_rows, roster_import.processed_rows) == (3, 3)
    assert [(row["first_name"], row["existing"], row["possible"]) for row in roster_import.preview] == [
        ("Ola", False, True),
        ("Jan", False, False),
        ("Ewa", False, False),
    ]
    assert (roster_import.existing_count, roster_import.new_count, len(roster_import.possible_matches)) == (0, 2, 1)
    assert "upn" not in roster_import.preview[0]
    assert Pupil.objects.filter(school=school).count() == 1  # checking writes no pupils


def test_preview_holds_the_first_200_rows(school):
    content = roster(*(f"Pupil,Name{chr(65 + n % 26)}{chr(65 + n // 26)},9" for n in range(250)))
    roster_import = upload(school, content)

    validate_roster_import(roster_import.pk)

    roster_import.refresh_from_db()
    assert roster_import.total_rows == 250
    assert len(roster_import.preview) == 200


# Importing -------------------------------------------------------------------


def test_import_creates_pupils_in_the_class_with_unique_codes_and_one_audit_entry(school, klass, teacher):
    roster_import = import_file(school, corpus("good.csv"), school_class=klass, actor=teacher)

    assert roster_import.status == ImportStatus.IMPORTED
    assert (roster_import.created_count, roster_import.existing_count, roster_import.processed_rows) == (5, 0, 5)
    assert roster_import.finished_at is not None
    assert bytes(roster_import.content) == b""
    pupils = Pupil.objects.filter(school=school)
    assert pupils.count() == 5
    assert len({p.login_code_digest for p in pupils}) == 5
    assert all(p.login_code_changed_at for p in pupils)
    assert pupils.get(first_name="Amara").upn_digest == upn_digest(school.pk, "A123456789012")
    assert pupils.get(first_name="Kit").gender == ""
    assert ClassMembership.objects.current().filter(school_class=klass).count() == 5
    events = AuditEvent.objects.filter(action=AuditAction.ROSTER_IMPORTED)
    assert events.count() == 1
    assert events.get().actor == teacher
    assert "5 new pupils" in events.get().summary
    assert not AuditEvent.objects.filter(action=AuditAction.PUPIL_CREATED).exists()


def test_importing_the_same_file_again_creates_nobody(school, klass):
    first = import_file(school, corpus("good.csv"), school_class=klass)
    second = import_file(school, corpus("good.csv"), school_class=klass, same_as_all=True)

    assert (first.created_count, second.created_count, second.existing_count) == (5, 0, 5)
    assert Pupil.objects.filter(school=school).count() == 5
    assert ClassMembership.objects.filter(school_class=klass).count() == 5


def test_pupils_already_on_the_system_join_another_class(school, klass, teacher):
    other = school_class(school, teacher, name="9 PSHE", year_group=9)
    import_file(school, corpus("good.csv"), school_class=klass)

    second = import_file(school, corpus("good.csv"), school_class=other, same_as_all=True)

    assert second.created_count == 0
    assert ClassMembership.objects.current().filter(school_class=other).count() == 5
    assert Pupil.objects.filter(school=school).count() == 5


def test_whole_school_import_puts_pupils_in_no_class(school):
    roster_import = import_file(school, corpus("good_windows1252.csv"))

    assert roster_import.created_count == 3
    assert not ClassMembership.objects.exists()
    assert Pupil.objects.filter(school=school, first_name="Zoë").exists()


def test_applying_twice_imports_once(school, klass):
    roster_import = upload(school, corpus("good.csv"), school_class=klass)
    check_roster_import(roster_import=roster_import)

    apply_roster_import(roster_import=roster_import, actor=None)
    again = apply_roster_import(roster_import=roster_import, actor=None)
    apply_roster_import_task(roster_import.pk, None)

    assert again.status == ImportStatus.IMPORTED
    assert Pupil.objects.filter(school=school).count() == 5
    assert AuditEvent.objects.filter(action=AuditAction.ROSTER_IMPORTED).count() == 1


def test_a_file_not_yet_checked_is_not_imported(school):
    roster_import = upload(school, corpus("good.csv"))

    apply_roster_import(roster_import=roster_import, actor=None)

    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.QUEUED
    assert not Pupil.objects.exists()


def test_apply_checks_the_stored_file_again(school):
    """A preview that went stale (here: marked valid by hand) is never trusted."""
    roster_import = upload(school, corpus("formula_injection.csv"))
    RosterImport.objects.filter(pk=roster_import.pk).update(status=ImportStatus.VALID)

    result = apply_roster_import(roster_import=roster_import, actor=None)

    assert result.status == ImportStatus.INVALID
    assert "formula" in result.errors[0]["message"]
    assert not Pupil.objects.exists()


def test_an_archived_class_gets_no_pupils(school, klass, teacher):
    from schools.services.classes import archive_class

    roster_import = upload(school, corpus("good.csv"), school_class=klass)
    check_roster_import(roster_import=roster_import)
    archive_class(school_class=klass, actor=teacher)

    result = apply_roster_import(roster_import=roster_import, actor=teacher)

    assert result.status == ImportStatus.INVALID
    assert "archived" in result.errors[0]["message"]
    assert not Pupil.objects.exists()


def test_a_clashing_login_code_is_drawn_again(school, klass):
    _, taken_code = create_pupil(
        school=school, school_class=None, first_name="Old", last_name="Pupil", year_group=9, actor=None
    )
    fresh = iter(["BCDEFG", "HJKMNP", "QRSTUV", "WXYZ23", "456789", "ABCDEF"])
    draws = iter([taken_code, *fresh])

    with mock.patch("schools.services.roster.new_code", side_effect=lambda length: next(draws)):
        roster_import = import_file(school, roster("Amy,Lee,9"), school_class=klass)

    assert roster_import.created_count == 1
    amy = Pupil.objects.get(first_name="Amy")
    assert amy.login_code_digest != code_digest(school.pk, taken_code)
    assert amy.login_code_digest == code_digest(school.pk, "BCDEFG")


def test_an_unexpected_error_fails_the_import_and_leaves_nothing(school, klass):
    roster_import = upload(school, corpus("good.csv"), school_class=klass)
    check_roster_import(roster_import=roster_import)

    with (
        mock.patch("schools.services.roster.record_audit", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        apply_roster_import_task(roster_import.pk, None)

    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.FAILED
    assert "nothing was imported" in roster_import.errors[0]["message"]
    assert not Pupil.objects.exists()


def test_checking_twice_leaves_a_checked_file_alone(school):
    roster_import = upload(school, corpus("good.csv"))
    validate_roster_import(roster_import.pk)
    RosterImport.objects.filter(pk=roster_import.pk).update(existing_count=99)

    validate_roster_import(roster_import.pk)

    roster_import.refresh_from_db()
    assert (roster_import.status, roster_import.existing_count) == (ImportStatus.VALID, 99)


def test_ten_thousand_pupils_import_in_batched_queries(school, klass, django_assert_max_num_queries):
    names = [f"Pupil{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}{chr(65 + n // 676)}" for n in range(10_000)]
    content = roster(
        *(f"{name},Smith,9,F,A{n:012d}" for n, name in enumerate(names)), header="First name,Surname,Year,Gender,UPN"
    )
    roster_import = upload(school, content, school_class=klass)

    started = time.perf_counter()
    validate_roster_import(roster_import.pk)
    checked = time.perf_counter()
    # One query per pupil would be over 20,000. SQLite caps a statement at 999 parameters, so its
    # batches are smaller than PostgreSQL's 1,000 rows; this bound holds for both.
    with django_assert_max_num_queries(300):
        apply_roster_import_task(roster_import.pk, None)
    finished = time.perf_counter()
    print(f"\n10,000-row roster: checked in {checked - started:.2f} s, imported in {finished - checked:.2f} s")

    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.IMPORTED
    assert roster_import.created_count == 10_000
    assert Pupil.objects.filter(school=school).values("login_code_digest").distinct().count() == 10_000
    assert ClassMembership.objects.filter(school_class=klass).count() == 10_000


# The command -----------------------------------------------------------------


def run_command(*args):
    out, err = StringIO(), StringIO()
    call_command("import_roster", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_a_good_file_into_a_class(school, klass):
    out, _ = run_command("--school", str(school.urn), "--class", "9r", str(CORPUS / "good.csv"))

    assert "5 created, 0 already on the system" in out
    assert ClassMembership.objects.current().filter(school_class=klass).count() == 5
    assert AuditEvent.objects.filter(action=AuditAction.ROSTER_IMPORTED, actor=None).count() == 1


def test_command_refuses_a_bad_file_and_imports_nothing(school, klass):
    err = StringIO()
    with pytest.raises(CommandError, match="was not imported"):
        call_command(
            "import_roster", "--school", str(school.urn), str(CORPUS / "bad_year.csv"), stderr=err, stdout=StringIO()
        )

    assert "Row 2 (Year): “15” is not a year group" in err.getvalue()
    assert not Pupil.objects.exists()
    assert not RosterImport.objects.exists()


def test_command_exits_non_zero_on_a_bad_file(school):
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["manage.py", "import_roster", "--school", str(school.urn), str(CORPUS / "empty.csv")])
    # run_from_argv closes database connections when done, which would end the test's transaction.
    with mock.patch("django.db.connections.close_all"), pytest.raises(SystemExit) as exit_info:
        utility.execute()

    assert exit_info.value.code != 0
    assert not Pupil.objects.exists()


def test_command_dry_run_imports_nothing(school, klass):
    create_pupil(school=school, school_class=None, first_name="Ben", last_name="Hughes-Smith", year_group=9, actor=None)

    out, _ = run_command("--school", str(school.urn), "--class", "9R", "--dry-run", str(CORPUS / "good.csv"))

    assert "4 would be created, 0 are already on the system, 1 possible match." in out
    assert "Row 4: Ben Hughes-Smith, Year 9 may be pupil" in out
    assert Pupil.objects.count() == 1
    assert not ClassMembership.objects.exists()
    assert not RosterImport.objects.exists()


def test_command_needs_a_known_school_and_class(school, klass):
    with pytest.raises(CommandError, match="no school with URN 1"):
        run_command("--school", "1", str(CORPUS / "good.csv"))
    with pytest.raises(CommandError, match="no class called '10X'"):
        run_command("--school", str(school.urn), "--class", "10X", str(CORPUS / "good.csv"))
    assert not Pupil.objects.exists()


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_checks_and_imports_a_roster_through_redis():
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings

    from config.celery_app import app

    school = SchoolFactory()
    teacher = staff(school)
    klass = school_class(school, teacher)
    roster_import = start_roster_import(
        school=school,
        school_class=klass,
        uploaded_by=teacher,
        filename="9r.csv",
        content=roster("Ava,B,9", "Ben,C,9"),
    )

    def wait_for(statuses):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            roster_import.refresh_from_db()
            if roster_import.status in statuses:
                return
            time.sleep(0.2)

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            validate_roster_import.delay(roster_import.pk)
            wait_for({ImportStatus.VALID, ImportStatus.INVALID, ImportStatus.FAILED})
            assert roster_import.status == ImportStatus.VALID, roster_import.errors
            apply_roster_import_task.delay(roster_import.pk, teacher.pk)
            wait_for({ImportStatus.IMPORTED, ImportStatus.FAILED})
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    assert roster_import.status == ImportStatus.IMPORTED
    assert Pupil.objects.filter(memberships__school_class=klass).count() == 2
