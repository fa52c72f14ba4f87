"""Load the demo programme: pages, quizzes, surveys and content staff.

Idempotent: anything that already exists (matched by slug, key or email) is
left exactly as it is, so running it twice changes nothing.
"""

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from courses.demo_content.services import PROGRAMME_SERVICES
from courses.models import (
    HomePage,
    InformationPage,
    LessonPage,
    ModulePage,
    ProgrammePage,
    Quiz,
    RSHETopic,
    Survey,
)
from courses.versioning import record_version

MODULES = (
    "healthy_relationships",
    "online_misogyny",
    "understanding_sexual_harassment",
    "coercive_control",
    "active_bystander",
    "friendships",
)
MODULE_FILES = {"understanding_sexual_harassment": "sexual_harassment"}
PROGRAMME_SLUG = "respectful-relationships"
ID_NAMESPACE = uuid.UUID("6d1f7c5e-1a57-4a43-9e7f-3a1c2b1e5d00")

# Demo staff: (email, password, first name, last name, group, superuser)
DEMO_STAFF = (
    ("editor@example.org", "demo-editor-2026", "Erin", "Editor", "Content editors", False),
    ("reviewer@example.org", "demo-reviewer-2026", "Ravi", "Reviewer", "Moderators", False),
    ("admin@example.org", "demo-admin-2026", "Ada", "Admin", None, True),
)

InstrumentT = TypeVar("InstrumentT", Quiz, Survey)

QUIZ_TYPES = {"single": "single_choice", "multiple": "multiple_choice", "true_false": "true_false"}


@dataclass
class DemoSummary:
    created: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.created.append(what)


def _id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(parts)))


def _stream(items, *parts: str) -> str:
    """Raw StreamField JSON with stable block ids."""
    return json.dumps(
        [{"type": kind, "value": value, "id": _id(*parts, str(i))} for i, (kind, value) in enumerate(items)]
    )


def module_data(name: str) -> dict:
    return import_module(f"courses.demo_content.{MODULE_FILES.get(name, name)}").MODULE


@transaction.atomic
def load_demo_content() -> DemoSummary:
    """Create the demo programme and content staff where they are missing."""
    summary = DemoSummary()
    _load_staff(summary)
    home = _load_home(summary)
    _load_information_pages(home, summary)
    programme = _load_programme(home, summary)
    for name in MODULES:
        _load_module(programme, module_data(name), summary)
    return summary


