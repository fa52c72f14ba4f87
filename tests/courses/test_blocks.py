"""Lesson, question and signposting blocks: the accessible HTML they render, and their validation."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from courses.blocks import LESSON_BLOCKS, QUIZ_QUESTION_BLOCKS, SURVEY_ITEM_BLOCKS, HelpServiceBlock
from courses.ground_rules import DEFAULT_GROUND_RULES
from tests.factories import help_service

BLOCKS = dict(LESSON_BLOCKS)
QUESTIONS = dict(QUIZ_QUESTION_BLOCKS)
SURVEY_ITEMS = dict(SURVEY_ITEM_BLOCKS)


def render(block_type: str, raw_value: dict | str, **context) -> BeautifulSoup:
    block = BLOCKS[block_type]
    html = block.render(block.to_python(raw_value), context=context)
    return BeautifulSoup(html, "html.parser")


def text_of(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def image(db, media_root):
    return Image.objects.create(title="Two friends talking", file=get_test_image_file(size=(640, 480)))


def make_document(filename: str, content: bytes = b"data") -> Document:
    return Document.objects.create(title=filename, file=ContentFile(content, name=filename))


@pytest.fixture
def video_file(db, media_root):
    return make_document("clip.mp4")


@pytest.fixture
def captions_file(db, media_root):
    return make_document("captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n")


def knowledge_check(*correct: bool) -> dict:
    return {
        "question": "Can consent be withdrawn?",
        "choices": [{"text": f"Choice {i}", "correct": flag} for i, flag in enumerate(correct)],
        "explanation": "Anyone can change their mind at any time.",
    }


SCENARIO = {
    "title": "The group chat",
    "characters": "Sam and Priya (made up)",
    "situation": "<p>Sam sees a joke about Priya in the class group chat.</p>",
    "question": "What could Sam do?",
    "choices": [
        {"text": "Say nothing", "feedback": "Priya may feel alone.", "recommended": False},
        {"text": "Message Priya", "feedback": "Support helps.", "recommended": True},
    ],
}

SIGNPOSTING = {
    "heading": "Where to get help",
    "intro": "Talk to an adult you trust, or contact:",
    "services": [
        help_service(),
        help_service(
            name="Police",
            description="If you are in danger.",
            phone="999 (emergency) or 101",
            website="",
            hours="",
        ),
    ],
}

# Every block whose template has a heading, with a value that renders it.
HEADED_BLOCKS = {
    "ground_rules": ({"intro": ""}, "Our ground rules"),
    "key_message": ({"heading": "Respect", "message": "Everyone matters."}, "Respect"),
    "scenario": (SCENARIO, "Scenario The group chat"),
    "discussion": ({"prompt": "Why might Sam find it hard to speak up?", "follow_up": []}, "Discuss Why might Sam"),
    "reflection": ({"prompt": "What will you remember?", "hint": ""}, "Think about it What will you remember?"),
    "knowledge_check": (knowledge_check(True, False), "Quick check Can consent be withdrawn?"),
    "signposting": (SIGNPOSTING, "Where to get help"),
}


def test_every_lesson_block_type_is_covered_here():
    assert set(BLOCKS) == {
        "ground_rules",
        "text",
        "image",
        "video",
        "key_message",
        "scenario",
        "discussion",
        "reflection",
        "knowledge_check",
        "teacher_notes",
        "signposting",
    }


# --- Rendering -----------------------------------------------------------------------------------


def test_ground_rules_render_the_default_rules_as_a_list_under_a_heading():
    soup = render("ground_rules", {"intro": "Before we start, let's remember our ground rules."})
    assert text_of(soup.find("h2")) == "Our ground rules"
    assert "Before we start, let's remember our ground rules." in text_of(soup.find("p"))
    assert [text_of(li) for li in soup.select("ul li")] == list(DEFAULT_GROUND_RULES)


def test_ground_rules_without_intro_render_no_empty_paragraph():
    soup = render("ground_rules", {"intro": ""})
    assert soup.find("p") is None
    assert len(soup.select("ul li")) == len(DEFAULT_GROUND_RULES)


def test_a_class_s_own_ground_rules_replace_the_defaults():
    own_rules = ["We listen to each other.", "We keep names out of it."]
    soup = render("ground_rules", {"intro": ""}, ground_rules=own_rules)
    assert [text_of(li) for li in soup.select("ul li")] == own_rules
    assert DEFAULT_GROUND_RULES[0] not in soup.get_text()


def test_text_block_renders_its_rich_text():
    soup = render("text", "<h3>What is respect?</h3><p>Respect means treating people as equals.</p>")
    wrapper = soup.find("div", class_="rich-text")
    assert text_of(wrapper.find("h3")) == "What is respect?"
    assert text_of(wrapper.find("p")) == "Respect means treating people as equals."


@pytest.mark.django_db
def test_image_block_renders_the_alt_text_and_caption(image):
    soup = render("image", {"image": image.pk, "alt_text": "Two friends talking on a bench", "caption": "Friends"})
    img = soup.find("img")
    assert img["alt"] == "Two friends talking on a bench"
    assert img["src"].endswith(".png")
    assert (img["width"], img["height"]) == ("640", "480")
    assert text_of(soup.find("figure").find("figcaption")) == "Friends"


@pytest.mark.django_db
def test_image_block_without_caption_renders_no_figcaption(image):
    soup = render("image", {"image": image.pk, "alt_text": "Two friends", "caption": ""})
    assert soup.find("img")["alt"] == "Two friends"
    assert soup.find("figcaption") is None


@pytest.mark.django_db
def test_video_block_renders_captions_track_and_transcript(video_file, captions_file):
    soup = render(
        "video",
        {
            "title": "Speaking up",
            "video": video_file.pk,
            "captions": captions_file.pk,
            "transcript": "<p>Sam: I am not OK with that joke.</p>",
        },
    )
    heading = soup.find("h2")
    assert text_of(heading) == "Speaking up"
    assert soup.find("figure")["aria-labelledby"] == heading["id"]
    video = soup.find("video")
    assert video.has_attr("controls")
    assert video["src"] == video_file.url
    track = video.find("track")
    assert track["kind"] == "captions"
    assert track["srclang"] == "en"
    assert track["src"] == captions_file.url
    assert track.has_attr("default")
    fallback = video.find("a")
    assert fallback["href"] == video_file.url
    assert "Download the video" in text_of(fallback)
    details = soup.find("details")
    assert text_of(details.find("summary")) == "Read the transcript"
    assert "Sam: I am not OK with that joke." in text_of(details)


@pytest.mark.django_db
def test_video_block_with_transcript_only_renders_no_track(video_file):
    soup = render("video", {"title": "Speaking up", "video": video_file.pk, "transcript": "<p>Words.</p>"})
    assert soup.find("track") is None
    assert "Words." in text_of(soup.find("details"))


@pytest.mark.django_db
def test_video_block_with_captions_only_renders_no_transcript(video_file, captions_file):
    soup = render("video", {"title": "Speaking up", "video": video_file.pk, "captions": captions_file.pk})
    assert soup.find("track")["src"] == captions_file.url
    assert soup.find("details") is None


def test_key_message_renders_heading_and_message_with_line_breaks():
    soup = render("key_message", {"heading": "Key message", "message": "Everyone matters.\nEveryone is equal."})
    assert text_of(soup.find("h2")) == "Key message"
    message = soup.find("p")
    assert message.find("br") is not None
    assert text_of(message) == "Everyone matters. Everyone is equal."


def test_scenario_renders_each_choice_with_feedback_in_details():
    soup = render("scenario", SCENARIO)
    assert text_of(soup.find("h2")) == "Scenario The group chat"
    assert "Sam and Priya (made up)" in soup.get_text()
    assert "Sam sees a joke about Priya in the class group chat." in text_of(soup.find("div", class_="rich-text"))
    assert "What could Sam do?" in soup.get_text()
    details = soup.find_all("details")
    assert [text_of(d.find("summary")) for d in details] == ["Say nothing", "Message Priya"]
    assert "Priya may feel alone." in text_of(details[0])
    assert "A good choice" not in text_of(details[0])
    assert "Support helps." in text_of(details[1])
    assert "A good choice" in text_of(details[1])


def test_discussion_renders_prompt_and_follow_up_questions():
    soup = render(
        "discussion",
        {"prompt": "Why might Sam find it hard to speak up?", "follow_up": ["What could help?", "Who could he ask?"]},
    )
    assert text_of(soup.find("h2")) == "Discuss Why might Sam find it hard to speak up?"
    assert [text_of(li) for li in soup.select("ul li")] == ["What could help?", "Who could he ask?"]


def test_discussion_without_follow_up_renders_no_list():
    soup = render("discussion", {"prompt": "Why?", "follow_up": []})
    assert soup.find("ul") is None


def test_reflection_renders_prompt_and_hint():
    soup = render("reflection", {"prompt": "What will you remember?", "hint": "One thing is enough."})
    assert text_of(soup.find("h2")) == "Think about it What will you remember?"
    assert text_of(soup.find("p")) == "One thing is enough."


def test_reflection_without_hint_renders_no_paragraph():
    soup = render("reflection", {"prompt": "What will you remember?", "hint": ""})
    assert soup.find("p") is None


def test_knowledge_check_hides_the_answer_and_explanation_in_details():
    value = {
        "question": "Can consent be withdrawn?",
        "choices": [{"text": "Yes, at any time", "correct": True}, {"text": "No", "correct": False}],
        "explanation": "Anyone can change their mind at any time.",
    }
    soup = render("knowledge_check", value)
    assert text_of(soup.find("h2")) == "Quick check Can consent be withdrawn?"
    assert [text_of(li) for li in soup.select("ol li")] == ["Yes, at any time", "No"]
    details = soup.find("details")
    assert text_of(details.find("summary")) == "Check the answer"
    answer = text_of(details.find("div"))
    assert "Answer: Yes, at any time" in answer
    assert "Answer: No" not in answer
    assert "Anyone can change their mind at any time." in answer
    # The answer is only inside the <details>, never shown before it is opened.
    details.extract()
    assert "Answer:" not in soup.get_text()
    assert "Anyone can change their mind" not in soup.get_text()


def test_teacher_notes_render_nothing_by_default():
    html = BLOCKS["teacher_notes"].render(
        BLOCKS["teacher_notes"].to_python({"notes": "<p>Allow five minutes.</p>", "minutes": 5}), context={}
    )
    assert html.strip() == ""


def test_teacher_notes_render_nothing_when_show_teacher_notes_is_false():
    soup = render("teacher_notes", {"notes": "<p>Allow five minutes.</p>", "minutes": 5}, show_teacher_notes=False)
    assert "Allow five minutes" not in soup.get_text()
    assert soup.find("aside") is None


def test_teacher_notes_render_for_teachers():
    soup = render("teacher_notes", {"notes": "<p>Allow five minutes.</p>", "minutes": 5}, show_teacher_notes=True)
    aside = soup.find("aside")
    assert aside["aria-label"] == "Teacher notes"
    assert "Teacher notes (5 minutes)" in text_of(aside)
    assert "Allow five minutes." in text_of(aside.find("div", class_="rich-text"))


def test_signposting_links_a_plain_phone_number_but_not_text_around_a_number():
    soup = render("signposting", SIGNPOSTING)
    assert text_of(soup.find("h2")) == "Where to get help"
    assert "Talk to an adult you trust, or contact:" in soup.get_text()
    childline, police = soup.select("li.help-service")
    assert text_of(childline.find(class_="help-service__name")) == "Childline"
    phone_link = childline.find("a", href=lambda href: href and href.startswith("tel:"))
    assert phone_link["href"] == "tel:08001111"
    assert text_of(phone_link) == "0800 1111"
    website = childline.find("a", href="https://www.childline.org.uk")
    assert "noopener" in website["rel"]
    assert text_of(website) == "Website for Childline"
    assert "Open: 24 hours" in text_of(childline)
    assert "Phone: 999 (emergency) or 101" in text_of(police)
    assert police.find("a") is None


def test_signposting_shows_a_text_service():
    value = {**SIGNPOSTING, "services": [help_service(name="Shout", phone="", text="Text SHOUT to 85258")]}
    soup = render("signposting", value)
    assert "Text: Text SHOUT to 85258" in text_of(soup.find("li", class_="help-service"))
    assert "Phone:" not in soup.get_text()


@pytest.mark.parametrize("block_type", sorted(HEADED_BLOCKS))
def test_heading_level_from_context_changes_h2_to_h3(block_type):
    value, heading_text = HEADED_BLOCKS[block_type]
    default = render(block_type, value)
    assert heading_text in text_of(default.find("h2"))
    assert default.find("h3") is None

    nested = render(block_type, value, heading_level=3)
    assert nested.find("h2") is None
    assert heading_text in text_of(nested.find("h3"))


@pytest.mark.django_db
def test_video_heading_level_from_context(video_file):
    soup = render(
        "video", {"title": "Speaking up", "video": video_file.pk, "transcript": "<p>Words.</p>"}, heading_level=3
    )
    assert soup.find("h2") is None
    assert text_of(soup.find("h3")) == "Speaking up"


# --- Validation: lesson blocks -------------------------------------------------------------------


def clean(block, raw_value):
    return block.clean(block.to_python(raw_value))


def block_errors(block, raw_value) -> dict:
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, raw_value)
    return excinfo.value.block_errors


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.mark.django_db
def test_image_without_alt_text_fails(image):
    errors = block_errors(BLOCKS["image"], {"image": image.pk, "alt_text": "", "caption": "A caption"})
    assert set(errors) == {"alt_text"}


@pytest.mark.django_db
def test_image_with_whitespace_alt_text_fails(image):
    errors = block_errors(BLOCKS["image"], {"image": image.pk, "alt_text": "   ", "caption": ""})
    assert set(errors) == {"alt_text"}


@pytest.mark.django_db
def test_image_with_alt_text_passes(image):
    value = clean(BLOCKS["image"], {"image": image.pk, "alt_text": "Two friends", "caption": ""})
    assert value["alt_text"] == "Two friends"
    assert value["image"] == image


@pytest.mark.django_db
def test_video_without_captions_or_transcript_fails(video_file):
    errors = block_errors(BLOCKS["video"], {"title": "Clip", "video": video_file.pk, "transcript": ""})
    assert set(errors) == {"captions"}
    assert "captions file or a transcript" in messages(errors["captions"])


@pytest.mark.django_db
def test_video_with_a_transcript_only_passes(video_file):
    value = clean(BLOCKS["video"], {"title": "Clip", "video": video_file.pk, "transcript": "<p>Words.</p>"})
    assert value["captions"] is None
    assert value["video"] == video_file


@pytest.mark.django_db
def test_video_with_vtt_captions_only_passes(video_file, captions_file):
    value = clean(BLOCKS["video"], {"title": "Clip", "video": video_file.pk, "captions": captions_file.pk})
    assert value["captions"] == captions_file


@pytest.mark.django_db
def test_captions_that_are_not_vtt_fail(video_file):
    not_vtt = make_document("captions.srt", b"1\n00:00:00,000 --> 00:00:02,000\nHello\n")
    errors = block_errors(BLOCKS["video"], {"title": "Clip", "video": video_file.pk, "captions": not_vtt.pk})
    assert set(errors) == {"captions"}
    assert ".vtt" in messages(errors["captions"])


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["clip.avi", "clip.mov", "clip.vtt"])
def test_video_file_that_is_not_mp4_or_webm_fails(media_root, filename):
    video = make_document(filename)
    errors = block_errors(BLOCKS["video"], {"title": "Clip", "video": video.pk, "transcript": "<p>Words.</p>"})
    assert set(errors) == {"video"}
    assert "MP4 or WebM" in messages(errors["video"])


@pytest.mark.django_db
@pytest.mark.parametrize("filename", ["clip.mp4", "clip.webm", "CLIP.MP4"])
def test_mp4_and_webm_videos_pass(media_root, filename):
    video = make_document(filename)
    value = clean(BLOCKS["video"], {"title": "Clip", "video": video.pk, "transcript": "<p>Words.</p>"})
    assert value["video"] == video


@pytest.mark.parametrize("correct", [(False, False, False), (True, True, False)])
def test_knowledge_check_needs_exactly_one_correct_choice(correct):
    errors = block_errors(BLOCKS["knowledge_check"], knowledge_check(*correct))
    assert set(errors) == {"choices"}
    assert f"this has {sum(correct)}" in messages(errors["choices"])


def test_knowledge_check_with_one_correct_choice_passes():
    value = clean(BLOCKS["knowledge_check"], knowledge_check(False, True, False))
    assert [choice["correct"] for choice in value["choices"]] == [False, True, False]


# --- Validation: quiz and survey questions -------------------------------------------------------


def choice_question(key: str = "q1", correct=(True, False, False)) -> dict:
    return {
        "key": key,
        "text": "Which?",
        "choices": [{"text": f"Choice {i}", "correct": flag} for i, flag in enumerate(correct)],
        "feedback": "Because.",
    }


def likert_item(**overrides) -> dict:
    return {
        "key": "a1",
        "text": "Jealousy is a sign of love.",
        "minimum": 1,
        "maximum": 5,
        "labels": [],
        "reverse_scored": False,
        "subscale": "attitudes",
        **overrides,
    }


@pytest.mark.parametrize("correct", [(False, False, False), (True, True, False), (True, True, True)])
def test_single_choice_question_needs_exactly_one_correct_choice(correct):
    errors = block_errors(QUESTIONS["single_choice"], choice_question(correct=correct))
    assert set(errors) == {"choices"}
    assert "exactly one correct choice" in messages(errors["choices"])


def test_single_choice_question_with_one_correct_choice_passes():
    value = clean(QUESTIONS["single_choice"], choice_question(correct=(False, False, True)))
    assert value["key"] == "q1"


def test_multiple_choice_question_needs_at_least_one_correct_choice():
    errors = block_errors(QUESTIONS["multiple_choice"], choice_question(correct=(False, False, False)))
    assert set(errors) == {"choices"}
    assert "at least one" in messages(errors["choices"])


@pytest.mark.parametrize("correct", [(True, False, False), (True, True, False), (True, True, True)])
def test_multiple_choice_question_with_one_or_more_correct_choices_passes(correct):
    value = clean(QUESTIONS["multiple_choice"], choice_question(correct=correct))
    assert [choice["correct"] for choice in value["choices"]] == list(correct)


@pytest.mark.parametrize(("minimum", "maximum"), [(5, 5), (5, 1)])
def test_likert_maximum_must_be_above_minimum(minimum, maximum):
    errors = block_errors(SURVEY_ITEMS["likert"], likert_item(minimum=minimum, maximum=maximum))
    assert set(errors) == {"maximum"}
    assert "above the minimum" in messages(errors["maximum"])


@pytest.mark.parametrize("labels", [["Disagree", "Agree"], ["1", "2", "3", "4", "5", "6"]])
def test_likert_labels_must_match_the_number_of_points(labels):
    errors = block_errors(SURVEY_ITEMS["likert"], likert_item(labels=labels))
    assert set(errors) == {"labels"}
    assert "each of the 5 points" in messages(errors["labels"])


@pytest.mark.parametrize(
    "labels", [[], ["Strongly disagree", "Disagree", "Not sure", "Agree", "Strongly agree"]], ids=["none", "five"]
)
def test_likert_with_one_label_per_point_or_none_passes(labels):
    value = clean(SURVEY_ITEMS["likert"], likert_item(labels=labels))
    assert list(value["labels"]) == labels


def test_likert_labels_count_follows_a_zero_based_scale():
    value = clean(SURVEY_ITEMS["likert"], likert_item(minimum=0, maximum=2, labels=["No", "Maybe", "Yes"]))
    assert list(value["labels"]) == ["No", "Maybe", "Yes"]


VALID_ITEMS = {
    "single_choice": (QUESTIONS["single_choice"], choice_question()),
    "multiple_choice": (QUESTIONS["multiple_choice"], choice_question()),
    "true_false": (QUESTIONS["true_false"], {"key": "q1", "text": "True?", "answer": "true", "feedback": "Yes."}),
    "likert": (SURVEY_ITEMS["likert"], likert_item(key="q1")),
    "free_text": (SURVEY_ITEMS["free_text"], {"key": "q1", "prompt": "Anything else?", "optional": True}),
}


@pytest.mark.parametrize("item_type", sorted(VALID_ITEMS))
def test_question_key_rejects_spaces_and_capitals(item_type):
    block, raw = VALID_ITEMS[item_type]
    assert clean(block, raw)["key"] == "q1"
    errors = block_errors(block, {**raw, "key": "Bad Key"})
    assert set(errors) == {"key"}
    assert "Use lower case letters" in messages(errors["key"])


@pytest.mark.parametrize("key", ["q1", "consent-2", "a_1", "x"])
def test_question_key_accepts_lower_case_digits_hyphens_and_underscores(key):
    value = clean(QUESTIONS["single_choice"], choice_question(key=key))
    assert value["key"] == key


# --- Validation: help services -------------------------------------------------------------------


def test_help_service_with_no_phone_text_or_website_fails():
    errors = block_errors(HelpServiceBlock(), help_service(phone="", text="", website=""))
    assert set(errors) == {"phone"}
    assert "phone number, a text service or a website" in messages(errors["phone"])


@pytest.mark.parametrize(
    "contact",
    [
        {"phone": "0800 1111", "text": "", "website": ""},
        {"phone": "", "text": "Text SHOUT to 85258", "website": ""},
        {"phone": "", "text": "", "website": "https://www.childline.org.uk"},
    ],
    ids=["phone", "text", "website"],
)
def test_help_service_with_any_one_way_to_contact_passes(contact):
    value = clean(HelpServiceBlock(), help_service(**contact))
    assert value["name"] == "Childline"


def test_text_longer_than_a_slide_is_rejected():
    block = dict(LESSON_BLOCKS)["text"]
    with pytest.raises(ValidationError):
        block.clean(block.to_python("<p>" + "word " * 200 + "</p>"))
    block.clean(block.to_python("<p>" + "word " * 100 + "</p>"))
