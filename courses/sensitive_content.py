"""Sensitivity from content: which sensitive RSHE topics a module covers, whatever its editor ticked.

Each sensitive topic (``courses.RSHETopic``) has a checked list of key terms. A module covers a
topic when it is tagged with it, or when its own text, its published lessons, its quiz or its
survey use one of the topic's terms. A module covering any sensitive topic is teacher-led only
and behind the safeguarding lead and checklist gate (``ModulePage.teacher_led_only``), so an
untagged mention can never make a sensitive module home learning; publishing one is refused in
the editor with the words and places found (``courses.forms``).

What is read: teaching text only. Ground rules and "where to get help" slides are left out
(they name help, they do not teach the topic), and so are links and identifiers. Nothing a
pupil writes is ever read here: this looks at published content, never at answers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from courses.content_cache import remembered

if TYPE_CHECKING:
    from courses.models import LessonPage, ModulePage, RSHETopic

# Lesson blocks that name help or set the tone rather than teach: never read for key terms.
UNREAD_BLOCKS = frozenset({"ground_rules", "signposting"})
# Keys of stored content that are identifiers, links or files, not words pupils read.
UNREAD_KEYS = frozenset({"id", "type", "key", "website", "url", "link", "image", "document", "subscale"})
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Source:
    """Some text of a module, and where it is, in the words an editor would use."""

    where: str
    text: str


@dataclass(frozen=True)
class Mention:
    """A sensitive topic's key term found in a module."""

    topic_id: int
    topic_name: str
    term: str
    where: str


@lru_cache(maxsize=256)
def term_pattern(term: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for a key term; spaces and hyphens match either."""
    prefix = term.endswith("*")
    words = re.split(r"[\s\-]+", term.rstrip("*"))
    body = r"[\s\-]+".join(re.escape(word).replace("'", "['\u2019]") for word in words)
    return re.compile(r"(?<![\w])" + body + (r"\w*" if prefix else r"(?![\w])"), re.IGNORECASE)


def _words(value: Any) -> Iterable[str]:
    """Every piece of readable text in stored content (a stream's raw data, a dict, a list or a string)."""
    if isinstance(value, str):
        yield html.unescape(TAG.sub(" ", value))
    elif isinstance(value, Mapping):
        if value.get("type") in UNREAD_BLOCKS:
            return
        for key, item in value.items():
            if key not in UNREAD_KEYS:
                yield from _words(item)
    elif isinstance(value, Iterable):
        for item in value:
            yield from _words(item)


def text_of(*values: Any) -> str:
    return " ".join(" ".join(_words(value)) for value in values if value)


def _raw(stream: Any) -> list:
    return list(getattr(stream, "raw_data", None) or [])


def module_own_sources(module: ModulePage) -> list[Source]:
    """The module page's own text, as it is on the instance (so an edit not yet saved is read)."""
    text = text_of(
        module.title,
        module.summary,
        module.content_warning,
        module.teacher_overview,
        _raw(module.learning_outcomes),
        _raw(module.key_vocabulary),
    )
    return [Source("the module page", text)]


def lesson_source(lesson: LessonPage) -> Source:
    text = text_of(lesson.title, lesson.summary, getattr(lesson, "content_warning", ""), _raw(lesson.body))
    return Source(f"lesson “{lesson.title}”", text)


def instrument_source(instrument: Any, label: str) -> Source:
    """A quiz's or survey's questions as pupils are given them (the newest version's wording)."""
    return Source(f"{label} “{instrument.title}”", text_of(instrument.title, instrument.intro, instrument.definition()))


def module_content_sources(module: ModulePage) -> list[Source]:
    """The module's published lessons, its quiz and its survey."""
    sources = [lesson_source(lesson) for lesson in module.lessons()] if module.pk else []
    if module.knowledge_quiz_id:
        sources.append(instrument_source(module.knowledge_quiz, "the quiz"))
    if module.attitude_survey_id:
        sources.append(instrument_source(module.attitude_survey, "the survey"))
    return sources


def sensitive_topics() -> list[RSHETopic]:
    """The sensitive topics and their key terms, kept until content (a topic included) next changes."""
    from courses.models import RSHETopic

    return remembered(("sensitive-topics",), lambda: list(RSHETopic.objects.sensitive().order_by("name")))


def find_mentions(sources: Iterable[Source], topics: Iterable[RSHETopic]) -> list[Mention]:
    """Each sensitive topic's key terms found in the sources: one mention per topic, term and place."""
    found: list[Mention] = []
    sources = list(sources)
    for topic in topics:
        for term in topic.terms:
            pattern = term_pattern(term)
            for source in sources:
                match = pattern.search(source.text)
                if match:
                    found.append(Mention(topic.pk, topic.name, match.group(0).lower(), source.where))
    return found


def _content_mentions(module: ModulePage) -> list[Mention]:
    """Mentions in the module's lessons, quiz and survey, kept until content next changes."""
    parts = ("sensitive-mentions", module.pk, module.knowledge_quiz_id, module.attitude_survey_id)
    if module.pk is None:
        return find_mentions(module_content_sources(module), sensitive_topics())
    return remembered(parts, lambda: find_mentions(module_content_sources(module), sensitive_topics()))


def module_mentions(module: ModulePage) -> list[Mention]:
    """Every sensitive key term the module uses: on its own page (as edited) and in its content."""
    return find_mentions(module_own_sources(module), sensitive_topics()) + _content_mentions(module)


def tagged_sensitive_topic_ids(module: ModulePage) -> set[int]:
    return {topic.pk for topic in module.rshe_topics.all() if topic.is_sensitive}


def covered_sensitive_topics(module: ModulePage) -> list[str]:
    """Names of the sensitive topics a module covers: tagged, or found in its content. Sorted."""
    names = {topic.name for topic in module.rshe_topics.all() if topic.is_sensitive}
    names.update(mention.topic_name for mention in module_mentions(module))
    return sorted(names)


def untagged_mentions(mentions: Iterable[Mention], tagged_ids: set[int]) -> list[Mention]:
    return [mention for mention in mentions if mention.topic_id not in tagged_ids]


def untagged_message(mentions: list[Mention], *, fix: str, refused: str = "published") -> str:
    """What an editor is told when content mentions a sensitive topic the module is not tagged with."""
    by_topic: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_topic.setdefault(mention.topic_name, []).append(mention)
    parts = []
    for name, found in sorted(by_topic.items()):
        places = "; ".join(f"“{m.term}” in {m.where}" for m in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        parts.append(f"{name} ({places}{more})")
    return (
        f"This cannot be {refused}: the content mentions sensitive topics the module is not tagged with: "
        + "; ".join(parts)
        + f". {fix} A module on a sensitive topic is taught in class only, after the safeguarding lead "
        "has been told and the before-you-teach checklist is ticked."
    )
