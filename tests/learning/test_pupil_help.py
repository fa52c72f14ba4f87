"""The signed-in pupil's help page: their school's safeguarding lead and where else to get help."""

import json

import pytest
from django.urls import reverse

from tests.factories import ProgrammePageFactory, SchoolFactory, help_service, pupil, school_class, staff
from tests.learning.pupil_client import sign_in

pytestmark = pytest.mark.django_db

HELP_URL = "/pupil/help/"


def _give_lead(school, **fields):
    school.dsl_name = fields.get("name", "Mrs Okafor")
    school.dsl_contact = fields.get("contact", "Room 14")
    school.dsl_phone = fields.get("phone", "01632 960123")
    school.save()


def test_help_page_address():
    assert reverse("learning:pupil_help") == HELP_URL


def test_pupil_sees_their_schools_safeguarding_lead_and_help_services(client, course):
    _give_lead(course.assignment.school_class.school)
    sign_in(client, course.pupil)
    response = client.get(HELP_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mrs Okafor" in html and "Room 14" in html
    assert 'href="tel:01632960123"' in html
    assert "Childline" in html and "0800 1111" in html
    assert "data-quick-exit-button" in html


def test_without_a_lead_on_record_the_page_still_says_who_to_talk_to(client, course):
    sign_in(client, course.pupil)
    html = client.get(HELP_URL).content.decode()
    assert 'id="safeguarding-lead"' not in html
    assert "Talk to any teacher or adult you trust" in html
    assert "Childline" in html


def test_pupil_never_sees_another_schools_lead(client, course):
    other = SchoolFactory()
    _give_lead(other, name="Mr Elsewhere", contact="Their office")
    sign_in(client, course.pupil)
    html = client.get(HELP_URL).content.decode()
    assert "Mr Elsewhere" not in html


def test_services_come_from_the_pupils_own_programmes(client, course, site_root):
    ProgrammePageFactory(
        parent=site_root,
        help_services=json.dumps([{"type": "service", "value": help_service(name="Elsewhere Helpline")}]),
    )
    sign_in(client, course.pupil)
    html = client.get(HELP_URL).content.decode()
    assert "Childline" in html and "Elsewhere Helpline" not in html


def test_pupil_with_no_work_yet_sees_every_programmes_services(client, course, site_root):
    ProgrammePageFactory(
        parent=site_root,
        help_services=json.dumps(
            [
                {"type": "service", "value": help_service(name="Elsewhere Helpline")},
                {"type": "service", "value": help_service()},
            ]
        ),
    )
    school = SchoolFactory()
    klass = school_class(school, staff(school))
    newcomer, _ = pupil(klass, "Nia")
    sign_in(client, newcomer)
    html = client.get(HELP_URL).content.decode()
    assert "Elsewhere Helpline" in html
    assert html.count("help-service__name") == 2, "Childline is listed once"


def test_signed_out_visitors_are_sent_to_pupil_sign_in(client, db):
    response = client.get(HELP_URL)
    assert response.status_code == 302 and response["Location"] == reverse("schools:pupil_login")


# --- Help that fits the pupil --------------------------------------------------------------------

SIXTEEN_PLUS = help_service(name="Sixteen Plus Line", min_age=16, max_age=None, phone="0800 000 1600")
ADULTS_ONLY = help_service(
    name="Own Behaviour Line", audience="adults", min_age=18, max_age=None, phone="0800 000 1800"
)


def _pupil_in_year(site_root, year_group: int):
    ProgrammePageFactory(
        parent=site_root,
        help_services=json.dumps(
            [{"type": "service", "value": service} for service in (help_service(), SIXTEEN_PLUS, ADULTS_ONLY)]
        ),
    )
    school = SchoolFactory()
    klass = school_class(school, staff(school), name=f"{year_group}A", year_group=year_group)
    return pupil(klass, "Nia")[0]


@pytest.mark.parametrize("year_group, sees_sixteen_plus", [(8, False), (11, False), (12, True)])
def test_help_page_lists_only_services_for_the_pupils_age_and_never_adults_only_lines(
    client, site_root, year_group, sees_sixteen_plus
):
    sign_in(client, _pupil_in_year(site_root, year_group))
    html = client.get(HELP_URL).content.decode()
    assert "Childline" in html
    assert ("Sixteen Plus Line" in html) is sees_sixteen_plus, "year 11 includes 15-year-olds"
    assert "Own Behaviour Line" not in html and "0800 000 1800" not in html


def test_an_archived_classes_work_does_not_choose_the_pupils_help_services(course, site_root):
    """The help panel follows the pupil scope: an archived class's programme no longer counts, so a
    pupil with no other class sees every programme's services, as a pupil with no work yet does."""
    from django.utils import timezone

    from learning.help_panel import help_services_for

    ProgrammePageFactory(
        parent=site_root,
        help_services=json.dumps([{"type": "service", "value": help_service(name="Elsewhere Helpline")}]),
    )
    names = {service["name"] for service in help_services_for(course.pupil)}
    assert "Elsewhere Helpline" not in names
    klass = course.assignment.school_class
    klass.archived_at = timezone.now()
    klass.save(update_fields=["archived_at"])
    names = {service["name"] for service in help_services_for(course.pupil)}
    assert "Elsewhere Helpline" in names and "Childline" in names
