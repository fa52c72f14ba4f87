"""What a pupil may open is written once: ``Assignment.objects.for_pupil`` (open assignments of the
classes they are in now that are not archived), built on ``SchoolClass.objects.for_pupil``."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from schools.models import Assignment, ClassMembership, SchoolClass
from schools.services.pupils import move_pupil
from tests.factories import ModulePageFactory, SchoolFactory, pupil, school_class, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def scope(programme):
    school = SchoolFactory()
    teacher = staff(school)
    klass = school_class(school, teacher)
    ava, _ = pupil(klass, "Ava")
    module = ModulePageFactory(parent=programme)
    today = timezone.localdate()
    open_now = Assignment.objects.create(school_class=klass, module=module, opens_on=today)
    later = Assignment.objects.create(
        school_class=klass, module=ModulePageFactory(parent=programme), opens_on=today + timedelta(days=1)
    )
    return school, teacher, klass, ava, module, open_now, later


def test_a_pupil_opens_their_classes_assignments_once_opened(scope):
    _school, _teacher, klass, ava, _module, open_now, later = scope
    assert list(Assignment.objects.for_pupil(ava)) == [open_now]
    assert list(Assignment.objects.for_pupil(ava.pk, later.opens_on).order_by("opens_on")) == [open_now, later]
    assert list(SchoolClass.objects.for_pupil(ava)) == [klass]


def test_pupils_of_other_classes_open_nothing_of_the_class(scope):
    school, teacher, _klass, _ava, _module, _open_now, _later = scope
    other = SchoolFactory()
    elsewhere, _ = pupil(school_class(other, staff(other)), "Ben")
    same_school, _ = pupil(school_class(school, teacher, name="9S"), "Cal")
    assert not Assignment.objects.for_pupil(elsewhere).exists()
    assert not Assignment.objects.for_pupil(same_school).exists()


def test_an_archived_class_opens_nothing(scope):
    _school, _teacher, klass, ava, _module, _open_now, _later = scope
    klass.archived_at = timezone.now()
    klass.save(update_fields=["archived_at"])
    assert not Assignment.objects.for_pupil(ava).exists()
    assert not SchoolClass.objects.for_pupil(ava).exists()
    assert ClassMembership.objects.current().filter(pupil=ava).exists(), "archiving does not end the membership"
    assert not ClassMembership.objects.in_running_classes().filter(pupil=ava).exists()


def test_a_pupil_moved_out_opens_only_their_new_classes_work(scope):
    school, teacher, klass, ava, module, _open_now, _later = scope
    new_class = school_class(school, teacher, name="9S")
    theirs = Assignment.objects.create(school_class=new_class, module=module, opens_on=timezone.localdate())
    move_pupil(pupil=ava, from_class=klass, to_class=new_class, actor=teacher)
    assert list(Assignment.objects.for_pupil(ava)) == [theirs]
    assert ClassMembership.objects.current().get(pupil=ava).school_class == new_class


# The rule is kept in the models' querysets: ``SchoolClass.objects.for_pupil``,
# ``Assignment.objects.for_pupil``, ``Pupil.objects.in_class`` and ``ClassMembership.objects.current``.
RULE_HOME = {Path("schools/models/classes.py")}
BY_HAND = re.compile(r"removed_at__isnull|memberships__pupil")


def _hand_written_scopes(root: Path) -> list[str]:
    found = []
    for app in ("learning", "classroom", "schools"):
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts or relative in RULE_HOME:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if BY_HAND.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_view_or_service_filters_pupils_or_memberships_by_hand():
    root = Path(__file__).resolve().parents[2]
    assert _hand_written_scopes(root) == [], "use for_pupil, in_class or current() from schools.models"


def test_the_check_finds_a_hand_written_scope(tmp_path):
    views = tmp_path / "learning" / "views"
    views.mkdir(parents=True)
    (views / "pupil.py").write_text("Assignment.objects.filter(school_class__memberships__pupil=pupil)\n")
    (tmp_path / "classroom").mkdir()
    (tmp_path / "schools").mkdir()
    assert _hand_written_scopes(tmp_path) == [
        "learning/views/pupil.py:1: Assignment.objects.filter(school_class__memberships__pupil=pupil)"
    ]
