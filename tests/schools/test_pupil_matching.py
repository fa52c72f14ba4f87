"""Possible matches: a pupil with the same name and year group is never taken for the same child
without a person saying so, in the import, on the preview page and on the command line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from schools.models import AuditAction, AuditEvent, ClassMembership, ImportStatus, Pupil, RosterImport
from schools.pupil_matching import NEW, answer_problems, match_rows
from schools.roster.parsing import parse_roster
from schools.services.pupils import create_pupil, upn_digest
from schools.services.roster import (
    STALE_MATCHES,
    apply_roster_import,
    check_roster_import,
    confirm_roster_import,
    start_roster_import,
    stored_possible_matches,
)
from tests.factories import SchoolFactory, school_class, staff

UPN_A = "A123456789012"
UPN_B = "B123456789012"


def roster(*rows: str) -> bytes:
    return "\n".join(["First name,Surname,Year,UPN", *rows, ""]).encode()


@pytest.fixture
def school(db):
    return SchoolFactory(name="Hollowbrook Academy")


@pytest.fixture
def teacher(school):
    return staff(school, "teacher")


@pytest.fixture
def klass(school, teacher):
    return school_class(school, teacher, name="9R", year_group=9)


def add(school, first="Sam", last="Smith", year=9, upn="", school_class=None) -> Pupil:
    return create_pupil(
        school=school,
        school_class=school_class,
        first_name=first,
        last_name=last,
        year_group=year,
        upn=upn,
        actor=None,
    )[0]


def checked(school, content: bytes, school_class=None) -> RosterImport:
    job = start_roster_import(
        school=school, school_class=school_class, uploaded_by=None, filename="list.csv", content=content
    )
    return check_roster_import(roster_import=job)


def matching(school, content: bytes):
    rows = parse_roster(content).rows
    return match_rows(school=school, rows=rows)


# Which rows are possible matches ----------------------------------------------


def test_a_row_without_upn_may_be_any_pupil_of_that_name_and_year(school):
    with_upn = add(school, upn=UPN_A)
    without = add(school)

    found = matching(school, roster("sam,SMITH,Year 9,"))

    assert found.certain == [None]
    assert [c.pk for c in found.possible[0].candidates] == [with_upn.pk, without.pk]


def test_a_row_with_a_upn_may_be_a_pupil_of_that_name_without_one(school):
    add(school, upn=UPN_B)  # a different UPN: someone else
    without = add(school)

    found = matching(school, roster(f"Sam,Smith,9,{UPN_A}"))

    assert found.certain == [None]
    assert [c.pk for c in found.possible[0].candidates] == [without.pk]
    assert found.possible[0].has_upn


def test_a_row_with_a_upn_no_one_has_and_no_namesake_without_one_is_new(school):
    add(school, upn=UPN_B)

    found = matching(school, roster(f"Sam,Smith,9,{UPN_A}"))

    assert (found.certain, found.possible) == ([None], [])


def test_the_same_upn_is_the_same_pupil_for_certain_whatever_the_name(school):
    pupil = add(school, first="Samuel", upn=UPN_A)

    found = matching(school, roster(f"Sam,Smith,9,{UPN_A}"))

    assert (found.certain, found.possible) == ([pupil.pk], [])


def test_another_year_group_another_school_or_an_erased_pupil_is_no_match(school):
    add(school, year=10)
    add(SchoolFactory())
    erased = add(school)
    Pupil.objects.filter(pk=erased.pk).update(erased_at=timezone.now())

    found = matching(school, roster("Sam,Smith,9,"))

    assert (found.certain, found.possible) == ([None], [])


def test_a_pupil_certain_for_one_row_is_not_offered_for_another(school):
    pupil = add(school, upn=UPN_A)

    found = matching(school, roster(f"Sam,Smith,9,{UPN_A}", "Sam,Smith,9,"))

    assert (found.certain, found.possible) == ([pupil.pk, None], [])


def test_candidates_are_described_with_their_current_classes(school, klass):
    add(school, school_class=klass)

    candidate = matching(school, roster("Sam,Smith,9,")).possible[0].candidates[0]

    assert candidate.classes == ("9R",)
    assert "Sam Smith, Year 9, in 9R, added" in candidate.describe()
    assert candidate.describe().endswith("no UPN on record")


# The answers -------------------------------------------------------------------


def test_every_possible_match_needs_a_usable_answer(school):
    one = add(school)
    add(school, first="Ava")
    possible = matching(school, roster(f"Sam,Smith,9,{UPN_A}", f"Sam,Smith,9,{UPN_B}", "Ava,Smith,9,")).possible

    assert set(answer_problems(possible, {})) == {2, 3, 4}
    assert "say whether Ava Smith is the same pupil or a new pupil" in answer_problems(possible, {})[4]
    assert "not one of the possible matches" in answer_problems(possible, {"2": 999999, "3": NEW, "4": NEW})[2]
    twice = answer_problems(possible, {"2": one.pk, "3": str(one.pk), "4": NEW})
    assert list(twice) == [3]
    assert "same pupil as row 2" in twice[3]
    assert answer_problems(possible, {"2": one.pk, "3": NEW, "4": "new"}) == {}


def test_an_unanswered_import_is_not_confirmed_and_not_applied(school, klass):
    add(school)
    job = checked(school, roster("Sam,Smith,9,"), klass)

    with pytest.raises(ValueError, match="same pupil or a new pupil"):
        confirm_roster_import(roster_import=job, answers={})
    result = apply_roster_import(roster_import=job, actor=None)

    assert result.status == ImportStatus.INVALID
    assert result.errors[0]["row"] == 2
    assert Pupil.objects.count() == 1
    assert not ClassMembership.objects.filter(school_class=klass).exists()


def test_answered_same_the_pupil_on_the_system_joins_the_class(school, klass, teacher):
    pupil = add(school)
    job = checked(school, roster("Sam,Smith,9,"), klass)
    confirm_roster_import(roster_import=job, answers={"2": pupil.pk})

    result = apply_roster_import(roster_import=job, actor=teacher)

    assert (result.created_count, result.existing_count) == (0, 1)
    assert Pupil.objects.count() == 1
    assert ClassMembership.objects.current().get(school_class=klass).pupil == pupil
    event = AuditEvent.objects.get(action=AuditAction.ROSTER_IMPORTED)
    assert (event.detail["answered_same"], event.detail["answered_new"]) == (1, 0)


def test_answered_new_a_second_child_of_that_name_is_created(school, klass):
    pupil = add(school)
    job = checked(school, roster("Sam,Smith,9,"), klass)
    confirm_roster_import(roster_import=job, answers={"2": NEW})

    result = apply_roster_import(roster_import=job, actor=None)

    assert (result.created_count, result.existing_count) == (1, 0)
    assert Pupil.objects.filter(first_name="Sam").count() == 2
    assert ClassMembership.objects.current().get(school_class=klass).pupil != pupil
    assert AuditEvent.objects.get(action=AuditAction.ROSTER_IMPORTED).detail["answered_new"] == 1


def test_a_pupil_first_imported_without_a_upn_is_matched_when_a_later_file_carries_it(school, klass):
    first = checked(school, roster("Sam,Smith,9,"), klass)
    apply_roster_import(roster_import=first, actor=None)
    pupil = Pupil.objects.get()
    assert pupil.upn_digest == ""

    later = checked(school, roster(f"Sam,Smith,9,{UPN_A}"), klass)
    assert [c["pk"] for c in later.possible_matches[0]["candidates"]] == [pupil.pk]
    confirm_roster_import(roster_import=later, answers={"2": pupil.pk})
    apply_roster_import(roster_import=later, actor=None)

    pupil.refresh_from_db()
    assert pupil.upn_digest == upn_digest(school.pk, UPN_A)
    # From now on the UPN settles it: no question, however the name is spelt.
    third = checked(school, roster(f"Samuel,Smith,9,{UPN_A}"), klass)
    assert (third.possible_matches, third.existing_count) == ([], 1)


def test_answered_same_for_a_row_without_a_upn_leaves_the_pupils_upn_alone(school):
    pupil = add(school, upn=UPN_A)
    job = checked(school, roster("Sam,Smith,9,"))
    confirm_roster_import(roster_import=job, answers={"2": pupil.pk})

    apply_roster_import(roster_import=job, actor=None)

    pupil.refresh_from_db()
    assert pupil.upn_digest == upn_digest(school.pk, UPN_A)


def test_a_row_that_may_be_one_of_several_pupils_is_answered_with_which(school, klass):
    older = add(school)
    younger = add(school)
    job = checked(school, roster("Sam,Smith,9,"), klass)
    assert len(stored_possible_matches(job)[0].candidates) == 2
    confirm_roster_import(roster_import=job, answers={"2": younger.pk})

    apply_roster_import(roster_import=job, actor=None)

    assert ClassMembership.objects.current().get(school_class=klass).pupil == younger
    assert not older.memberships.exists()


def test_a_pupil_added_after_the_preview_stops_the_import(school, klass):
    add(school)
    job = checked(school, roster("Sam,Smith,9,"), klass)
    confirm_roster_import(roster_import=job, answers={"2": NEW})
    add(school)  # someone else adds another Sam Smith meanwhile

    result = apply_roster_import(roster_import=job, actor=None)

    assert result.status == ImportStatus.INVALID
    assert result.errors[0]["message"] == STALE_MATCHES
    assert Pupil.objects.count() == 2


# The preview page --------------------------------------------------------------


def test_the_preview_asks_per_row_with_nothing_chosen_and_imports_the_answers(
    client, school, klass, teacher, django_capture_on_commit_callbacks
):
    pupil = add(school, school_class=school_class(school, teacher, name="9 PSHE"))
    add(school, first="Ava")
    job = checked(school, roster("Sam,Smith,9,", "Ava,Smith,9,", "Kit,Jones,9,"), klass)
    client.force_login(teacher)
    status_url = reverse("schools:roster_status", args=[job.pk])

    html = client.get(status_url).content.decode()
    assert "Possible match: answer below" in html
    assert "Row 2: Sam Smith, Year 9" in html
    assert "Same pupil: Sam Smith, Year 9, in 9 PSHE" in html
    assert "New pupil: a different child called Sam Smith" in html
    assert "checked" not in html
    assert "Confirm your answers and import" in html

    confirm_url = reverse("schools:roster_confirm", args=[job.pk])
    missing = client.post(confirm_url, {"row-2": str(pupil.pk)})
    assert missing.status_code == 400
    assert "Say whether Ava Smith (row 3) is the same pupil or a new pupil" in missing.content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.VALID

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(confirm_url, {"row-2": str(pupil.pk), "row-3": "new"})

    assert done.url == status_url
    job.refresh_from_db()
    assert (job.status, job.created_count, job.existing_count) == (ImportStatus.IMPORTED, 2, 1)
    assert Pupil.objects.filter(first_name="Ava").count() == 2
    assert ClassMembership.objects.current().filter(school_class=klass, pupil=pupil).exists()


def test_a_pupil_id_that_was_not_offered_is_refused_on_the_page(client, school, klass, teacher):
    add(school)
    stranger = add(SchoolFactory(), first="Sam")
    job = checked(school, roster("Sam,Smith,9,"), klass)
    client.force_login(teacher)

    response = client.post(reverse("schools:roster_confirm", args=[job.pk]), {"row-2": str(stranger.pk)})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert ClassMembership.objects.filter(pupil=stranger, school_class=klass).count() == 0


def test_another_schools_teacher_gets_404_for_the_questions(client, school, klass):
    add(school)
    job = checked(school, roster("Sam,Smith,9,"), klass)
    other_school = SchoolFactory()
    outsider = staff(other_school, "school_lead")
    client.force_login(outsider)

    assert client.get(reverse("schools:roster_status", args=[job.pk])).status_code == 404
    assert client.post(reverse("schools:roster_confirm", args=[job.pk]), {"row-2": "new"}).status_code == 404


# The command line ----------------------------------------------------------------


def run(file, *args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_roster", *args, str(file), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), ""


@pytest.fixture
def sam_file(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(roster("Sam,Smith,9,", "Kit,Jones,9,"))
    return path


def test_command_refuses_unanswered_possible_matches(school, klass, sam_file):
    pupil = add(school)

    _, err, error = run(sam_file, "--school", str(school.urn), "--class", "9R")

    assert "possible match not answered" in error
    assert f"Row 2: Sam Smith, Year 9 may be pupil {pupil.pk}: Sam Smith" in err
    assert Pupil.objects.count() == 1
    assert not RosterImport.objects.exists()


def test_command_same_and_new(school, klass, sam_file):
    pupil = add(school)

    out, _, error = run(sam_file, "--school", str(school.urn), "--class", "9R", "--same", "2")
    assert not error
    assert "1 created, 1 already on the system" in out
    assert ClassMembership.objects.current().filter(school_class=klass, pupil=pupil).exists()

    out, _, error = run(sam_file, "--school", str(school.urn), "--new", "all")
    assert not error
    assert Pupil.objects.filter(first_name="Sam").count() == 2


def test_command_needs_which_pupil_when_several_match(school, klass, sam_file):
    add(school)
    second = add(school)

    _, _, error = run(sam_file, "--school", str(school.urn), "--same", "2")
    assert "may be any of 2 pupils: say which with --same 2:PUPIL_ID" in error

    _, _, error = run(sam_file, "--school", str(school.urn), "--class", "9R", "--same", f"2:{second.pk}")
    assert not error
    assert ClassMembership.objects.current().get(school_class=klass, pupil__first_name="Sam").pupil == second


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--same", "2", "--new", "2"), "Row 2 is given both --same and --new"),
        (("--new", "3"), "Row 3 is not a possible match"),
        (("--same", "two"), "--same takes row numbers like 3,7"),
        (("--same", "2:99999999"), "not one of the possible matches"),
    ],
)
def test_command_refuses_answers_that_do_not_fit(school, sam_file, args, message):
    add(school)

    _, err, error = run(sam_file, "--school", str(school.urn), *args)

    assert message in error + err
    assert Pupil.objects.count() == 1
