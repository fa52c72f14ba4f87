import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from schools.models import Assignment, Pupil, School, SchoolClass, StaffMembership
from schools.services.pupils import authenticate_pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_data")


def test_demo_has_schools_in_three_kent_districts_and_medway_with_staff_classes_and_pupils(demo):
    schools = School.objects.filter(memberships__isnull=False).distinct().select_related("district", "local_authority")
    assert {s.local_authority.code for s in schools} == {"886", "887"}
    assert len({s.district.name for s in schools if s.local_authority.code == "886"}) >= 3
    for school in schools:
        roles = sorted(StaffMembership.objects.filter(school=school).values_list("role", flat=True))
        assert roles == ["school_lead", "teacher", "teacher"]
        classes = SchoolClass.objects.filter(school=school)
        assert sorted(c.year_group for c in classes) == [8, 9, 9, 10], "and a Year 9 wait-list class"
        for school_class in classes:
            assert 25 <= Pupil.objects.filter(memberships__school_class=school_class).count() <= 30
            assert Assignment.objects.filter(school_class=school_class).exists()


def test_demo_logins_json_lists_working_staff_and_pupil_logins(demo, capsys):
    call_command("demo_logins", "--json")
    logins = json.loads(capsys.readouterr().out)
    staff = [entry for entry in logins if "email" in entry and "totp_secret" not in entry]
    pupils = [entry for entry in logins if "pupil_code" in entry]
    assert len(staff) == 12 and all(set(e) == {"role", "school_urn", "class", "email", "password"} for e in staff)
    assert len(pupils) == 16, "one pupil per class"
    for entry in pupils:
        assert set(entry) == {"role", "school_urn", "class", "class_code", "pupil_code"}
        found = authenticate_pupil(class_code=entry["class_code"], pupil_code=entry["pupil_code"])
        assert found is not None and found[1].name == entry["class"]


def test_demo_logins_all_lists_every_pupil(demo, capsys):
    call_command("demo_logins", "--json", "--all")
    pupils = [entry for entry in json.loads(capsys.readouterr().out) if entry["role"] == "pupil"]
    in_demo_classes = Pupil.objects.filter(school__memberships__isnull=False).distinct().count()
    assert len(pupils) == in_demo_classes


def test_a_reset_pupil_code_drops_out_of_the_demo_logins(demo, capsys):
    from schools.services.pupils import reset_login_code

    call_command("demo_logins", "--json")
    first = next(e for e in json.loads(capsys.readouterr().out) if e["role"] == "pupil")
    pupil, _ = authenticate_pupil(class_code=first["class_code"], pupil_code=first["pupil_code"])
    reset_login_code(pupil=pupil, actor=None)
    call_command("demo_logins", "--json", "--all")
    assert first["pupil_code"] not in capsys.readouterr().out


def test_no_demo_data_or_logins_under_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="never loaded under production"):
        call_command("load_demo_data")
    with pytest.raises(CommandError, match="no demo logins under production"):
        call_command("demo_logins")
    assert not School.objects.exists()
