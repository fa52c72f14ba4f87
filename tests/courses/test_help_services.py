"""Help services record who they are for; pupils' screens list only those for every pupil's age."""

import json

import pytest
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import HelpServiceBlock
from courses.demo_content import services
from courses.help_services import age_range_label, ages_of_year_groups, for_pupils_aged, left_off_pupil_screens
from tests.classroom.teaching_world import make_world
from tests.factories import LessonPageFactory, ModulePageFactory, help_service

pytestmark = pytest.mark.django_db


def test_year_groups_give_the_youngest_and_oldest_pupils():
    assert ages_of_year_groups(7) == (11, 12)
    assert ages_of_year_groups(8, 11) == (12, 16)
    assert ages_of_year_groups(12, 13) == (16, 18)


@pytest.mark.parametrize(
    "service, ages, shown",
    [
        (services.RAPE_CRISIS, (15, 16), False),
        (services.RAPE_CRISIS, (16, 18), True),
        (services.SHORE, (12, 13), False),
        (services.SHORE, (13, 16), True),
        (services.CHILDLINE_ABOUT_ANYTHING, (16, 18), True),
        (services.RESPECT_PHONELINE_PARTNER, (16, 18), False),
        (services.NSPCC, (11, 12), False),
        (services.MENS_ADVICE_LINE, (14, 16), True),
    ],
)
def test_who_each_service_is_shown_to(service, ages, shown):
    assert for_pupils_aged(service, *ages) is shown


def test_age_labels():
    assert age_range_label(services.RAPE_CRISIS) == "Ages 16 and over"
    assert age_range_label(services.SHORE) == "Ages 13 to 18"
    assert age_range_label(services.CHILDLINE_ABOUT_ANYTHING) == "Under 19s"
    assert age_range_label(services.GALOP) == ""


def test_the_domestic_abuse_helpline_is_described_as_refuges_service_for_women():
    for service in (
        services.DOMESTIC_ABUSE_HELPLINE_ADVICE,
        services.DOMESTIC_ABUSE_HELPLINE_PARTNER_OR_FAMILY,
        services.DOMESTIC_ABUSE_HELPLINE_CONFIDENTIAL,
    ):
        assert "Refuge" in service["description"] and "women" in service["description"]
        assert "anyone experiencing" not in service["description"]
        assert service["gender"] == "women_girls"


def test_every_demo_service_records_who_it_is_for_and_when_to_check_it():
    block = HelpServiceBlock()
    every = [
        v for name, v in vars(services).items() if name.isupper() and not name.startswith("_") and isinstance(v, dict)
    ]
    assert len(every) > 40
    for service in every:
        block.clean(block.to_python(service))  # passes the editor's checks, review-by date included
        assert service["review_by"] and service["source"], service["name"]
    assert services.MENS_ADVICE_LINE["phone"] == "0808 801 0327"
    assert services.GALOP["phone"] == "0800 999 5428"


def test_an_editor_must_give_a_review_date_and_sensible_ages():
    block = HelpServiceBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python(help_service(review_by=None, min_age=16, max_age=12)))
    assert set(raised.value.block_errors) == {"review_by", "max_age"}


def test_a_lesson_help_slide_leaves_off_what_is_not_for_every_pupil_and_the_teacher_is_told(client, programme):
    world = make_world(programme, sensitive=False, with_dsl=True)
    world.lesson.body = json.dumps(
        [
            {
                "type": "signposting",
                "value": {
                    "heading": "Where to get help",
                    "intro": "",
                    "services": [help_service(), dict(services.RAPE_CRISIS), dict(services.RESPECT_PHONELINE_PARTNER)],
                },
            }
        ]
    )
    world.lesson.save_revision().publish()
    slide = world.lesson.slides(for_pupils=True)[-1]
    names = [service["name"] for service in slide.bound_block.value["services"]]
    assert names == ["Childline"], "module years 8 to 10: Rape Crisis (16+) and an adults-only line left off"

    left = left_off_pupil_screens(world.lesson.help_services(), *world.lesson.pupil_ages())
    assert [(item.service["name"], item.reason.split(":")[0]) for item in left] == [
        ("Rape and Sexual Abuse Support Line (Rape Crisis)", "Ages 16 and over"),
        ("Respect Phoneline", "For adults only"),
    ]
    client.force_login(world.teacher)
    url = reverse("classroom:teach_lesson", args=[world.klass.pk, world.assignment.pk, world.lesson.pk])
    html = client.get(url).content.decode()
    assert "Help services not shown to pupils" in html and "Respect Phoneline" in html and "For adults only" in html


def test_an_older_module_shows_sixteen_plus_services(programme):
    module = ModulePageFactory(parent=programme, min_year=12, max_year=13)
    lesson = LessonPageFactory(
        parent=module,
        body=json.dumps(
            [
                {
                    "type": "signposting",
                    "value": {"heading": "Help", "intro": "", "services": [dict(services.RAPE_CRISIS)]},
                }
            ]
        ),
    )
    names = [service["name"] for service in lesson.slides()[-1].bound_block.value["services"]]
    assert names == ["Rape and Sexual Abuse Support Line (Rape Crisis)"]
