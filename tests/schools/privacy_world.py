"""A school whose pupils have done everything that leaves a record: lessons, a quiz, a survey with
free text, a lesson activity, a live lesson's register and an anonymous question."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from classroom.models import Attendance, LiveSession
from classroom.services.questions import ask_question
from courses.models import ModulePage
from courses.versioning import record_version
from learning.models import ActivityAnswer
from learning.services.lessons import complete_lesson
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import submit_survey_response
from schools.models import Assignment
from tests.factories import (
    LessonPageFactory,
    ModulePageFactory,
    QuizFactory,
    SchoolFactory,
    SurveyFactory,
    likert,
    pupil,
    school_class,
    single_choice,
    staff,
    stream,
)

FREE_TEXT = "Someone in my street keeps messaging me"
QUESTION = "What should you do if a friend shares a photo of someone?"


@dataclass
class PrivacyWorld:
    school: object
    lead: object
    teacher: object
    klass: object
    assignment: object
    lessons: list
    quiz_version: object
    survey_version: object
    session: object
    pupils: dict = field(default_factory=dict)
    codes: dict = field(default_factory=dict)


def free_text(key: str) -> tuple[str, dict]:
    return ("free_text", {"key": key, "prompt": "Anything else?", "optional": True})


def build_world(programme, *, school=None) -> PrivacyWorld:
    """Class 9R of a school, taught one module; no pupil has done anything yet."""
    quiz = QuizFactory(questions=stream([single_choice("q1", correct=0), single_choice("q2", correct=1)]))
    survey = SurveyFactory(questions=stream([likert("a1"), likert("a2", reverse=True), free_text("f1")]))
    module = ModulePageFactory(parent=programme, knowledge_quiz=quiz)
    ModulePage.objects.filter(pk=module.pk).update(attitude_survey=survey)
    module.attitude_survey = survey
    lessons = [LessonPageFactory(parent=module), LessonPageFactory(parent=module)]
    school = school or SchoolFactory(name="Hollowbrook Academy")
    lead = staff(school, "school_lead")
    teacher = staff(school, "teacher")
    klass = school_class(school, teacher, name="9R")
    assignment = Assignment.objects.create(school_class=klass, module=module, opens_on=timezone.localdate())
    session = LiveSession.objects.create(
        school_class=klass, assignment=assignment, lesson=lessons[0], teacher=teacher, ended_at=timezone.now()
    )
    return PrivacyWorld(
        school=school,
        lead=lead,
        teacher=teacher,
        klass=klass,
        assignment=assignment,
        lessons=lessons,
        quiz_version=record_version(instrument=quiz),
        survey_version=record_version(instrument=survey),
        session=session,
    )


def add_pupil(world: PrivacyWorld, first_name: str, last_name: str, *, active: bool = True, **fields):
    """A pupil of 9R; ``active`` pupils do one of everything."""
    made, code = pupil(world.klass, first_name, last_name, **fields)
    world.pupils[first_name], world.codes[first_name] = made, code
    if active:
        take_part(world, made)
    return made


def take_part(world: PrivacyWorld, who) -> None:
    submit_survey_response(
        pupil=who,
        assignment=world.assignment,
        version=world.survey_version,
        answers={"a1": "4", "a2": "2", "f1": FREE_TEXT},
        key=uuid.uuid4(),
        wave="pre",
    )
    for lesson in world.lessons:
        complete_lesson(pupil=who, assignment=world.assignment, lesson=lesson)
    submit_quiz_attempt(
        pupil=who,
        assignment=world.assignment,
        version=world.quiz_version,
        answers={"q1": ["a"], "q2": ["b"]},
        key=uuid.uuid4(),
    )
    ActivityAnswer.objects.create(
        pupil=who, assignment=world.assignment, lesson=world.lessons[0], block_id="b1", kind="scenario", choice=1
    )
    Attendance.objects.create(session=world.session, pupil=who, joined_at=timezone.now())
    ask_question(pupil=who, school_class=world.klass, text=QUESTION)


def rows_mentioning(*words: str) -> dict[str, int]:
    """How many rows of every model hold any of ``words`` in a text or JSON column, by model label."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [
            f.name
            for f in model._meta.concrete_fields
            if f.get_internal_type() in {"CharField", "TextField", "JSONField", "SlugField"}
        ]
        if not columns:
            continue
        casts = {f"_text_{name}": Cast(name, TextField()) for name in columns}
        match = Q()
        for alias in casts:
            for word in words:
                match |= Q(**{f"{alias}__icontains": word})
        count = model._default_manager.annotate(**casts).filter(match).count()
        if count:
            found[model._meta.label] = count
    return found
