"""Ground rules, hidden slides, the before-you-teach checklist and whether a lesson can start."""

import pytest

from classroom.models import ClassGroundRules, HiddenSlide, TeachingChecklist
from classroom.services.delivery import (
    CHECKLIST_NOT_DONE,
    NO_SAFEGUARDING_LEAD,
    NOT_ASSIGNED,
    NOT_YOUR_CLASS,
    SlideNotOptionalError,
    can_start_lesson,
    ground_rules_for,
    plan_lesson,
    record_checklist,
    reset_ground_rules,
    save_ground_rules,
    set_slide_hidden,
    shown_slides,
)
from courses.ground_rules import DEFAULT_GROUND_RULES
from courses.models import RSHETopic
from schools.services.classes import archive_class
from tests.classroom.teaching_world import GROUND_NOTE, TEXT_NOTE, give_safeguarding_lead, make_world
from tests.factories import LessonPageFactory, ModulePageFactory, school_class

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme):
    return make_world(programme)


def _slide(plan, block_type):
    return next(item for item in plan if item.block_type == block_type)


def _tick_all(world, teacher=None):
    return record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=teacher or world.teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )


# --- Ground rules ---------------------------------------------------------------------------------


def test_class_without_saved_rules_gets_the_defaults(world):
    assert ground_rules_for(school_class=world.klass) == list(DEFAULT_GROUND_RULES)


def test_saved_rules_are_trimmed_and_replace_the_defaults(world):
    save_ground_rules(school_class=world.klass, rules=["  We listen.  ", "", "You can   pass."], user=world.teacher)
    assert ground_rules_for(school_class=world.klass) == ["We listen.", "You can pass."]
    saved = ClassGroundRules.objects.get(school_class=world.klass)
    assert saved.updated_by == world.teacher
    save_ground_rules(school_class=world.klass, rules=["Only this one."], user=world.lead)
    assert ClassGroundRules.objects.count() == 1
    assert ground_rules_for(school_class=world.klass) == ["Only this one."]


@pytest.mark.parametrize(
    "rules",
    [[], ["", "   "], ["x" * 201], [f"Rule {n}" for n in range(11)]],
    ids=["none", "only-blank", "too-long", "too-many"],
)
def test_bad_rules_are_refused(world, rules):
    with pytest.raises(ValueError):
        save_ground_rules(school_class=world.klass, rules=rules, user=world.teacher)
    assert not ClassGroundRules.objects.exists()


def test_reset_goes_back_to_the_defaults(world):
    save_ground_rules(school_class=world.klass, rules=["Ours."], user=world.teacher)
    reset_ground_rules(school_class=world.klass)
    assert ground_rules_for(school_class=world.klass) == list(DEFAULT_GROUND_RULES)


def test_one_class_rules_do_not_change_another(world):
    other = school_class(world.school, world.teacher, name="9S")
    save_ground_rules(school_class=world.klass, rules=["Ours."], user=world.teacher)
    assert ground_rules_for(school_class=other) == list(DEFAULT_GROUND_RULES)


# --- The plan: notes, timings and optional slides --------------------------------------------------


def test_teacher_notes_belong_to_the_slide_before_them(world):
    plan = plan_lesson(school_class=world.klass, lesson=world.lesson)
    assert [item.block_type for item in plan] == [
        "ground_rules",
        "text",
        "key_message",
        "knowledge_check",
        "discussion",
        "signposting",
    ]
    assert GROUND_NOTE in _slide(plan, "ground_rules").notes[0].value["notes"].source
    assert TEXT_NOTE in _slide(plan, "text").notes[0].value["notes"].source
    assert _slide(plan, "key_message").notes == []


def test_planned_minutes_use_the_notes_and_share_the_rest(world):
    plan = plan_lesson(school_class=world.klass, lesson=world.lesson)
    # 5 and 10 minutes from the notes; the other four slides share the remaining 35.
    assert [item.planned_minutes for item in plan] == [5, 10, 8.75, 8.75, 8.75, 8.75]
    assert plan[-1].planned_by_end == 50
    assert [item.number for item in plan] == [1, 2, 3, 4, 5, 6]


def test_only_content_slides_are_optional(world):
    plan = plan_lesson(school_class=world.klass, lesson=world.lesson)
    optional = {item.block_type for item in plan if item.optional}
    assert optional == {"text", "key_message", "discussion"}


# --- Hiding slides ---------------------------------------------------------------------------------


def test_hidden_slide_is_skipped_and_the_rest_renumbered(world):
    text_id = _slide(plan_lesson(school_class=world.klass, lesson=world.lesson), "text").id
    set_slide_hidden(school_class=world.klass, lesson=world.lesson, block_id=text_id, hidden=True, user=world.teacher)
    plan = plan_lesson(school_class=world.klass, lesson=world.lesson)
    shown = shown_slides(plan)
    assert "text" not in [item.block_type for item in shown]
    assert [item.number for item in shown] == [1, 2, 3, 4, 5]
    assert shown[-1].planned_by_end == 50, "the hidden slide's time goes to the others"
    assert _slide(plan, "text").hidden


