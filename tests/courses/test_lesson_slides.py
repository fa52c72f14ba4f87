"""A lesson always opens with ground rules and closes with signposting; pupils never see teacher notes."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import LessonPageFactory, help_service

pytestmark = pytest.mark.django_db

NOTES = "Secret teacher timing note"


def lesson_body(*blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def test_missing_ground_rules_and_signposting_are_added(module):
    lesson = LessonPageFactory(parent=module, body=lesson_body(("text", "<p>Middle</p>")))
    slides = lesson.slides()
    assert [s.block_type for s in slides] == ["ground_rules", "text", "signposting"]
    assert slides[0].added_automatically and slides[-1].added_automatically
    services = slides[-1].bound_block.value["services"]
    assert [s["name"] for s in services] == ["Childline"], "the programme's help services are used"


def test_editor_ground_rules_and_signposting_are_not_doubled(module):
    own_help = {"heading": "Help", "intro": "", "services": [help_service(name="Shout")]}
    lesson = LessonPageFactory(
        parent=module,
        body=lesson_body(("ground_rules", {"intro": "Remember"}), ("text", "<p>x</p>"), ("signposting", own_help)),
    )
    slides = lesson.slides()
    assert [s.block_type for s in slides] == ["ground_rules", "text", "signposting"]
    assert not any(s.added_automatically for s in slides)
    assert slides[-1].bound_block.value["services"][0]["name"] == "Shout"


def test_teacher_notes_are_left_out_for_pupils_but_kept_for_teachers(module):
    lesson = LessonPageFactory(
        parent=module,
        body=lesson_body(("text", "<p>x</p>"), ("teacher_notes", {"notes": f"<p>{NOTES}</p>", "minutes": 5})),
    )
    assert "teacher_notes" not in [s.block_type for s in lesson.slides(for_pupils=True)]
    assert "teacher_notes" in [s.block_type for s in lesson.slides(for_pupils=False)]


def test_public_lesson_page_shows_slides_without_teacher_notes(client, module):
    lesson = LessonPageFactory(
        parent=module,
        body=lesson_body(
            ("key_message", {"heading": "Respect matters", "message": "Everyone deserves respect."}),
            ("teacher_notes", {"notes": f"<p>{NOTES}</p>", "minutes": 5}),
        ),
    )
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTES not in html
    soup = BeautifulSoup(html, "html.parser")
    slides = soup.select("ol.lesson-slides > li")
    assert [s["class"][1] for s in slides] == [
        "lesson-slide--ground_rules",
        "lesson-slide--key_message",
        "lesson-slide--signposting",
    ]
    assert soup.select_one("[data-quick-exit-button]")["href"] == reverse("schools:quick_exit")


def test_lesson_page_links_to_previous_and_next_lessons(client, module):
    first = LessonPageFactory(parent=module, title="First lesson")
    second = LessonPageFactory(parent=module, title="Second lesson")
    third = LessonPageFactory(parent=module, title="Third lesson")
    soup = BeautifulSoup(client.get(second.url).content, "html.parser")
    assert soup.select_one("a[rel=prev]")["href"] == first.url
    assert soup.select_one("a[rel=next]")["href"] == third.url
    assert "Lesson 2 of 3" in soup.select_one(".govuk-caption-l").get_text()


def test_parents_page_shows_lessons_and_blank_questions_without_answers_or_notes(client, module):
    from courses.versioning import record_version
    from tests.factories import QuizFactory, SurveyFactory

    module.knowledge_quiz = QuizFactory(title="Consent quiz")
    module.attitude_survey = SurveyFactory(title="Attitudes survey")
    module.save_revision().publish()
    record_version(instrument=module.knowledge_quiz)
    LessonPageFactory(
        parent=module,
        title="Understanding consent",
        body=lesson_body(
            ("text", "<p>Consent is a free choice.</p>"),
            ("teacher_notes", {"notes": f"<p>{NOTES}</p>", "minutes": 5}),
        ),
    )
    response = client.get(module.url + "parents/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Understanding consent" in html
    assert "Consent is a free choice." in html
    assert NOTES not in html
    soup = BeautifulSoup(html, "html.parser")
    quiz = soup.select_one("section[aria-labelledby=quiz]")
    assert "Question q1?" in quiz.get_text()
    assert "Choice 0" in quiz.get_text()
    assert "correct" not in quiz.get_text().lower(), "parents see blank questions, not answers"
    survey = soup.select_one("section[aria-labelledby=survey]")
    assert "Statement a1" in survey.get_text()


def test_unknown_page_gets_the_site_s_not_found_page(client, site_root):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Quick exit" in response.content


def test_footer_links_follow_published_pages(client, site_root):
    from courses.models import InformationPage

    assert b"Privacy notice" not in client.get("/").content
    page = InformationPage(title="Privacy notice", slug="privacy", body="<p>x</p>")
    site_root.add_child(instance=page)
    page.save_revision().publish()
    assert b'href="/privacy/"' in client.get("/").content


# --- Wagtail preview, slide by slide ---------------------------------------------------------------


def test_preview_modes_offer_the_whole_lesson_and_each_slide_numbered_as_pupils_see_them(module):
    lesson = LessonPageFactory(
        parent=module,
        body=lesson_body(
            ("text", "<p>Consent is a free choice.</p>"),
            ("teacher_notes", {"notes": f"<p>{NOTES}</p>", "minutes": 5}),
            ("discussion", {"prompt": "Why might Sam find it hard to speak up?", "follow_up": []}),
        ),
    )
    assert lesson.preview_modes == [
        ("", "Whole lesson"),
        ("slide-1", "Slide 1: Ground rules reminder (added)"),
        ("slide-2", "Slide 2: Text"),
        ("slide-3", "Slide 3: Discussion prompt"),
        ("slide-4", "Slide 4: Where to get help (added)"),
    ]
    assert [mode for mode, _ in lesson.preview_modes[1:]] == [f"slide-{n}" for n in range(1, len(lesson.slides()) + 1)]


def test_previewing_one_slide_shows_only_that_slide_as_projected(module, rf):
    from django.contrib.auth.models import AnonymousUser

    lesson = LessonPageFactory(
        parent=module,
        body=lesson_body(
            ("text", "<p>Consent is a free choice.</p>"),
            ("discussion", {"prompt": "Why might Sam find it hard to speak up?", "follow_up": []}),
        ),
    )
    request = rf.get("/")
    request.user = AnonymousUser()

    def preview(mode):
        response = lesson.make_preview_request(request, mode)
        return response.render().content.decode() if hasattr(response, "render") else response.content.decode()

    third = preview("slide-3")
    assert "Slide 3 of 4" in third and "Why might Sam find it hard to speak up?" in third
    assert "Consent is a free choice." not in third
    assert "Slide 4 of 4" in preview("slide-9"), "a slide number past the end shows the last slide"
    whole = preview("")
    assert "Consent is a free choice." in whole and "Why might Sam find it hard to speak up?" in whole


def test_parents_page_prints_without_the_site_and_each_part_leads_back_to_the_contents(client, module):
    LessonPageFactory(parent=module, title="Understanding consent", body=lesson_body(("text", "<p>x</p>")))
    soup = BeautifulSoup(client.get(module.url + "parents/").content, "html.parser")
    assert "print-sheet" in soup.body["class"], "the print stylesheet leaves out the site's menus"
    button = soup.select_one("button[data-print-button]")
    assert button.get_text(strip=True) == "Print this page" and button.has_attr("hidden")
    contents = [a["href"] for a in soup.select("nav[aria-labelledby=parents-contents] a")]
    assert contents == ["#lesson-1"]
    assert soup.select_one("#lesson-1").find_parent("section").select_one('a[href="#parents-contents"]')
