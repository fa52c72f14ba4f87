"""Where each page type may be created, creating modules and lessons in the admin, and module rules."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.blocks.lesson import RICH_TEXT_FEATURES
from courses.models import DeliveryMode, HomePage, InformationPage, LessonPage, ModulePage, ProgrammePage, RSHETopic
from tests.factories import ModulePageFactory, ProgrammePageFactory, enable_mfa, make_site_home

ALL_PAGE_TYPES = (Page, HomePage, InformationPage, ProgrammePage, ModulePage, LessonPage)
SENSITIVE_MESSAGE = "so it can only be teacher-led"

# Each page type's only allowed parents. Every other (parent, child) pair must be refused.
ALLOWED_PARENTS = {
    HomePage: {Page},
    InformationPage: {HomePage},
    ProgrammePage: {HomePage},
    ModulePage: {ProgrammePage},
    LessonPage: {ModulePage},
}


def module_form(**overrides) -> dict:
    """POST data for the module add/edit form: every required field, valid and not sensitive.

    ``rshe_topics`` (a list of ids) is kept out of nested_form_data, which would flatten the list
    into indexed keys; the test client sends a list as a multi-valued field.
    """
    topics = overrides.pop("rshe_topics", None)
    fields = {
        "title": "Healthy friendships",
        "slug": "healthy-friendships",
        "summary": "What makes a friendship healthy.",
        "min_year": 7,
        "max_year": 9,
        "estimated_minutes": 100,
        "content_warning": "",
        "delivery_mode": DeliveryMode.TEACHER_LED,
        "review_by": (date.today() + timedelta(days=365)).isoformat(),
        "learning_outcomes": streamfield([("outcome", "Describe a healthy friendship.")]),
        "key_vocabulary": streamfield([]),
        "dsl_reminder": "Tell your DSL when you will teach this.",
        **overrides,
    }
    data = nested_form_data(fields)
    if topics is not None:
        data["rshe_topics"] = topics
    return data


class PageTypeRulesTests(WagtailPageTestCase):
    def setUp(self):
        user = enable_mfa(get_user_model().objects.create_superuser("admin@example.org", "pw-long-enough-123"))
        self.client.force_login(user)
        self.home = make_site_home()
        self.programme = ProgrammePageFactory(parent=self.home)
        self.module = ModulePageFactory(parent=self.programme)

    def test_home_page_is_created_only_under_the_wagtail_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})
        for parent in (HomePage, InformationPage, ProgrammePage, ModulePage, LessonPage):
            self.assertCanNotCreateAt(parent, HomePage)

    def test_programme_and_information_pages_are_created_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, ProgrammePage)
        self.assertCanCreateAt(HomePage, InformationPage)
        self.assertAllowedSubpageTypes(HomePage, {ProgrammePage, InformationPage})
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage})
        self.assertAllowedParentPageTypes(InformationPage, {HomePage})
        self.assertCanNotCreateAt(Page, ProgrammePage)
        self.assertCanNotCreateAt(Page, InformationPage)

    def test_module_page_is_created_only_under_a_programme(self):
        self.assertCanCreateAt(ProgrammePage, ModulePage)
        self.assertAllowedSubpageTypes(ProgrammePage, {ModulePage})
        self.assertAllowedParentPageTypes(ModulePage, {ProgrammePage})
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(Page, ModulePage)

    def test_lesson_page_is_created_only_under_a_module(self):
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertCanNotCreateAt(ProgrammePage, LessonPage)
        self.assertCanNotCreateAt(HomePage, LessonPage)

    def test_nothing_is_created_under_a_lesson_or_an_information_page(self):
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedSubpageTypes(InformationPage, set())
        for child in ALL_PAGE_TYPES:
            self.assertCanNotCreateAt(LessonPage, child)
            self.assertCanNotCreateAt(InformationPage, child)

    def test_every_other_parent_and_child_pair_is_refused(self):
        for child, parents in ALLOWED_PARENTS.items():
            for parent in ALL_PAGE_TYPES:
                with self.subTest(parent=parent.__name__, child=child.__name__):
                    if parent in parents:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_module_can_be_created_under_a_programme_in_the_admin(self):
        topic = RSHETopic.objects.get(slug="healthy-relationships")
        self.assertCanCreate(self.programme, ModulePage, module_form(rshe_topics=[topic.pk]))
        module = ModulePage.objects.get(slug="healthy-friendships")
        assert module.live
        assert module.get_parent().pk == self.programme.pk
        assert (module.min_year, module.max_year, module.estimated_minutes) == (7, 9, 100)
        assert list(module.rshe_topics.all()) == [topic]
        assert [block.value for block in module.learning_outcomes] == ["Describe a healthy friendship."]

    def test_module_can_be_saved_as_a_draft_in_the_admin(self):
        self.assertCanCreate(self.programme, ModulePage, module_form(slug="draft-module"), publish=False)
        module = ModulePage.objects.get(slug="draft-module")
        assert not module.live

    def test_lesson_can_be_created_under_a_module_in_the_admin(self):
        data = nested_form_data(
            {
                "title": "What is respect?",
                "slug": "what-is-respect",
                "summary": "",
                "estimated_minutes": 50,
                "body": streamfield(
                    [
                        (
                            "text",
                            rich_text("<p>Respect means treating people as equals.</p>", features=RICH_TEXT_FEATURES),
                        )
                    ]
                ),
            }
        )
        self.assertCanCreate(self.module, LessonPage, data)
        lesson = LessonPage.objects.get(slug="what-is-respect")
        assert lesson.get_parent().pk == self.module.pk
        assert [block.block_type for block in lesson.body] == ["text"]
        assert "Respect means treating people as equals." in lesson.body[0].value.source

    def test_lesson_cannot_be_added_under_a_programme_in_the_admin(self):
        url = reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", self.programme.pk))
        data = nested_form_data({"title": "Misplaced", "slug": "misplaced", "body": streamfield([])})
        data["action-publish"] = "publish"
        response = self.client.post(url, data)
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        assert not LessonPage.objects.filter(slug="misplaced").exists()


# --- The sensitive-topic rule in the admin -------------------------------------------------------


@pytest.fixture
def admin_client(db, django_user_model):
    """Logged-in superuser; a crash comes back as a 500 instead of being raised."""
    user = enable_mfa(django_user_model.objects.create_superuser("admin@example.org", "pw-long-enough-123"))
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def add_module_url(programme) -> str:
    return reverse("wagtailadmin_pages:add", args=("courses", "modulepage", programme.pk))


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "draft"])
def test_admin_rejects_a_self_paced_module_flagged_sensitive(admin_client, programme, publish):
    data = module_form(is_sensitive="on", delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED)
    if publish:
        data["action-publish"] = "publish"
    response = admin_client.post(add_module_url(programme), data)
    assert response.status_code == 200
    assert SENSITIVE_MESSAGE in response.content.decode()
    assert "delivery_mode" in response.context["form"].errors
    assert not ModulePage.objects.exists()


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "draft"])
def test_admin_rejects_a_self_paced_module_with_a_sensitive_topic(admin_client, programme, publish):
    consent = RSHETopic.objects.get(slug="consent")
    data = module_form(delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED, rshe_topics=[consent.pk])
    if publish:
        data["action-publish"] = "publish"
    response = admin_client.post(add_module_url(programme), data)
    assert not ModulePage.objects.exists()
    assert response.status_code == 200
    assert SENSITIVE_MESSAGE in response.content.decode()


def test_admin_never_publishes_a_self_paced_module_with_a_sensitive_topic(admin_client, programme):
    """Publishing is refused too, not only saving a draft."""
    consent = RSHETopic.objects.get(slug="consent")
    data = module_form(delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED, rshe_topics=[consent.pk])
    data["action-publish"] = "publish"
    response = admin_client.post(add_module_url(programme), data)
    assert response.status_code != 302
    assert not ModulePage.objects.exists()


def test_admin_accepts_a_self_paced_module_on_a_non_sensitive_topic(admin_client, programme):
    topic = RSHETopic.objects.get(slug="healthy-relationships")
    data = module_form(delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED, rshe_topics=[topic.pk])
    data["action-publish"] = "publish"
    response = admin_client.post(add_module_url(programme), data)
    assert response.status_code == 302
    module = ModulePage.objects.get(slug="healthy-friendships")
    assert module.live
    assert module.allows_self_paced
    assert not module.teacher_led_only
    assert list(module.rshe_topics.all()) == [topic]


def test_admin_accepts_a_sensitive_module_that_is_teacher_led(admin_client, programme):
    consent = RSHETopic.objects.get(slug="consent")
    data = module_form(is_sensitive="on", rshe_topics=[consent.pk])
    data["action-publish"] = "publish"
    response = admin_client.post(add_module_url(programme), data)
    assert response.status_code == 302
    module = ModulePage.objects.get(slug="healthy-friendships")
    assert module.teacher_led_only
    assert module.delivery_mode == DeliveryMode.TEACHER_LED


def test_admin_rejects_making_a_module_with_a_saved_sensitive_topic_self_paced(admin_client, programme):
    module = ModulePageFactory(parent=programme, slug="consent-module")
    consent = RSHETopic.objects.get(slug="consent")
    module.rshe_topics.set([consent])
    module.save()
    data = module_form(
        slug="consent-module", delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED, rshe_topics=[consent.pk]
    )
    data["action-publish"] = "publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(module.pk,)), data)
    assert response.status_code == 200
    assert SENSITIVE_MESSAGE in response.content.decode()
    module.refresh_from_db()
    assert module.delivery_mode == DeliveryMode.TEACHER_LED


def test_admin_rejects_adding_a_sensitive_topic_to_a_self_paced_module(admin_client, programme):
    module = ModulePageFactory(
        parent=programme, slug="friendships", delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED
    )
    consent = RSHETopic.objects.get(slug="consent")
    data = module_form(
        slug="friendships", delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED, rshe_topics=[consent.pk]
    )
    data["action-publish"] = "publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(module.pk,)), data)
    module.refresh_from_db()
    assert list(module.rshe_topics.all()) == []
    assert response.status_code == 200
    assert SENSITIVE_MESSAGE in response.content.decode()


def test_admin_accepts_removing_a_sensitive_topic_while_making_a_module_self_paced(admin_client, programme):
    module = ModulePageFactory(parent=programme, slug="friendships")
    module.rshe_topics.set([RSHETopic.objects.get(slug="consent")])
    module.save()
    topic = RSHETopic.objects.get(slug="healthy-relationships")
    data = module_form(slug="friendships", delivery_mode=DeliveryMode.TEACHER_LED_OR_SELF_PACED, rshe_topics=[topic.pk])
    data["action-publish"] = "publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(module.pk,)), data)
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.allows_self_paced
    assert list(module.rshe_topics.all()) == [topic]


# --- Model rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("min_year", "max_year", "key_stages"),
    [
        (7, 9, ["KS3"]),
        (9, 11, ["KS3", "KS4"]),
        (10, 11, ["KS4"]),
        (12, 13, ["KS5"]),
        (7, 13, ["KS3", "KS4", "KS5"]),
        (11, 12, ["KS4", "KS5"]),
    ],
)
def test_module_key_stages_follow_its_year_groups(min_year, max_year, key_stages):
    assert ModulePage(min_year=min_year, max_year=max_year).key_stages == key_stages


def test_module_whose_first_year_is_after_its_last_fails_clean(programme):
    module = ModulePageFactory(parent=programme, min_year=8, max_year=10)
    module.min_year, module.max_year = 11, 9
    with pytest.raises(ValidationError) as excinfo:
        module.clean()
    assert "max_year" in excinfo.value.message_dict
    assert "must not be before the first" in " ".join(excinfo.value.message_dict["max_year"])


def test_module_for_a_single_year_passes_clean(programme):
    module = ModulePageFactory(parent=programme, min_year=9, max_year=9)
    module.clean()
    assert module.key_stages == ["KS3"]


def test_module_with_a_saved_sensitive_topic_cannot_be_self_paced(programme):
    module = ModulePageFactory(parent=programme)
    module.rshe_topics.set([RSHETopic.objects.get(slug="consent")])
    module.save()
    assert module.teacher_led_only
    module.delivery_mode = DeliveryMode.TEACHER_LED_OR_SELF_PACED
    with pytest.raises(ValidationError) as excinfo:
        module.clean()
    assert "delivery_mode" in excinfo.value.message_dict


def test_overdue_for_review_returns_only_modules_past_their_review_date(programme):
    today = date.today()
    overdue = ModulePageFactory(parent=programme, review_by=today - timedelta(days=1))
    long_overdue = ModulePageFactory(parent=programme, review_by=today - timedelta(days=400))
    due_today = ModulePageFactory(parent=programme, review_by=today)
    not_due = ModulePageFactory(parent=programme, review_by=today + timedelta(days=30))

    assert set(ModulePage.objects.overdue_for_review()) == {overdue, long_overdue}
    assert overdue.is_overdue_for_review
    assert not due_today.is_overdue_for_review
    assert not not_due.is_overdue_for_review


def test_overdue_for_review_takes_the_date_to_compare_with(programme):
    today = date.today()
    module = ModulePageFactory(parent=programme, review_by=today + timedelta(days=30))
    assert not ModulePage.objects.overdue_for_review(today=today).exists()
    assert list(ModulePage.objects.overdue_for_review(today=today + timedelta(days=31))) == [module]
