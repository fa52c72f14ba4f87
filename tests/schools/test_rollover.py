"""The new academic year: preview, start, idempotency, undo, the retention clock, the pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from schools.models import (
    Assignment,
    AuditAction,
    AuditEvent,
    ClassMembership,
    Pupil,
    SchoolClass,
    YearRollover,
)
from schools.retention.due import identities_due
from schools.services.classes import create_class, current_academic_year
from schools.services.pupils import create_pupil
from schools.services.rollover import (
    ARCHIVE,
    CARRY,
    RolloverError,
    last_year_group,
    next_class_name,
    plan_rollover,
    start_new_year,
    undo_new_year,
)
from tests.factories import SchoolFactory, staff

# The years are those of the test's own day, so the pages (which read today's date) agree.
NEW_YEAR = current_academic_year()
LAST_YEAR = NEW_YEAR - 1
IN_TERM = date(NEW_YEAR, 9, 7)


@pytest.fixture
def school(db):
    return SchoolFactory(name="Hollowbrook Academy", statutory_high_age=18)


@pytest.fixture
def lead(school):
    return staff(school, "school_lead")


@pytest.fixture
def teacher(school):
    return staff(school, "teacher")


def make_class(school, teacher, name, year_group, academic_year=LAST_YEAR):
    return create_class(school=school, name=name, year_group=year_group, academic_year=academic_year, teacher=teacher)


def add(school, school_class, first, year_group=None):
    return create_pupil(
        school=school,
        school_class=school_class,
        first_name=first,
        last_name="Smith",
        year_group=year_group or school_class.year_group,
        actor=None,
    )[0]


@pytest.fixture
def world(school, teacher, module):
    """Year 9 and Year 13 classes of last year, each with pupils; 9R has a module assigned."""
    nine = make_class(school, teacher, "9R", 9)
    thirteen = make_class(school, teacher, "13 Sixth", 13)
    ava, ben = add(school, nine, "Ava"), add(school, nine, "Ben")
    cara = add(school, thirteen, "Cara")
    assignment = Assignment.objects.create(school_class=nine, module=module, opens_on=date(LAST_YEAR, 9, 10))
    return {"nine": nine, "thirteen": thirteen, "ava": ava, "ben": ben, "cara": cara, "assignment": assignment}


def start(school, lead, choices, to_year=NEW_YEAR, today=IN_TERM):
    return start_new_year(school=school, to_year=to_year, choices=choices, actor=lead, today=today)


# Rules -------------------------------------------------------------------------


@pytest.mark.parametrize(("high_age", "last"), [(None, 13), (16, 11), (18, 13), (19, 13), (11, 7)])
def test_the_last_year_group_follows_the_schools_age_range(high_age, last):
    assert last_year_group(SchoolFactory.build(statutory_high_age=high_age)) == last


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("9R", 9, "10R"),
        ("Year 9 PSHE", 9, "Year 10 PSHE"),
        ("y9b", 9, "y10b"),
        ("PSHE 9", 9, "PSHE 9"),
        ("10X", 9, "10X"),
    ],
)
def test_a_leading_year_number_moves_up_with_the_class(name, year, expected):
    assert next_class_name(name, year) == expected


# The preview ---------------------------------------------------------------------


def test_a_school_without_classes_has_nothing_to_roll_over(school):
    assert plan_rollover(school=school) is None


def test_the_preview_counts_what_would_change_and_changes_nothing(school, world):
    plan = plan_rollover(school=school, today=IN_TERM)

    assert (plan.from_year, plan.to_year, plan.is_open) == (LAST_YEAR, NEW_YEAR, True)
    assert plan.moving_up_rows == [(9, 10, 2)]
    assert (plan.leavers, plan.assignments) == (1, 1)
    by_name = {p.school_class.name: p for p in plan.classes}
    assert (by_name["9R"].can_carry, by_name["9R"].new_name, by_name["9R"].pupils) == (True, "10R", 2)
    assert (by_name["13 Sixth"].can_carry, by_name["13 Sixth"].leavers) == (False, 1)
    assert Pupil.objects.filter(year_group=10).count() == 0
    assert not YearRollover.objects.exists()


def test_the_roll_over_opens_in_june(school, world, lead):
    assert not plan_rollover(school=school, today=date(NEW_YEAR, 5, 31)).is_open
    assert plan_rollover(school=school, today=date(NEW_YEAR, 6, 1)).is_open

    with pytest.raises(RolloverError, match=f"can be started from 1 June {NEW_YEAR}"):
        start(school, lead, {}, today=date(NEW_YEAR, 5, 31))
    assert not YearRollover.objects.exists()


def test_a_school_that_joined_this_year_has_nothing_to_move_on_from(school, teacher):
    make_class(school, teacher, "9R", 9, academic_year=NEW_YEAR)

    plan = plan_rollover(school=school, today=IN_TERM)

    assert (plan.to_year, plan.is_open, plan.opens_on) == (NEW_YEAR + 1, False, date(NEW_YEAR + 1, 6, 1))


# Starting the year -----------------------------------------------------------------


def test_carrying_a_class_over_moves_pupils_up_and_leaves_assignments_behind(school, world, lead, teacher):
    code = world["nine"].class_code
    rollover = start(school, lead, {world["nine"].pk: CARRY})

    nine, thirteen = world["nine"], world["thirteen"]
    nine.refresh_from_db()
    thirteen.refresh_from_db()
    assert nine.is_archived and thirteen.is_archived
    new = SchoolClass.objects.get(academic_year=NEW_YEAR)
    assert (new.name, new.year_group, list(new.teachers.all())) == ("10R", 10, [teacher])
    assert new.class_code == code  # cards keep working
    assert nine.class_code != new.class_code
    assert not new.assignments.exists()
    assert Assignment.objects.get() == world["assignment"]  # stays with the archived class
    assert set(
        ClassMembership.objects.current().filter(school_class=new).values_list("pupil__first_name", flat=True)
    ) == {
        "Ava",
        "Ben",
    }
    assert set(Pupil.objects.filter(first_name__in=["Ava", "Ben"]).values_list("year_group", flat=True)) == {10}
    assert rollover.counts == {
        "moved_up": 2,
        "leavers": 1,
        "classes_archived": 1,
        "classes_carried_over": 1,
        "assignments_left_behind": 1,
    }
    event = AuditEvent.objects.get(action=AuditAction.YEAR_ROLLED_OVER)
    assert (event.actor, event.school, event.target_id) == (lead, school, str(rollover.pk))
    assert "2 pupils moved up a year, 1 leavers" in event.summary


def test_leavers_are_marked_left_leave_their_classes_and_start_the_retention_clock(school, world, lead):
    start(school, lead, {})

    cara = Pupil.objects.get(pk=world["cara"].pk)
    assert cara.left_at is not None
    assert cara.year_group == 13
    assert not ClassMembership.objects.current().filter(pupil=cara).exists()
    assert cara.pk not in identities_due(cara.left_at).values_list("pk", flat=True)
    assert cara.pk in identities_due(cara.left_at + timedelta(seconds=1)).values_list("pk", flat=True)


def test_a_leaver_in_no_class_counts_from_leaving_not_from_being_added(school, world, lead):
    loner = add(school, None, "Dev", year_group=13)
    Pupil.objects.filter(pk=loner.pk).update(created_at=timezone.now() - timedelta(days=3000))

    start(school, lead, {})

    loner.refresh_from_db()
    assert loner.left_at is not None
    assert loner.pk not in identities_due(loner.left_at - timedelta(days=1)).values_list("pk", flat=True)


def test_an_archived_class_takes_its_pupils_nowhere(school, world, lead):
    start(school, lead, {world["nine"].pk: ARCHIVE})

    assert not SchoolClass.objects.filter(academic_year=NEW_YEAR).exists()
    assert Pupil.objects.get(pk=world["ava"].pk).year_group == 10
    assert ClassMembership.objects.current().filter(pupil=world["ava"], school_class=world["nine"]).exists()


def test_a_leavers_class_is_archived_even_if_asked_to_carry_it(school, world, lead):
    start(school, lead, {world["thirteen"].pk: CARRY})

    assert not SchoolClass.objects.filter(academic_year=NEW_YEAR, year_group__gt=13).exists()
    assert not SchoolClass.objects.filter(academic_year=NEW_YEAR, name__startswith="13").exists()


def test_a_school_to_sixteen_loses_its_year_11s(teacher, lead, school, module):
    school.statutory_high_age = 16
    school.save()
    eleven = make_class(school, teacher, "11A", 11)
    pupil = add(school, eleven, "Eli")

    start(school, lead, {eleven.pk: CARRY})

    pupil.refresh_from_db()
    assert (pupil.left_at is not None, pupil.year_group) == (True, 11)
    assert not SchoolClass.objects.filter(academic_year=NEW_YEAR).exists()


def test_classes_already_made_for_the_new_year_are_left_alone_and_names_never_clash(school, world, lead, teacher):
    early = make_class(school, teacher, "10R", 10, academic_year=NEW_YEAR)

    plan = plan_rollover(school=school, today=IN_TERM)
    start(school, lead, {world["nine"].pk: CARRY})

    assert plan.new_year_classes == 1
    early.refresh_from_db()
    assert not early.is_archived
    assert set(SchoolClass.objects.filter(academic_year=NEW_YEAR).values_list("name", flat=True)) == {"10R", "10R (2)"}


def test_pupils_already_left_or_erased_are_not_moved(school, world, lead):
    gone = add(school, None, "Fin", year_group=9)
    erased = add(school, None, "Gus", year_group=9)
    Pupil.objects.filter(pk=gone.pk).update(left_at=timezone.now())
    Pupil.objects.filter(pk=erased.pk).update(erased_at=timezone.now())

    start(school, lead, {})

    assert Pupil.objects.get(pk=gone.pk).year_group == 9
    assert Pupil.objects.get(pk=erased.pk).year_group == 9


def test_starting_twice_rolls_over_once(school, world, lead):
    first = start(school, lead, {world["nine"].pk: CARRY})
    second = start(school, lead, {world["nine"].pk: CARRY})

    assert first == second
    assert YearRollover.objects.count() == 1
    assert Pupil.objects.get(pk=world["ava"].pk).year_group == 10
    assert SchoolClass.objects.filter(academic_year=NEW_YEAR).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.YEAR_ROLLED_OVER).count() == 1


def test_a_preview_for_another_year_is_refused(school, world, lead):
    with pytest.raises(RolloverError, match=f"This preview was for {NEW_YEAR + 4} to {NEW_YEAR + 5}"):
        start(school, lead, {}, to_year=NEW_YEAR + 4)
    assert not YearRollover.objects.exists()


def test_the_next_roll_over_goes_on_from_the_last(school, world, lead):
    start(school, lead, {world["nine"].pk: CARRY})

    plan = plan_rollover(school=school, today=IN_TERM)

    assert (plan.from_year, plan.to_year, plan.is_open) == (NEW_YEAR, NEW_YEAR + 1, False)


# Undoing it ------------------------------------------------------------------------


def test_undo_puts_everything_back(school, world, lead):
    code = world["nine"].class_code
    rollover = start(school, lead, {world["nine"].pk: CARRY})

    undo_new_year(rollover=rollover, actor=lead)

    assert not SchoolClass.objects.filter(academic_year=NEW_YEAR).exists()
    assert not SchoolClass.objects.filter(archived_at__isnull=False).exists()
    assert SchoolClass.objects.get(pk=world["nine"].pk).class_code == code
    assert set(Pupil.objects.values_list("first_name", "year_group", "left_at")) == {
        ("Ava", 9, None),
        ("Ben", 9, None),
        ("Cara", 13, None),
    }
    assert ClassMembership.objects.current().filter(pupil=world["cara"], school_class=world["thirteen"]).exists()
    rollover.refresh_from_db()
    assert (rollover.undone_by, rollover.undone_at is not None) == (lead, True)
    assert AuditEvent.objects.filter(action=AuditAction.YEAR_ROLLOVER_UNDONE).count() == 1

    undo_new_year(rollover=rollover, actor=lead)  # a second press changes nothing more
    assert Pupil.objects.get(pk=world["ava"].pk).year_group == 9
    assert AuditEvent.objects.filter(action=AuditAction.YEAR_ROLLOVER_UNDONE).count() == 1

    again = start(school, lead, {})  # and the year can be started again
    assert again != rollover
    assert Pupil.objects.get(pk=world["ava"].pk).year_group == 10


def test_undo_is_refused_after_fourteen_days(school, world, lead):
    rollover = start(school, lead, {})
    YearRollover.objects.filter(pk=rollover.pk).update(started_at=timezone.now() - timedelta(days=14, minutes=1))

    with pytest.raises(RolloverError, match="could be undone until"):
        undo_new_year(rollover=rollover, actor=lead)
    assert Pupil.objects.get(pk=world["ava"].pk).year_group == 10


def test_undo_is_refused_once_a_new_class_has_a_module(school, world, lead, module):
    rollover = start(school, lead, {world["nine"].pk: CARRY})
    new = SchoolClass.objects.get(academic_year=NEW_YEAR)
    Assignment.objects.create(school_class=new, module=module, opens_on=IN_TERM)

    with pytest.raises(RolloverError, match="10R already has modules assigned"):
        undo_new_year(rollover=rollover, actor=lead)
    assert SchoolClass.objects.filter(pk=new.pk).exists()
    assert Pupil.objects.get(pk=world["ava"].pk).year_group == 10


# The pages -------------------------------------------------------------------------


def test_the_lead_previews_starts_and_undoes_the_year(client, school, world, lead):
    client.force_login(lead)
    url = reverse("schools:new_year", args=[school.urn])
    plan = plan_rollover(school=school)  # as of today, as the page reads it

    html = client.get(url).content.decode()
    assert f"Moving from {plan.from_year} to {plan.to_year} into {plan.to_year} to {plan.to_year + 1}" in html
    assert "Carry over as 10R, Year 10" in html
    assert "Assignments are not carried over" in html
    assert "13 Sixth</strong> (Year 13, leavers): archived" in html

    response = client.post(url, {"to_year": str(plan.to_year), f"class-{world['nine'].pk}": CARRY})
    rollover = YearRollover.objects.get()
    detail = reverse("schools:rollover_detail", args=[school.urn, rollover.pk])
    assert response.url == detail
    page = client.get(detail).content.decode()
    assert f"{plan.to_year} to {plan.to_year + 1} has started" in page
    assert "Undo the start of the year" in page

    client.post(reverse("schools:rollover_undo", args=[school.urn, rollover.pk]))
    assert "was undone" in client.get(detail).content.decode()
    assert Pupil.objects.get(pk=world["ava"].pk).year_group == 9


def test_a_missing_class_choice_is_asked_again(client, school, world, lead):
    client.force_login(lead)

    response = client.post(reverse("schools:new_year", args=[school.urn]), {"to_year": str(NEW_YEAR)})

    assert response.status_code == 400
    assert "Choose whether to carry over or archive 9R" in response.content.decode()
    assert not YearRollover.objects.exists()


def test_only_the_lead_and_only_of_that_school(client, school, world, lead, teacher):
    rollover = start(school, lead, {})
    urls = [
        reverse("schools:new_year", args=[school.urn]),
        reverse("schools:rollover_detail", args=[school.urn, rollover.pk]),
    ]
    undo = reverse("schools:rollover_undo", args=[school.urn, rollover.pk])
    client.force_login(teacher)
    assert [client.get(url).status_code for url in urls] == [403, 403]
    assert client.post(undo).status_code == 403

    other = SchoolFactory()
    client.force_login(staff(other, "school_lead"))
    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert client.post(undo).status_code == 404
    # Another school's roll-over under one's own school's address is not found either.
    assert client.get(reverse("schools:rollover_detail", args=[other.urn, rollover.pk])).status_code == 404
    rollover.refresh_from_db()
    assert rollover.undone_at is None