def test_hiding_twice_keeps_one_row_and_showing_removes_it(world):
    text_id = _slide(plan_lesson(school_class=world.klass, lesson=world.lesson), "text").id
    for _ in range(2):
        set_slide_hidden(
            school_class=world.klass, lesson=world.lesson, block_id=text_id, hidden=True, user=world.teacher
        )
    assert HiddenSlide.objects.count() == 1
    set_slide_hidden(school_class=world.klass, lesson=world.lesson, block_id=text_id, hidden=False, user=world.teacher)
    assert not HiddenSlide.objects.exists()


@pytest.mark.parametrize("block_type", ["ground_rules", "knowledge_check", "signposting"])
def test_required_slides_cannot_be_hidden(world, block_type):
    block_id = _slide(plan_lesson(school_class=world.klass, lesson=world.lesson), block_type).id
    with pytest.raises(SlideNotOptionalError):
        set_slide_hidden(
            school_class=world.klass, lesson=world.lesson, block_id=block_id, hidden=True, user=world.teacher
        )
    assert not HiddenSlide.objects.exists()


def test_unknown_slide_cannot_be_hidden(world):
    with pytest.raises(SlideNotOptionalError):
        set_slide_hidden(
            school_class=world.klass, lesson=world.lesson, block_id="not-a-block", hidden=True, user=world.teacher
        )


def test_hidden_slides_are_per_class(world):
    other = school_class(world.school, world.teacher, name="9S")
    text_id = _slide(plan_lesson(school_class=world.klass, lesson=world.lesson), "text").id
    set_slide_hidden(school_class=world.klass, lesson=world.lesson, block_id=text_id, hidden=True, user=world.teacher)
    assert "text" in [item.block_type for item in shown_slides(plan_lesson(school_class=other, lesson=world.lesson))]


# --- Checklist and starting ------------------------------------------------------------------------


def test_checklist_is_complete_only_when_every_item_is_ticked(world):
    checklist = record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=world.teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=False,
    )
    assert checklist.completed_at is None
    checklist = _tick_all(world)
    assert checklist.completed_at is not None and checklist.teacher == world.teacher
    checklist = record_checklist(
        school_class=world.klass,
        lesson=world.lesson,
        teacher=world.teacher,
        dsl_told=False,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    assert checklist.completed_at is None
    assert TeachingChecklist.objects.count() == 1


def test_sensitive_lesson_cannot_start_without_a_safeguarding_lead(world):
    _tick_all(world)
    assert can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher) == (
        False,
        [NO_SAFEGUARDING_LEAD],
    )


def test_sensitive_lesson_cannot_start_without_the_checklist(world):
    give_safeguarding_lead(world.school)
    world.klass.school.refresh_from_db()
    assert can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher) == (
        False,
        [CHECKLIST_NOT_DONE],
    )


def test_sensitive_lesson_gives_every_reason_at_once(world):
    ok, reasons = can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher)
    assert not ok and reasons == [NO_SAFEGUARDING_LEAD, CHECKLIST_NOT_DONE]


def test_sensitive_lesson_starts_with_a_lead_on_record_and_the_checklist_done(world):
    give_safeguarding_lead(world.school)
    world.klass.school.refresh_from_db()
    _tick_all(world)
    assert can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher) == (True, [])
    assert can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.lead) == (True, [])


def test_a_name_without_any_way_to_reach_them_is_not_enough(world):
    world.school.dsl_name = "Mrs Okafor"
    world.school.save()
    world.klass.school.refresh_from_db()
    _tick_all(world)
    ok, reasons = can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher)
    assert not ok and reasons == [NO_SAFEGUARDING_LEAD]


def test_sensitive_topic_makes_the_module_need_a_safeguarding_lead(programme):
    world = make_world(programme, sensitive=False)
    topic = RSHETopic.objects.create(name="Coercive control", slug="coercive-control", theme="safe", is_sensitive=True)
    world.module.rshe_topics.add(topic)
    world.module.save()
    _tick_all(world)
    ok, reasons = can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher)
    assert not ok and reasons == [NO_SAFEGUARDING_LEAD]


def test_other_modules_start_without_a_lead_or_checklist(programme):
    world = make_world(programme, sensitive=False)
    assert can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher) == (True, [])


def test_colleague_who_does_not_teach_the_class_cannot_start_it(programme):
    world = make_world(programme, sensitive=False)
    ok, reasons = can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.colleague)
    assert not ok and reasons == [NOT_YOUR_CLASS]


def test_archived_class_cannot_start_a_lesson(programme):
    world = make_world(programme, sensitive=False)
    archive_class(school_class=world.klass, actor=world.teacher)
    ok, reasons = can_start_lesson(school_class=world.klass, lesson=world.lesson, user=world.teacher)
    assert not ok and NOT_YOUR_CLASS in reasons


def test_lesson_of_a_module_not_assigned_to_the_class_cannot_start(world, programme):
    other_module = ModulePageFactory(parent=programme)
    other_lesson = LessonPageFactory(parent=other_module)
    ok, reasons = can_start_lesson(school_class=world.klass, lesson=other_lesson, user=world.teacher)
    assert not ok and reasons == [NOT_ASSIGNED]
