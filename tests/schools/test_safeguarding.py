"""The school lead keeps the designated safeguarding lead (DSL) on record."""

import pytest
from django.urls import reverse

from schools.models import AuditAction, AuditEvent, School
from schools.services.safeguarding import set_safeguarding_lead

pytestmark = pytest.mark.django_db

VALID = {
    "dsl_name": "Mrs Okafor",
    "dsl_contact": "Room 14, or ask any member of staff",
    "dsl_email": "safeguarding@a.example.org",
    "dsl_phone": "01632 960 123",
}


def _url(school) -> str:
    return reverse("schools:safeguarding_lead", args=[school.urn])


def test_lead_names_the_safeguarding_lead_and_it_is_audited(client, world):
    client.force_login(world.lead)
    response = client.post(_url(world.school), {**VALID, "dsl_user": world.teacher.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("schools:school_overview", args=[world.school.urn])
    school = School.objects.get(pk=world.school.pk)
    assert (school.dsl_name, school.dsl_contact, school.dsl_email, school.dsl_phone, school.dsl_user) == (
        "Mrs Okafor",
        "Room 14, or ask any member of staff",
        "safeguarding@a.example.org",
        "01632 960 123",
        world.teacher,
    )
    assert school.has_safeguarding_lead
    event = AuditEvent.objects.get(action=AuditAction.SAFEGUARDING_LEAD_SET)
    assert (event.school, event.actor) == (world.school, world.lead)
    assert set(event.detail["changed"]) == {"dsl_name", "dsl_contact", "dsl_email", "dsl_phone", "dsl_user"}


def test_one_way_to_reach_them_is_enough(client, world):
    client.force_login(world.lead)
    response = client.post(_url(world.school), {"dsl_name": "Mr Reid", "dsl_email": "reid@a.example.org"})
    assert response.status_code == 302
    school = School.objects.get(pk=world.school.pk)
    assert school.has_safeguarding_lead and school.dsl_user is None


def test_form_shows_what_is_on_record(client, world):
    set_safeguarding_lead(school=world.school, actor=world.lead, name="Mrs Okafor", contact="Room 14")
    client.force_login(world.lead)
    html = client.get(_url(world.school)).content.decode()
    assert 'value="Mrs Okafor"' in html and 'value="Room 14"' in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"dsl_name": "", "dsl_contact": "Room 14"}, "Enter the safeguarding lead"),
        ({"dsl_name": "Mrs Okafor"}, "Say how pupils can reach them"),
        ({"dsl_name": "Mrs Okafor", "dsl_email": "not-an-email"}, "Enter a valid email address"),
        ({"dsl_name": "Mrs Okafor", "dsl_phone": "call me maybe"}, "Enter a phone number"),
    ],
    ids=["no-name", "no-way-to-reach", "bad-email", "bad-phone"],
)
def test_incomplete_or_bad_details_are_refused(client, world, data, error):
    client.force_login(world.lead)
    response = client.post(_url(world.school), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not School.objects.get(pk=world.school.pk).has_safeguarding_lead
    assert not AuditEvent.objects.filter(action=AuditAction.SAFEGUARDING_LEAD_SET).exists()


def test_account_from_another_school_is_refused(client, world):
    client.force_login(world.lead)
    response = client.post(_url(world.school), {**VALID, "dsl_user": world.other_lead.pk})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert School.objects.get(pk=world.school.pk).dsl_user is None


def test_service_refuses_an_account_outside_the_school(world):
    with pytest.raises(ValueError):
        set_safeguarding_lead(school=world.school, actor=world.lead, name="X", contact="Y", account=world.other_lead)
    assert not School.objects.get(pk=world.school.pk).dsl_name


def test_another_schools_lead_gets_404(client, world):
    client.force_login(world.other_lead)
    assert client.get(_url(world.school)).status_code == 404
    assert client.post(_url(world.school), VALID).status_code == 404
    assert not School.objects.get(pk=world.school.pk).dsl_name


def test_teachers_cannot_change_the_safeguarding_lead(client, world):
    client.force_login(world.teacher)
    assert client.get(_url(world.school)).status_code == 403
    assert client.post(_url(world.school), VALID).status_code == 403
    assert not School.objects.get(pk=world.school.pk).dsl_name


def test_overview_links_to_the_safeguarding_lead_and_says_when_none(client, world):
    client.force_login(world.lead)
    html = client.get(reverse("schools:school_overview", args=[world.school.urn])).content.decode()
    assert _url(world.school) in html and "Not on record" in html
    set_safeguarding_lead(school=world.school, actor=world.lead, name="Mrs Okafor", contact="Room 14")
    html = client.get(reverse("schools:school_overview", args=[world.school.urn])).content.decode()
    assert "Not on record" not in html
