"""Sharing an assignment: the join link fills in the class code and leads to the module, the QR
code carries the link, and the share buttons use Google Classroom's and Teams' public pages."""

from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from schools.models import Assignment
from tests.factories import ModulePageFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def assignment(world, programme):
    module = ModulePageFactory(parent=programme, title="Being an active bystander")
    return Assignment.objects.create(school_class=world.klass, module=module, opens_on=timezone.localdate())


def share_url(assignment):
    return reverse("schools:assignment_share", args=[assignment.school_class_id, assignment.pk])


def attribute(html: str, marker: str, name: str) -> str:
    """The value of attribute ``name`` in the tag that contains ``marker``."""
    tag = html[html.rindex("<", 0, html.index(marker)) : html.index(">", html.index(marker))]
    return unescape(tag.split(f'{name}="', 1)[1].split('"', 1)[0])


def test_the_share_page_gives_the_link_its_qr_code_and_the_share_buttons(client, world, assignment):
    client.force_login(world.teacher)

    html = client.get(share_url(assignment)).content.decode()

    join = attribute(html, 'id="join-link"', "value")
    parts = urlsplit(join)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "testserver", reverse("schools:pupil_login"))
    assert parse_qs(parts.query) == {"class": [world.klass.class_code], "assignment": [str(assignment.pk)]}
    # The picture is the QR code of exactly that link (segno encodes; the page must show its code).
    qr = attribute(html, 'class="join-qr"', "src")
    assert qr == segno.make(join, error="m").svg_data_uri(scale=8, border=4, title="QR code for the join link")
    classroom = urlsplit(attribute(html, "Share to Google Classroom", "href"))
    assert f"{classroom.scheme}://{classroom.netloc}{classroom.path}" == "https://classroom.google.com/share"
    assert parse_qs(classroom.query)["url"] == [join]
    teams = urlsplit(attribute(html, "Share to Teams", "href"))
    assert f"{teams.scheme}://{teams.netloc}{teams.path}" == "https://teams.microsoft.com/share"
    assert parse_qs(teams.query)["href"] == [join]
    assert "Being an active bystander" in parse_qs(teams.query)["msgText"][0]


def test_the_join_link_fills_in_the_class_code_and_leads_to_the_module(client, world, assignment):
    link = reverse("schools:pupil_login") + f"?class={world.klass.class_code}&assignment={assignment.pk}"

    page = client.get(link).content.decode()
    assert attribute(page, 'name="class_code"', "value") == world.klass.class_code
    assert attribute(page, 'name="assignment"', "value") == str(assignment.pk)

    response = client.post(
        link, {"class_code": world.klass.class_code, "pupil_code": world.codes[0], "assignment": str(assignment.pk)}
    )
    module_page = reverse("learning:assignment", args=[assignment.pk])
    assert response["Location"] == module_page
    assert client.get(module_page).status_code == 200
    # Signed in already, the link goes straight on.
    assert client.get(link)["Location"] == module_page


def test_a_link_to_another_classs_module_leads_nowhere_for_this_pupil(client, world, programme):
    module = ModulePageFactory(parent=programme, title="Online misogyny")
    theirs = Assignment.objects.create(school_class=world.other_class, module=module, opens_on=timezone.localdate())

    response = client.post(
        reverse("schools:pupil_login"),
        {"class_code": world.klass.class_code, "pupil_code": world.codes[0], "assignment": str(theirs.pk)},
    )

    assert client.get(response["Location"]).status_code == 404


def test_only_the_classs_staff_see_the_share_page(client, world, assignment):
    url = share_url(assignment)
    client.force_login(world.lead)
    assert client.get(url).status_code == 200
    for outsider in (world.other_teacher, world.other_lead, world.other_class_teacher):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(world.other_class_teacher)
    mixed = reverse("schools:assignment_share", args=[world.other_class.pk, assignment.pk])
    assert client.get(mixed).status_code == 404
