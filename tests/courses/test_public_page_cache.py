"""Public pages come from the cache for visitors who are not signed in, and never go stale,
never carry anyone's data and never show a preview."""

import json

import pytest
from django.urls import reverse

from tests.factories import LessonPageFactory, SchoolFactory, enable_mfa, pupil, school_class, staff
from tests.learning.pupil_client import sign_in

pytestmark = pytest.mark.django_db


def lesson_body(text: str) -> str:
    return json.dumps([{"type": "key_message", "value": {"heading": text, "message": f"{text} for everyone."}}])


@pytest.fixture
def lesson(module):
    page = LessonPageFactory(parent=module, title="Consent basics", body=lesson_body("Respect matters"))
    page.save_revision().publish()
    return page


def test_a_visitors_second_view_is_answered_from_the_cache_without_a_query(client, lesson, django_assert_num_queries):
    first = client.get(lesson.url)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        second = client.get(lesson.url)

    assert second.status_code == 200
    assert second.content == first.content
    assert "Respect matters" in second.content.decode()
    cache_control = second["Cache-Control"]
    assert "public" in cache_control and "max-age=60" in cache_control and "s-maxage=600" in cache_control
    # The headers every page gets are added to a cached page too.
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"
    assert second["X-Request-ID"] != first["X-Request-ID"]


def test_a_published_change_is_shown_at_once(client, lesson):
    assert "Respect matters" in client.get(lesson.url).content.decode()

    lesson.body = lesson_body("Boundaries change")
    lesson.save_revision().publish()

    html = client.get(lesson.url).content.decode()
    assert "Boundaries change" in html and "Respect matters" not in html


def test_a_change_to_a_sibling_updates_the_lesson_navigation(client, lesson, module):
    assert "Next lesson" not in client.get(lesson.url).content.decode()
    second = LessonPageFactory(parent=module, title="Healthy boundaries", live=False)
    second.save_revision().publish()

    assert "Healthy boundaries" in client.get(lesson.url).content.decode()


def test_an_unpublished_page_is_gone_at_once(client, lesson):
    assert client.get(lesson.url).status_code == 200
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404


def test_a_draft_or_its_preview_never_reaches_visitors(client, lesson):
    client.get(lesson.url)  # the published page is cached
    lesson.body = lesson_body("Draft wording")
    lesson.save_revision()  # a draft, not published
    draft = lesson.get_latest_revision_as_object()

    # Wagtail's preview sends a made-up request for the page's own address through the site.
    preview = draft.make_preview_request().content.decode()
    assert "Draft wording" in preview, "the preview shows the draft, not the cached page"

    html = client.get(lesson.url).content.decode()
    assert "Draft wording" not in html and "Respect matters" in html


def test_a_signed_in_pupil_gets_their_own_page_and_it_is_never_kept(client, lesson):
    client.get(lesson.url)  # the visitors' copy is cached
    school = SchoolFactory()
    klass = school_class(school, staff(school))
    ava, _ = pupil(klass, "Ava")
    sign_in(client, ava)

    mine = client.get(lesson.url)
    assert 'Sign out<span class="govuk-visually-hidden">, Ava' in mine.content.decode()
    assert "no-store" in mine["Cache-Control"] and "public" not in mine["Cache-Control"]

    client.post(reverse("schools:pupil_logout"))
    client.cookies.clear()
    visitor = client.get(lesson.url).content.decode()
    assert "Ava" not in visitor and "Pupil sign in" in visitor


def test_signed_in_staff_never_get_or_leave_a_cached_page(client, lesson):
    school = SchoolFactory()
    teacher = staff(school)
    client.force_login(teacher)

    mine = client.get(lesson.url).content.decode()
    assert "Your classes" in mine

    client.logout()
    client.cookies.clear()
    assert "Your classes" not in client.get(lesson.url).content.decode()


def test_an_address_with_a_query_string_is_rendered_each_time(client, lesson, django_assert_max_num_queries):
    client.get(lesson.url + "?from=email")
    response = client.get(lesson.url + "?from=email")
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_without_content_caching_every_view_is_rendered(client, lesson, settings):
    settings.CONTENT_CACHE = False
    client.get(lesson.url)
    response = client.get(lesson.url)
    assert "public" not in response.get("Cache-Control", "")


def test_commissioner_pages_are_never_public(client, lesson):
    commissioner = staff(SchoolFactory())
    enable_mfa(commissioner)
    response = client.get(reverse("reports:transparency"))
    assert "public" not in response.get("Cache-Control", "")
