"""Item analysis of a class's quiz: how each question went, weakest first.

Counts first attempts of the post wave only (the ones that count for evaluation),
by pupils now in the class. Two queries: the answer rows, and the quiz versions
they were given. Each option is reported with how often it was chosen beside
whether it is a right answer: for a choose-all question a pupil who picked one
right option and missed another is wrong, but the option they picked is not, so
no answer is ever labelled wrong by the company it kept. Survey answers are never analysed item by item for teachers
(``learning.survey_summary`` adds them up; ``learning.sensitive_items`` keeps some out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from courses.models import QuizVersion
from learning.models import QuizAnswer, Wave
from learning.scoring import SINGLE_ANSWER_TYPES
from schools.models import Assignment, SchoolClass

from .grid import current_pupils


@dataclass
class OptionStats:
    """One option of a question: whether it is a right answer, and how many of those who answered chose it."""

    key: str
    text: str
    correct: bool
    chosen: int = 0
    answered: int = 0

    @property
    def percent_chosen(self) -> int | None:
        return round(100 * self.chosen / self.answered) if self.answered else None


@dataclass
class QuestionStats:
    key: str
    text: str
    version_number: int
    position: int
    multiple: bool = False
    answered: int = 0
    correct: int = 0
    skipped: int = 0
    options: list[OptionStats] = field(default_factory=list)

    @property
    def percent_correct(self) -> int | None:
        """Share of the pupils who answered the question that got it right, as a whole percentage."""
        return round(100 * self.correct / self.answered) if self.answered else None


def analyse_items(*, assignment: Assignment, school_class: SchoolClass) -> list[QuestionStats]:
    """One QuestionStats per question of each quiz version the class answered, weakest first.

    A question counts as answered when at least one choice was picked; unanswered
    ones are counted apart (``skipped``). Share correct = right / answered; each
    option's share chosen = pupils who ticked it / answered (for a choose-all question
    these add up to more than 100 %). When
    the class answered several versions, the same question key appears once per
    version, because its wording or choices may differ.
    """
    rows = list(
        QuizAnswer.objects.filter(
            attempt__assignment=assignment,
            attempt__wave=Wave.POST,
            attempt__number=1,
            attempt__pupil__in=current_pupils(school_class).values("pk"),
        ).values_list("attempt__quiz_version_id", "question_key", "selected", "correct")
    )
    versions = {version.pk: version for version in QuizVersion.objects.filter(pk__in={row[0] for row in rows})}
    stats: dict[tuple[int, str], QuestionStats] = {}
    for version in versions.values():
        for position, question in enumerate(version.definition["questions"]):
            stats[version.pk, question["key"]] = QuestionStats(
                key=question["key"],
                text=question["text"],
                version_number=version.number,
                position=position,
                multiple=question["type"] not in SINGLE_ANSWER_TYPES,
                options=[
                    OptionStats(key=choice["key"], text=choice["text"], correct=choice["correct"])
                    for choice in question["choices"]
                ],
            )
    for version_id, key, selected, correct in rows:
        item = stats.get((version_id, key))
        if item is None:
            continue  # Not possible for a frozen version; never let one stray row break the page.
        if not selected:
            item.skipped += 1
            continue
        item.answered += 1
        if correct:
            item.correct += 1
        for option in item.options:
            option.chosen += option.key in selected
    for item in stats.values():
        for option in item.options:
            option.answered = item.answered
    return sorted(
        stats.values(),
        key=lambda item: (
            item.answered == 0,
            item.correct / item.answered if item.answered else 0,
            item.version_number,
            item.position,
        ),
    )
