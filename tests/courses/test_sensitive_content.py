"""Sensitivity from content: a module on a sensitive topic is teacher-led and gated, whatever its editor ticked."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from classroom.services.delivery import CHECKLIST_NOT_DONE, NO_SAFEGUARDING_LEAD, can_start_lesson
from courses.blocks.lesson import RICH_TEXT_FEATURES
from courses.models import DeliveryMode, GuidanceStatus, LessonPage, ModulePage, RSHETopic
from courses.sensitive_content import term_pattern
from schools.models import Assignment
from schools.services.assignments import assign_module
from tests.classroom.teaching_world import make_world
from tests.courses.test_page_rules import module_form
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    QuizFactory,
    SchoolFactory,
    enable_mfa,
    help_service,
    pupil,
    school_class,
    single_choice,
    staff,
    stream,
)
from tests.learning.pupil_client import sign_in

pytestmark = pytest.mark.django_db

# The sensitive topics safe-practice guidance names, by the slugs the migrations seed.
ISSUE_TOPICS = {
    "sharing-nudes",
    "pornography",
    "sexual-harassment",
    "consent",
    "domestic-abuse-and-coercive-control",
    "abuse-grooming-and-exploitation",
    "deepfakes",
    "image-based-abuse",
    "incel-culture",
    "misogyny",
    "violence-against-women-and-girls",
}


def text_body(*paragraphs: str, extra: list | None = None) -> str:
    return json.dumps([{"type": "text", "value": f"<p>{p}</p>"} for p in paragraphs] + (extra or []))


# --- Key terms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term, text, found",
    [
        ("nude*", "Never forward nudes.", True),
        ("nude*", "A NUDE image.", True),
        ("nude*", "Nobody nudged anyone.", False),
        ("rape", "Grapes are fruit.", False),
        ("rape", "Rape is a crime.", True),
        ("semi-nude*", "a semi nude picture", True),
        ("sexual harassment", "sexual\nharassment", True),
        ("sexual harassment", "sexual-harassment", True),
        ("porn*", "pornography", True),
        ("porn*", "a popcorn stand", False),
        ("misogyn*", "misogynistic comments", True),
        ("consent*", "consented", True),
    ],
)
def test_key_terms_match_whole_words_and_marked_endings(term, text, found):
    assert bool(term_pattern(term).search(text)) is found


def test_every_sensitive_topic_safe_practice_names_is_seeded_sensitive_with_key_terms():
    topics = {topic.slug: topic for topic in RSHETopic.objects.filter(slug__in=ISSUE_TOPICS)}
    assert set(topics) == ISSUE_TOPICS
    for topic in topics.values():
        assert topic.is_sensitive, topic.slug
        assert topic.terms, topic.slug
        topic.full_clean()  # the seeded lists pass the editor's checks


def test_guidance_status_says_harassment_nudes_and_pornography_were_expanded_not_added():
    expanded = set(RSHETopic.objects.filter(guidance=GuidanceStatus.EXPANDED_2025).values_list("slug", flat=True))
    assert {"sexual-harassment", "sharing-nudes", "pornography"} <= expanded
    added = set(RSHETopic.objects.filter(guidance=GuidanceStatus.ADDED_2025).values_list("slug", flat=True))
    assert not added & {"sexual-harassment", "sharing-nudes", "pornography"}


@pytest.mark.parametrize(
    "terms, problem",
    [
        ("ab*", "needs at least 4 letters"),
        ("ok", "needs at least 3 letters"),
        ("nu*de", "* allowed only at the end"),
        ("nudes\nNUDES", "listed twice"),
        ("", "needs at least one key term"),
    ],
)
def test_an_editor_is_told_what_is_wrong_with_a_key_term(terms, problem):
    topic = RSHETopic(name="Test topic", slug="test-topic", theme="safe", is_sensitive=True, key_terms=terms)
    with pytest.raises(ValidationError) as raised:
        topic.full_clean()
    assert problem in " ".join(raised.value.message_dict["key_terms"])


def test_key_terms_are_kept_tidy():
    topic = RSHETopic(name="Test topic", slug="test-topic", theme="safe", is_sensitive=True, key_terms="  Nudes \n\n")
    topic.full_clean()
    assert topic.key_terms == "nudes"


# --- The model and service layer ----------------------------------------------------------------


def test_an_untagged_mention_in_a_published_lesson_makes_the_module_teacher_led(programme):
    module = ModulePageFactory(parent=programme, delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED)
    assert module.can_be_self_paced
    LessonPageFactory(parent=module, body=text_body("Never forward nudes: tell a trusted adult."))
    module = ModulePage.objects.get(pk=module.pk)
    assert module.sensitive_topics == ["Sharing nudes and semi-nudes"]
    assert module.teacher_led_only and not module.can_be_self_paced
    with pytest.raises(ValidationError, match="Sharing nudes"):
        module.full_clean(exclude=["path", "depth", "url_path"])


def test_a_mention_in_the_quiz_counts(programme):
    quiz = QuizFactory(
        questions=stream(
            [
                (
                    "true_false",
                    {"key": "q1", "text": "Deepfakes are always obvious.", "answer": "false", "feedback": "No."},
                )
            ]
        )
    )
    module = ModulePageFactory(parent=programme, knowledge_quiz=quiz)
    assert module.sensitive_topics == ["Deepfakes and AI-generated images"]


def test_help_and_ground_rules_slides_are_not_read_as_teaching(programme):
    """Signposting to Report Remove names nude images; that is help, not the topic."""
    signposting = {
        "type": "signposting",
        "value": {"heading": "Help", "intro": "", "services": [help_service(description="Get nude images removed.")]},
    }
    ground_rules = {"type": "ground_rules", "value": {"intro": "If you tell us about abuse, we must pass it on."}}
    module = ModulePageFactory(parent=programme, delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED)
    LessonPageFactory(parent=module, body=text_body("Good friends listen.", extra=[ground_rules, signposting]))
    module = ModulePage.objects.get(pk=module.pk)
    assert module.sensitive_topics == []
    assert module.can_be_self_paced


def test_a_module_covering_a_sensitive_topic_by_content_cannot_be_assigned_self_paced(programme):
    module = ModulePageFactory(parent=programme, delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED)
    LessonPageFactory(parent=module, body=text_body("Misogyny online is spread by some influencers."))
    school = SchoolFactory()
    teacher = staff(school)
    klass = school_class(school, teacher)
    with pytest.raises(ValidationError, match=r"covers a sensitive topic \(Misogyny\)"):
        assign_module(
            classes=[klass],
            module=ModulePage.objects.get(pk=module.pk),
            opens_on=date.today(),
            due_on=None,
            delivery="self_paced",
            include_surveys=True,
            actor=teacher,
        )
    assert not Assignment.objects.exists()


def test_an_existing_self_paced_assignment_stops_playing_once_the_content_is_sensitive(client, programme):
    module = ModulePageFactory(parent=programme, delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED)
    lesson = LessonPageFactory(parent=module)
    school = SchoolFactory()
    klass = school_class(school, staff(school))
    learner, _ = pupil(klass)
    assignment = Assignment.objects.create(
        school_class=klass, module=module, opens_on=timezone.localdate(), delivery="self_paced"
    )
    sign_in(client, learner)
    url = reverse("learning:lesson", args=[assignment.pk, lesson.pk])
    assert client.get(url).status_code == 200

    lesson.body = text_body("Sharing a nude picture of someone under 18 is a crime.")
    lesson.save_revision().publish()
    assert client.get(url).status_code == 404


def test_a_module_sensitive_only_by_content_is_behind_the_safeguarding_gate(programme):
    world = make_world(programme, sensitive=False)
    assert can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher) == (True, [])
    world.lesson.body = text_body("Coercive control is a pattern of behaviour.")
    world.lesson.save_revision().publish()
    ok, reasons = can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher)
    assert not ok and reasons == [NO_SAFEGUARDING_LEAD, CHECKLIST_NOT_DONE]


def test_a_quiz_of_a_module_cannot_be_given_untagged_sensitive_wording(programme):
    quiz = QuizFactory()
    module = ModulePageFactory(parent=programme, title="Friendships", knowledge_quiz=quiz)
    quiz.questions = stream(
        [
            single_choice("q1"),
            ("true_false", {"key": "q2", "text": "Incel forums are harmless.", "answer": "false", "feedback": "No."}),
        ]
    )
    with pytest.raises(ValidationError) as raised:
        quiz.full_clean()
    message = " ".join(raised.value.message_dict["questions"])
    assert "cannot be saved" in message and "Incel culture" in message and "“Friendships”" in message
    module.rshe_topics.add(RSHETopic.objects.get(slug="incel-culture"))
    module.save()
    quiz.full_clean()


# --- The Wagtail editor -------------------------------------------------------------------------


@pytest.fixture
def admin_client(db, django_user_model):
    user = enable_mfa(django_user_model.objects.create_superuser("admin@example.org", "pw-long-enough-123"))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_publishing_a_module_whose_lesson_mentions_an_untagged_topic_is_refused(admin_client, programme):
    module = ModulePageFactory(parent=programme, slug="friendships")
    LessonPageFactory(parent=module, title="Images", body=text_body("What to do if someone sends you a nude."))
    edit = reverse("wagtailadmin_pages:edit", args=(module.pk,))
    data = module_form(slug="friendships", review_by=(date.today() + timedelta(days=30)).isoformat())

    draft = admin_client.post(edit, data)
    assert draft.status_code == 302, "saving a draft is allowed"

    data["action-publish"] = "publish"
    response = admin_client.post(edit, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This cannot be published" in html
    assert "Sharing nudes and semi-nudes" in html and "lesson “Images”" in html
    assert ModulePage.objects.get(pk=module.pk).title != "Healthy friendships"

    nudes = RSHETopic.objects.get(slug="sharing-nudes")
    data = module_form(slug="friendships", rshe_topics=[nudes.pk])
    data["action-publish"] = "publish"
    assert admin_client.post(edit, data).status_code == 302
    assert ModulePage.objects.get(pk=module.pk).title == "Healthy friendships"


def test_publishing_a_lesson_on_an_untagged_topic_is_refused(admin_client, programme):
    module = ModulePageFactory(parent=programme, title="Friendships")
    data = nested_form_data(
        {
            "title": "Fake pictures",
            "slug": "fake-pictures",
            "summary": "",
            "estimated_minutes": 50,
            "body": streamfield([("text", rich_text("<p>A deepfake can look real.</p>", features=RICH_TEXT_FEATURES))]),
        }
    )
    data["action-publish"] = "publish"
    response = admin_client.post(reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", module.pk)), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deepfakes and AI-generated images" in html and "“Friendships”" in html
    assert not LessonPage.objects.filter(slug="fake-pictures").exists()

    module.rshe_topics.add(RSHETopic.objects.get(slug="deepfakes"))
    module.save()
    response = admin_client.post(reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", module.pk)), data)
    assert response.status_code == 302
    assert LessonPage.objects.get(slug="fake-pictures").live