def _load_staff(summary: DemoSummary) -> None:
    user_model = get_user_model()
    for email, password, first, last, group_name, superuser in DEMO_STAFF:
        if user_model.objects.filter(email=email).exists():
            continue
        if superuser:
            user = user_model.objects.create_superuser(email, password, first_name=first, last_name=last)
        else:
            user = user_model.objects.create_user(email, password, first_name=first, last_name=last)
            user.groups.add(Group.objects.get(name=group_name))
        summary.add(f"user {email}")


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _load_home(summary: DemoSummary) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(
        title="Respect Online",
        slug="respect-online",
        strapline="Lessons for young people about respect, consent and healthy relationships, online and offline.",
        intro=(
            "<p>Respect Online is a prevention programme for secondary schools in Kent and Medway, "
            "funded by the Police and Crime Commissioner. It helps young people aged 11 to 18 "
            "understand healthy relationships and consent, recognise misogyny, harassment and "
            "controlling behaviour, and know how to help a friend and where to get help.</p>"
        ),
        for_schools=(
            "<p>Teachers teach each lesson in class, with slides for the projector, ground rules, "
            "scenarios about made-up characters and quick knowledge checks. Every module comes with "
            "guidance to read before you teach, SEND and EAL adaptations and a reminder to talk to "
            "your designated safeguarding lead.</p>"
            "<p>Pupils answer a short quiz and survey before and after each module, so the programme "
            "can show what has changed.</p>"
        ),
        for_families=(
            "<p>You can read every lesson, and every quiz and survey question, before your child is "
            "taught it: open a module and choose <b>for parents and carers</b>.</p>"
            "<p>If you are worried about a child, talk to their school or call the NSPCC helpline "
            "on 0808 800 5000. In an emergency, call 999.</p>"
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    # Replace Wagtail's placeholder welcome page with the real home page.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
    summary.add("home page")
    return home


INFORMATION_PAGES = (
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is, and how to tell us about a problem.",
        "<h2>Using this website</h2>"
        "<p>We want as many people as possible to be able to use this website. You should be able "
        "to change colours, contrast levels and fonts, zoom in up to 400% without the text "
        "spilling off the screen, and get around the website using just a keyboard or speech "
        "recognition software, or listen to it with a screen reader.</p>"
        "<h2>How we test this website</h2>"
        "<p>Every change is checked with automated accessibility tests (axe-core) in a real "
        "browser, at desktop and phone widths, and pages work without JavaScript. We aim to meet "
        "the Web Content Accessibility Guidelines version 2.2 to level AA.</p>"
        "<h2>Reporting problems</h2>"
        "<p>If you find a problem or need information in a different format, tell your school or "
        "the programme team. If you are not happy with our response, contact the Equality "
        "Advisory and Support Service (EASS).</p>",
    ),
    (
        "privacy",
        "Privacy notice",
        "What information we collect about pupils and staff, why, and your rights.",
        "<h2>Who we are</h2>"
        "<p>Respect Online is provided for the Police and Crime Commissioner for Kent. Schools "
        "decide which pupils take part.</p>"
        "<h2>What we collect</h2>"
        "<p>For pupils: a display name, class, year group, the lessons completed and answers to "
        "quizzes and surveys. Pupils do not give an email address or set a password. For staff: "
        "name, work email address and school.</p>"
        "<h2>Why</h2>"
        "<p>To deliver the lessons, to let teachers see progress, and to evaluate whether the "
        "programme works. Evaluation uses pseudonymised data only, and published figures never "
        "identify a child or a small group of children.</p>"
        "<h2>Your rights</h2>"
        "<p>Parents and carers can ask the school for a copy of their child's data, to correct it, "
        "or to have it deleted, and can withdraw their child from the evaluation.</p>",
    ),
    (
        "get-help",
        "Get help",
        "If something in a lesson has worried you, or you are worried about someone else.",
        "<p>You can always talk to an adult you trust, like a teacher, a parent or carer, or your "
        "school's designated safeguarding lead.</p>"
        "<h2>If you are in danger now</h2><p>Call <b>999</b>.</p>"
        "<h2>Free, private help</h2>"
        "<ul><li><b>Childline</b>: call 0800 1111, any time, or visit childline.org.uk.</li>"
        "<li><b>Shout</b>: text SHOUT to 85258, any time.</li>"
        "<li><b>The Mix</b> (under 25s): call 0808 808 4994 or visit themix.org.uk.</li>"
        "<li><b>Report Remove</b>: get a nude image of you taken down if you are under 18, through "
        "Childline.</li>"
        "<li><b>CEOP</b>: report online sexual abuse or grooming at ceop.police.uk.</li></ul>"
        "<h2>Leaving this website quickly</h2>"
        "<p>Use the <b>Quick exit</b> button at the top of every page, or press the Shift key "
        "three times. It opens a weather page and removes this page from your back button.</p>",
    ),
)


def _load_information_pages(home: HomePage, summary: DemoSummary) -> None:
    for slug, title, intro, body in INFORMATION_PAGES:
        if InformationPage.objects.child_of(home).filter(slug=slug).exists():
            continue
        _publish(
            home,
            InformationPage(title=title, slug=slug, summary=intro, body=body, last_reviewed=date(2026, 9, 1)),
        )
        summary.add(f"page {slug}")


HELP_SERVICES = PROGRAMME_SERVICES


def _load_programme(home: HomePage, summary: DemoSummary) -> ProgrammePage:
    programme = ProgrammePage.objects.child_of(home).filter(slug=PROGRAMME_SLUG).first()
    if programme is not None:
        return programme.specific
    programme = ProgrammePage(
        title="Respectful Relationships",
        slug=PROGRAMME_SLUG,
        summary=(
            "Six modules for Key Stages 3 and 4 on friendships, relationships, consent, "
            "harassment, control and standing up for others."
        ),
        intro=(
            "<p>Respectful Relationships is taught by teachers in class, one module at a time. "
            "Each module has two to four lessons of about 50 minutes, a short quiz, and a survey "
            "before and after so the programme can show what has changed.</p>"
            "<p>Modules on consent, image sharing, harassment and abuse are always taught by a "
            "teacher, never set as home learning.</p>"
        ),
        help_services=json.dumps(
            [
                {"type": "service", "value": service, "id": _id("help", str(i))}
                for i, service in enumerate(HELP_SERVICES)
            ]
        ),
    )
    _publish(home, programme)
    summary.add(f"programme {PROGRAMME_SLUG}")
    return programme


def _load_quiz(data: dict, summary: DemoSummary) -> Quiz:
    quiz = Quiz.objects.filter(key=data["key"]).first()
    if quiz is not None:
        return quiz
    questions = []
    for question in data["questions"]:
        value = {"key": question["key"], "text": question["text"], "feedback": question["feedback"]}
        if question["type"] == "true_false":
            value["answer"] = "true" if question["answer"] else "false"
        else:
            value["choices"] = [{"text": c["text"], "correct": bool(c["correct"])} for c in question["choices"]]
        questions.append((QUIZ_TYPES[question["type"]], value))
    quiz = Quiz(pass_mark=data.get("pass_mark", 70))
    return _save_instrument(quiz, data, questions, summary)


def _load_survey(data: dict, summary: DemoSummary) -> Survey:
    survey = Survey.objects.filter(key=data["key"]).first()
    if survey is not None:
        return survey
    items = [
        (
            "likert",
            {
                "key": item["key"],
                "text": item["text"],
                "minimum": item["min"],
                "maximum": item["max"],
                "labels": item.get("labels", []),
                "reverse_scored": bool(item.get("reverse")),
                "subscale": item["subscale"],
                "sensitive": bool(item.get("sensitive")),
            },
        )
        for item in data["items"]
    ]
    items += [
        (
            "free_text",
            {
                "key": item["key"],
                "prompt": item["prompt"],
                "optional": item.get("optional", True),
                "sensitive": bool(item.get("sensitive")),
            },
        )
        for item in data.get("free_text", [])
    ]
    return _save_instrument(Survey(), data, items, summary)


def _save_instrument(instrument: InstrumentT, data: dict, questions: list, summary: DemoSummary) -> InstrumentT:
    """Validate a new quiz or survey as the admin would, save it and record version 1."""
    instrument.key = data["key"]
    instrument.title = data["title"]
    instrument.intro = data.get("intro", "")
    instrument.questions = _stream(questions, str(instrument._meta.model_name), data["key"])
    instrument.full_clean()
    instrument.questions.stream_block.clean(instrument.questions)
    instrument.save()
    record_version(instrument=instrument)
    summary.add(f"{instrument._meta.verbose_name} {instrument.key}")
    return instrument


def _load_module(programme: ProgrammePage, data: dict, summary: DemoSummary) -> ModulePage:
    quiz = _load_quiz(data["quiz"], summary)
    survey = _load_survey(data["survey"], summary)
    module = ModulePage.objects.child_of(programme).filter(slug=data["slug"]).first()
    if module is None:
        module = ModulePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            min_year=data["min_year"],
            max_year=data["max_year"],
            estimated_minutes=data["estimated_minutes"],
            learning_outcomes=_stream([("outcome", o) for o in data["learning_outcomes"]], data["slug"], "lo"),
            content_warning=data["content_warning"],
            is_sensitive=data["is_sensitive"],
            delivery_mode=data["delivery_mode"],
            review_by=date.fromisoformat(data["review_by"]),
            teacher_overview=data["teacher_overview"],
            key_vocabulary=_stream(
                [("term", {"term": t, "definition": d}) for t, d in data["key_vocabulary"]], data["slug"], "kv"
            ),
            send_adaptations=data["send_adaptations"],
            eal_adaptations=data["eal_adaptations"],
            knowledge_quiz=quiz,
            attitude_survey=survey,
        )
        module.rshe_topics.set(RSHETopic.objects.filter(slug__in=data["rshe_topics"]))
        module.full_clean(exclude=["path", "depth", "url_path"])
        _publish(programme, module)
        summary.add(f"module {module.slug}")
    for lesson_data in data["lessons"]:
        if LessonPage.objects.child_of(module).filter(slug=lesson_data["slug"]).exists():
            continue
        lesson = LessonPage(
            title=lesson_data["title"],
            slug=lesson_data["slug"],
            summary=lesson_data.get("summary", ""),
            estimated_minutes=lesson_data.get("estimated_minutes", 50),
            content_warning=lesson_data.get("content_warning", ""),
            body=_stream(lesson_data["body"], data["slug"], lesson_data["slug"]),
        )
        # The admin validates every block; content loaded in code must meet the same rules.
        lesson.body.stream_block.clean(lesson.body)
        _publish(module, lesson)
        summary.add(f"lesson {lesson_data['slug']}")
    return module
