from datetime import date
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from courses.demo_data import MODULES, module_data
from courses.models import LessonPage, ModulePage, ProgrammePage, Quiz, QuizVersion, Survey, SurveyVersion
from courses.sensitive_content import module_mentions, tagged_sensitive_topic_ids, untagged_mentions
from schools.services.assignments import assign_module
from tests.factories import SchoolFactory, school_class, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_data", stdout=None)


def snapshot() -> dict:
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "quiz_versions": list(QuizVersion.objects.values_list("pk", "number", "definition")),
        "survey_versions": list(SurveyVersion.objects.values_list("pk", "number", "definition")),
        "lesson_bodies": list(LessonPage.objects.order_by("pk").values_list("body", flat=True)),
    }


def test_demo_builds_a_complete_programme(demo):
    programme = ProgrammePage.objects.get(slug="respectful-relationships")
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"
    modules = list(programme.modules())
    assert len(modules) >= 4
    for module in modules:
        lessons = list(module.lessons())
        assert 2 <= len(lessons) <= 4, module.title
        quiz = module.knowledge_quiz.current_version.definition["questions"]
        assert 6 <= len(quiz) <= 10, module.title
        items = [i for i in module.attitude_survey.current_version.definition["items"] if i["type"] == "likert"]
        assert 8 <= len(items) <= 12, module.title
        assert any(i["reverse"] for i in items) and not all(i["reverse"] for i in items)
        assert len({i["subscale"] for i in items}) == 2, module.title


def test_demo_sensitive_modules_are_teacher_led_only(demo):
    for module in ModulePage.objects.all():
        module.full_clean(exclude=["path", "depth", "url_path"])  # raises if a rule is broken
    assert ModulePage.objects.filter(delivery_mode="teacher_led_or_self_paced").exists()
    assert all(m.teacher_led_only for m in ModulePage.objects.filter(is_sensitive=True))


def test_demo_passes_the_publishing_rule_and_no_sensitive_module_can_be_self_paced(demo):
    """Every live demo module is tagged with each sensitive topic its content mentions, and only a
    module on no sensitive topic can be set as self-paced work."""
    school = SchoolFactory()
    teacher = staff(school)
    klass = school_class(school, teacher)
    self_paced = []
    for module in ModulePage.objects.live().specific():
        missing = untagged_mentions(module_mentions(module), tagged_sensitive_topic_ids(module))
        assert missing == [], module.title
        assign = partial(
            assign_module,
            classes=[klass],
            module=module,
            opens_on=date.today(),
            due_on=None,
            delivery="self_paced",
            include_surveys=True,
            actor=teacher,
        )
        if module.sensitive_topics:
            assert module.teacher_led_only and not module.can_be_self_paced
            with pytest.raises(ValidationError, match="covers a sensitive topic"):
                assign()
        else:
            assign()
            self_paced.append(module.slug)
    assert self_paced == ["friendships-and-disagreeing-well"]
    active_bystander = ModulePage.objects.get(slug="being-an-active-bystander")
    assert "Sharing nudes and semi-nudes" in active_bystander.sensitive_topics


def test_demo_content_passes_block_validation(demo):
    for name in MODULES:
        module = ModulePage.objects.get(slug=module_data(name)["slug"])
        for lesson in module.lessons():
            lesson.body.stream_block.clean(lesson.body)
            kinds = [child.block_type for child in lesson.body]
            assert kinds[0] == "ground_rules" and kinds[-1] == "signposting", lesson.title
    for instrument in [*Quiz.objects.all(), *Survey.objects.all()]:
        instrument.full_clean()
        instrument.questions.stream_block.clean(instrument.questions)


def test_running_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo_data")
    assert snapshot() == before


def test_demo_overdue_module_is_listed_for_review(demo):
    assert ModulePage.objects.overdue_for_review().filter(slug="coercive-control-and-recognising-abuse").exists()


PUBLIC_PATHS = [
    "/",
    "/respectful-relationships/",
    "/respectful-relationships/being-an-active-bystander/",
    "/respectful-relationships/being-an-active-bystander/what-is-a-bystander/",
    "/respectful-relationships/being-an-active-bystander/parents/",
    "/accessibility/",
    "/privacy/",
    "/get-help/",
]


def test_demo_public_pages_are_readable_without_login(client, demo):
    for path in PUBLIC_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b'class="govuk-skip-link"' in response.content


def test_home_page_and_readme_give_the_same_ages(client, demo):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    home = client.get("/").content.decode()
    assert "young people aged 11 to 18" in readme
    assert "young people aged 11 to 18" in home
    assert not re.search(r"aged 11 to 1[0-79]", home)
