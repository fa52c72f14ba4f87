"""Every scoped view answers 404 to staff of another school (and to same-school staff out of scope)."""

import pytest
from django.urls import reverse

CLASS_VIEWS = [
    ("schools:class_detail", "get"),
    ("schools:pupil_add", "get"),
    ("schools:login_cards", "get"),
    ("schools:login_cards", "post"),
    ("schools:class_archive", "get"),
    ("schools:class_archive", "post"),
    ("schools:assignment_create", "get"),
]
PUPIL_VIEWS = [("schools:pupil_reset_code", "post"), ("schools:pupil_move", "get")]
SCHOOL_VIEWS = ["schools:school_overview", "schools:school_pupils", "schools:audit_log"]


@pytest.mark.parametrize(("name", "method"), CLASS_VIEWS)
def test_class_views_are_404_for_another_school(client, world, name, method):
    client.force_login(world.other_lead)
    response = getattr(client, method)(reverse(name, args=[world.klass.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), CLASS_VIEWS)
def test_class_views_are_404_for_a_same_school_teacher_who_does_not_teach_it(client, world, name, method):
    client.force_login(world.other_teacher)
    response = getattr(client, method)(reverse(name, args=[world.klass.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), PUPIL_VIEWS)
def test_pupil_views_are_404_for_another_school(client, world, name, method):
    client.force_login(world.other_class_teacher)
    response = getattr(client, method)(reverse(name, args=[world.klass.pk, world.pupils[0].pk]))
    assert response.status_code == 404


def test_a_pupil_of_another_class_is_404_inside_my_class(client, world):
    from schools.models import Pupil

    outsider = Pupil.objects.get(school=world.other_school)
    client.force_login(world.teacher)
    response = client.post(reverse("schools:pupil_reset_code", args=[world.klass.pk, outsider.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", SCHOOL_VIEWS)
def test_school_lead_views_are_404_for_another_school_lead(client, world, name):
    client.force_login(world.other_lead)
    assert client.get(reverse(name, args=[world.school.urn])).status_code == 404


@pytest.mark.parametrize("name", SCHOOL_VIEWS)
def test_school_lead_views_are_forbidden_to_teachers_of_the_school(client, world, name):
    client.force_login(world.teacher)
    assert client.get(reverse(name, args=[world.school.urn])).status_code == 403


def test_pupil_evaluation_view_is_404_for_another_school(client, world):
    client.force_login(world.other_lead)
    url = reverse("schools:pupil_evaluation", args=[world.school.urn, world.pupils[0].pk])
    assert client.get(url).status_code == 404


def test_pupil_of_another_school_is_404_through_my_school_url(client, world):
    from schools.models import Pupil

    outsider = Pupil.objects.get(school=world.other_school)
    client.force_login(world.lead)
    url = reverse("schools:pupil_evaluation", args=[world.school.urn, outsider.pk])
    assert client.get(url).status_code == 404


def test_anonymous_staff_pages_redirect_to_sign_in(client, world):
    response = client.get(reverse("schools:class_detail", args=[world.klass.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_scoped_querysets_never_cross_schools(world):
    from schools.models import Assignment, Pupil, School, SchoolClass

    for user in (world.teacher, world.lead):
        assert set(SchoolClass.objects.for_user(user)) == {world.klass}
        assert set(Pupil.objects.for_user(user)) == set(world.pupils)
        assert set(School.objects.for_user(user)) == {world.school}
        assert not Assignment.objects.for_user(user).filter(school_class=world.other_class).exists()
    assert not SchoolClass.objects.for_user(world.other_teacher).exists()
