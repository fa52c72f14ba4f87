"""The school lead's pupil list: search by name, each pupil's class, filters by class, year and evaluation."""

import re

import pytest
from django.urls import reverse

from schools.models import ClassMembership
from tests.factories import pupil, school_class

pytestmark = pytest.mark.django_db


def names_listed(response) -> list[str]:
    body = response.content.decode().split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>', body)


@pytest.fixture
def two_classes(world):
    """Hollowbrook: 9R (Ava K, Ben K, Cai K) and 10T (Zara Quint, Ben Ovid in year 10)."""
    ten = school_class(world.school, world.teacher, name="10T", year_group=10)
    pupil(ten, "Zara", "Quint")
    pupil(ten, "Ben", "Ovid")
    return world, ten


def get(client, world, **query):
    client.force_login(world.lead)
    return client.get(reverse("schools:school_pupils", args=[world.school.urn]), query)


def test_search_finds_pupils_by_first_name_surname_or_both(client, two_classes):
    world, _ = two_classes
    assert names_listed(get(client, world, q="ben")) == ["Ben K", "Ben Ovid"]
    assert names_listed(get(client, world, q="ovi")) == ["Ben Ovid"]
    assert names_listed(get(client, world, q="Ben  ovid")) == ["Ben Ovid"]
    response = get(client, world, q="nobody")
    assert names_listed(response) == [] and "No pupils match." in response.content.decode()


def test_each_pupil_shows_their_current_class(client, two_classes):
    world, _ = two_classes
    html = get(client, world).content.decode()
    assert re.search(r"Zara Quint</th>\s*<td class=\"govuk-table__cell\">\s*10T\s*</td>", html)
    assert re.search(r"Ava K</th>\s*<td class=\"govuk-table__cell\">\s*9R\s*</td>", html)


def test_filter_by_class_year_and_not_in_a_class(client, two_classes):
    world, ten = two_classes
    assert names_listed(get(client, world, school_class=ten.pk)) == ["Ben Ovid", "Zara Quint"]
    assert names_listed(get(client, world, year=9)) == ["Ava K", "Ben K", "Cai K"]
    assert names_listed(get(client, world, school_class=ten.pk, q="zara")) == ["Zara Quint"]
    ClassMembership.objects.filter(pupil=world.pupils[2]).delete()
    assert names_listed(get(client, world, school_class="none")) == ["Cai K"]


def test_filters_keep_to_the_pupils_left_out_of_the_evaluation(client, two_classes):
    from django.utils import timezone

    from schools.services.pupils import record_opt_out

    world, _ = two_classes
    record_opt_out(pupil=world.pupils[1], kind="opt_out", on=timezone.localdate(), actor=world.lead)
    assert names_listed(get(client, world, show="excluded", q="ben")) == ["Ben K"]


def test_another_schools_class_is_refused_with_a_message_and_lists_nothing_of_it(client, two_classes):
    world, _ = two_classes
    response = get(client, world, school_class=world.other_class.pk)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a class from the list" in html
    assert "9X" not in html and "Dan L" not in html
    assert get(client, world, year="12b").status_code == 400


def test_the_class_list_offers_only_this_schools_classes(client, two_classes):
    world, ten = two_classes
    html = get(client, world).content.decode()
    assert f'<option value="{ten.pk}">10T</option>' in html
    assert f'value="{world.other_class.pk}"' not in html


def test_pages_keep_the_filters(client, world):
    many = school_class(world.school, world.teacher, name="8B", year_group=8)
    for n in range(55):
        pupil(many, f"Pupil{n:02d}", "Many")
    html = get(client, world, school_class=many.pk, q="many").content.decode()
    assert f"?page=2&amp;school_class={many.pk}&amp;q=many" in html
    assert "55 pupils match" in html
    second = get(client, world, school_class=many.pk, q="many", page=2)
    assert len(names_listed(second)) == 5


def test_another_schools_lead_gets_404(client, world):
    client.force_login(world.other_lead)
    assert client.get(reverse("schools:school_pupils", args=[world.school.urn]), {"q": "ava"}).status_code == 404


def test_erasing_is_a_warning_button_on_the_list_and_the_pupils_page(client, world):
    client.force_login(world.lead)
    erase = reverse("schools:pupil_erase", args=[world.school.urn, world.pupils[0].pk])
    for url in (
        reverse("schools:school_pupils", args=[world.school.urn]),
        reverse("schools:pupil_evaluation", args=[world.school.urn, world.pupils[0].pk]),
    ):
        html = client.get(url).content.decode()
        link = re.search(rf'<a href="{erase}"[^>]*>', html).group(0)
        assert 'class="govuk-button govuk-button--warning erase-button"' in link and 'role="button"' in link
