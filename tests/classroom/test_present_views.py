"""The teacher's lesson page, the class's ground rules, and present mode with its presenter view."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import constants, get_messages
from django.urls import reverse

from classroom.models import ClassGroundRules, HiddenSlide, TeachingChecklist
from classroom.services.delivery import (
    CHECKLIST_NOT_DONE,
    NO_SAFEGUARDING_LEAD,
    plan_lesson,
    record_checklist,
    save_ground_rules,
    set_slide_hidden,
)
from courses.ground_rules import DEFAULT_GROUND_RULES
from schools.services.classes import archive_class
from tests.classroom.teaching_world import GROUND_NOTE, PUPIL_NAMES, TEXT_NOTE, give_safeguarding_lead, make_world
from tests.factories import school_class

pytestmark = pytest.mark.django_db

PAGES = ["teach_lesson", "present", "presenter"]


@pytest.fixture
def world(programme):
    return make_world(programme)


@pytest.fixture
def ready(world):
    """The sensitive lesson with a safeguarding lead on record and the checklist done."""
    give_safeguarding_lead(world.school)
    record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=world.teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    return world


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _visible_slides(response) -> list:
    return [s for s in _soup(response).select("[data-slide]") if not s.has_attr("hidden")]


def _text_id(world) -> str:
    return next(
        item.id for item in plan_lesson(school_class=world.klass, lesson=world.lesson) if item.block_type == "text"
    )


# --- Who can see what ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_other_schools_staff_get_404(client, ready, name):
    for user in (ready.other_teacher, ready.other_lead):
        client.force_login(user)
        assert client.get(ready.url(name)).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_colleague_who_does_not_teach_the_class_gets_404(client, ready, name):
    client.force_login(ready.colleague)
    assert client.get(ready.url(name)).status_code == 404


def test_other_schools_staff_cannot_change_anything(client, world):
    client.force_login(world.other_lead)
    assert client.get(reverse("classroom:ground_rules", args=[world.klass.pk])).status_code == 404
    post = client.post(reverse("classroom:ground_rules", args=[world.klass.pk]), {"rules": "Ours"})
    assert post.status_code == 404
    assert client.post(world.url("teach_lesson"), {"dsl_told": "on"}).status_code == 404
    hide = client.post(world.url("slide_visibility"), {"block_id": _text_id(world), "hidden": "1"})
    assert hide.status_code == 404
    assert not (ClassGroundRules.objects.exists() or TeachingChecklist.objects.exists() or HiddenSlide.objects.exists())


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(world.url("present"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_lesson_of_another_module_or_assignment_of_another_class_is_404(client, world, programme):
    client.force_login(world.teacher)
    other_class = school_class(world.school, world.teacher, name="9S")
    url = reverse("classroom:teach_lesson", args=[other_class.pk, world.assignment.pk, world.lesson.pk])
    assert client.get(url).status_code == 404
    other = make_world(programme, sensitive=False)
    url = reverse("classroom:teach_lesson", args=[world.klass.pk, world.assignment.pk, other.lesson.pk])
    assert client.get(url).status_code == 404


def test_school_lead_can_open_the_lesson_page(client, world):
    client.force_login(world.lead)
    assert client.get(world.url("teach_lesson")).status_code == 200


# --- Before you teach ------------------------------------------------------------------------------


def test_lesson_page_shows_guidance_warning_notes_checklist_and_ground_rules(client, world):
    world.module.content_warning = "This lesson talks about controlling relationships."
    world.module.save()
    client.force_login(world.teacher)
    response = client.get(world.url("teach_lesson"))
    html = response.content.decode()
    assert response.status_code == 200
    assert world.module.dsl_reminder[:40] in html
    assert "This lesson talks about controlling relationships." in html
    assert GROUND_NOTE in html and TEXT_NOTE in html
    assert 'name="dsl_told"' in html and 'name="affected_pupils_considered"' in html
    assert 'name="ground_rules_ready"' in html
    assert all(rule in html for rule in DEFAULT_GROUND_RULES)
    assert NO_SAFEGUARDING_LEAD in html and CHECKLIST_NOT_DONE in html
    assert world.url("present") not in html, "no Present button until the lesson can start"


def test_ticking_the_checklist_on_the_lesson_page_records_it(client, world):
    client.force_login(world.teacher)
    response = client.post(
        world.url("teach_lesson"), {"dsl_told": "on", "affected_pupils_considered": "on", "ground_rules_ready": "on"}
    )
    assert response.status_code == 302
    checklist = TeachingChecklist.objects.get(school_class=world.klass, lesson=world.lesson)
    assert checklist.completed_at is not None and checklist.teacher == world.teacher


def test_partly_ticked_checklist_is_saved_but_not_complete(client, world):
    client.force_login(world.teacher)
    client.post(world.url("teach_lesson"), {"dsl_told": "on"})
    checklist = TeachingChecklist.objects.get()
    assert checklist.dsl_told and not checklist.ground_rules_ready and checklist.completed_at is None


def test_archived_class_lesson_page_is_read_only(client, world):
    archive_class(school_class=world.klass, actor=world.teacher)
    client.force_login(world.teacher)
    assert client.get(world.url("teach_lesson")).status_code == 200
    assert client.post(world.url("teach_lesson"), {"dsl_told": "on"}).status_code == 403
    assert not TeachingChecklist.objects.exists()


# --- The safeguarding lead rule --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["present", "presenter"])
def test_sensitive_lesson_cannot_be_presented_without_a_safeguarding_lead(client, world, name):
    record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=world.teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    client.force_login(world.teacher)
    response = client.get(world.url(name))
    assert response.status_code == 302 and response["Location"] == world.url("teach_lesson")
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]
    assert errors == [NO_SAFEGUARDING_LEAD]


@pytest.mark.parametrize("name", ["present", "presenter"])
def test_sensitive_lesson_cannot_be_presented_before_the_checklist(client, world, name):
    give_safeguarding_lead(world.school)
    client.force_login(world.teacher)
    response = client.get(world.url(name))
    assert response.status_code == 302 and response["Location"] == world.url("teach_lesson")


def test_sensitive_lesson_can_be_presented_once_ready(client, ready):
    client.force_login(ready.teacher)
    assert client.get(ready.url("present")).status_code == 200
    assert client.get(ready.url("presenter")).status_code == 200
    assert ready.url("present") in client.get(ready.url("teach_lesson")).content.decode()


def test_other_lessons_present_without_a_lead_or_checklist(client, programme):
    world = make_world(programme, sensitive=False)
    client.force_login(world.teacher)
    assert client.get(world.url("present")).status_code == 200


# --- The projected screen --------------------------------------------------------------------------


def test_projected_screen_never_shows_names_notes_or_class_details(client, ready):
    client.force_login(ready.teacher)
    html = client.get(ready.url("present")).content.decode()
    for name in PUPIL_NAMES:
        assert name not in html
    assert "Tess" not in html, "not even the teacher's name"
    assert ready.klass.class_code not in html
    assert GROUND_NOTE not in html and TEXT_NOTE not in html
    for number in range(1, 7):
        html = client.get(ready.url("present") + f"?slide={number}").content.decode()
        assert not any(name in html for name in PUPIL_NAMES)


def test_projected_screen_holds_back_messages_for_the_next_page(client, ready):
    client.force_login(ready.teacher)
    response = client.post(reverse("classroom:ground_rules", args=[ready.klass.pk]), {"rules": "We listen."})
    assert response.status_code == 302, "a message now waits to be shown"
    projected = client.get(ready.url("present")).content.decode()
    assert "Ground rules saved" not in projected and "govuk-notification-banner" not in projected
    assert "Ground rules saved" in client.get(ready.url("teach_lesson")).content.decode()


def test_presentation_opens_with_ground_rules_and_closes_with_signposting(client, ready):
    client.force_login(ready.teacher)
    response = client.get(ready.url("present"))
    slides = _soup(response).select("[data-slide]")
    assert "present-slide--ground_rules" in slides[0]["class"]
    assert "present-slide--signposting" in slides[-1]["class"]
    assert [s["data-slide"] for s in _visible_slides(response)] == ["1"]
    assert all(rule in slides[0].get_text() for rule in DEFAULT_GROUND_RULES)
    assert "Childline" in slides[-1].get_text()


def test_presentation_uses_the_class_ground_rules(client, ready):
    save_ground_rules(
        school_class=ready.klass, rules=["We listen to each other.", "Pass if you like."], user=ready.teacher
    )
    client.force_login(ready.teacher)
    first = _soup(client.get(ready.url("present"))).select("[data-slide]")[0].get_text()
    assert "We listen to each other." in first and "Pass if you like." in first
    assert DEFAULT_GROUND_RULES[0] not in first


@pytest.mark.parametrize(("asked", "shown"), [("3", "3"), ("99", "6"), ("0", "1"), ("abc", "1")])
def test_one_slide_per_page_without_javascript(client, ready, asked, shown):
    client.force_login(ready.teacher)
    response = client.get(ready.url("present") + f"?slide={asked}")
    assert [s["data-slide"] for s in _visible_slides(response)] == [shown]


def test_previous_and_next_links_step_through_the_slides(client, ready):
    client.force_login(ready.teacher)
    soup = _soup(client.get(ready.url("present") + "?slide=2"))
    assert soup.select_one('[data-step="-1"]')["href"] == "?slide=1"
    assert soup.select_one('[data-step="1"]')["href"] == "?slide=3"
    last = _soup(client.get(ready.url("present") + "?slide=6"))
    assert not last.select_one('[data-step="1"]').has_attr("href")


def test_projected_page_has_no_inline_script_or_style(client, ready):
    client.force_login(ready.teacher)
    soup = _soup(client.get(ready.url("present")))
    assert all(script.has_attr("src") for script in soup.find_all("script"))
    assert not soup.select("[style]") and not soup.find_all("style")


# --- Hidden slides ---------------------------------------------------------------------------------


def test_teacher_hides_an_optional_slide_and_present_mode_skips_it(client, ready):
    client.force_login(ready.teacher)
    response = client.post(ready.url("slide_visibility"), {"block_id": _text_id(ready), "hidden": "1"})
    assert response.status_code == 302
    assert HiddenSlide.objects.filter(school_class=ready.klass, block_id=_text_id(ready)).exists()
    for name in ("present", "presenter"):
        html = client.get(ready.url(name)).content.decode()
        assert "Care or control?" not in html
        assert len(_soup(client.get(ready.url(name))).select("[data-slide]")) == 5
    client.post(ready.url("slide_visibility"), {"block_id": _text_id(ready), "hidden": "0"})
    assert not HiddenSlide.objects.exists()


@pytest.mark.parametrize("block_type", ["ground_rules", "knowledge_check", "signposting"])
def test_tampered_form_cannot_hide_a_required_slide(client, ready, block_type):
    block_id = next(
        item.id for item in plan_lesson(school_class=ready.klass, lesson=ready.lesson) if item.block_type == block_type
    )
    client.force_login(ready.teacher)
    response = client.post(ready.url("slide_visibility"), {"block_id": block_id, "hidden": "1"})
    assert response.status_code == 302
    assert not HiddenSlide.objects.exists()
    assert len(_soup(client.get(ready.url("present"))).select("[data-slide]")) == 6


def test_malformed_visibility_form_changes_nothing(client, ready):
    client.force_login(ready.teacher)
    assert client.post(ready.url("slide_visibility"), {"block_id": "", "hidden": "maybe"}).status_code == 302
    assert client.get(ready.url("slide_visibility")).status_code == 405
    assert not HiddenSlide.objects.exists()


def test_lesson_page_lists_hidden_slides_with_a_show_button(client, ready):
    set_slide_hidden(
        school_class=ready.klass, lesson=ready.lesson, block_id=_text_id(ready), hidden=True, user=ready.teacher
    )
    client.force_login(ready.teacher)
    soup = _soup(client.get(ready.url("teach_lesson")))
    hidden_row = soup.select_one(".present-plan__hidden")
    assert "Care or control?" in hidden_row.get_text() and "Show" in hidden_row.get_text()


# --- Presenter view --------------------------------------------------------------------------------


def test_presenter_view_shows_notes_timings_and_the_next_slide(client, ready):
    client.force_login(ready.teacher)
    response = client.get(ready.url("presenter") + "?slide=2")
    current = _visible_slides(response)
    assert len(current) == 1
    text = " ".join(current[0].get_text().split())
    assert current[0].find("h2").get_text(strip=True) == "Slide 2 of 6: Care or control?"
    assert TEXT_NOTE in text
    assert "about 10 min" in text and "15 of 50 min" in text
    assert "Jealousy is not proof of love" in text, "the next slide is named"
    soup = _soup(response)
    assert soup.select_one("[data-present]")["data-channel"] == f"present-{ready.klass.pk}-{ready.lesson.pk}"
    assert soup.select_one("[data-present]")["data-role"] == "presenter"


def test_presenter_view_never_shows_pupil_names(client, ready):
    client.force_login(ready.teacher)
    html = client.get(ready.url("presenter")).content.decode()
    assert not any(name in html for name in PUPIL_NAMES)


# --- Ground rules page -----------------------------------------------------------------------------


def test_ground_rules_page_starts_with_the_defaults_and_saves_the_class_own(client, world):
    url = reverse("classroom:ground_rules", args=[world.klass.pk])
    client.force_login(world.teacher)
    assert DEFAULT_GROUND_RULES[0] in client.get(url).content.decode()
    response = client.post(url, {"action": "save", "rules": "We listen.\n\n  You can pass. \n"})
    assert response.status_code == 302
    assert ClassGroundRules.objects.get(school_class=world.klass).rules == ["We listen.", "You can pass."]
    client.post(url, {"action": "reset"})
    assert not ClassGroundRules.objects.exists()


def test_empty_or_overlong_ground_rules_are_refused(client, world):
    url = reverse("classroom:ground_rules", args=[world.klass.pk])
    client.force_login(world.teacher)
    for rules in ("   \n  ", "x" * 201):
        response = client.post(url, {"action": "save", "rules": rules})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()
    assert not ClassGroundRules.objects.exists()


def test_archived_class_ground_rules_cannot_change(client, world):
    archive_class(school_class=world.klass, actor=world.teacher)
    client.force_login(world.teacher)
    url = reverse("classroom:ground_rules", args=[world.klass.pk])
    assert client.post(url, {"action": "save", "rules": "Ours."}).status_code == 403


# --- From the class page ---------------------------------------------------------------------------


def test_class_page_links_to_teach_each_lesson_of_an_in_class_module(client, world):
    client.force_login(world.teacher)
    html = client.get(reverse("schools:class_detail", args=[world.klass.pk])).content.decode()
    assert world.url("teach_lesson") in html
    world.assignment.delivery = "self_paced"
    world.assignment.save()
    html = client.get(reverse("schools:class_detail", args=[world.klass.pk])).content.decode()
    assert world.url("teach_lesson") not in html
