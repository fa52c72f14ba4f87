"""Item analysis of a class's quiz: how each question went, weakest first.

Counts first attempts of the post wave only (the ones that count for evaluation),
by pupils now in the class. Two queries: the answer rows, and the quiz versions
they were given. Survey answers are never analysed item by item for teachers
(``learning.survey_summary`` adds them up; ``learning.sensitive_items`` keeps some out).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from courses.models import QuizVersion
from learning.models import QuizAnswer, Wave
from schools.models import Assignment, SchoolClass

from .grid import current_pupils

NO_ANSWER = "No answer"


@dataclass
class QuestionStats:
    key: str
    text: str
    version_number: int
    position: int
    answered: int = 0
    correct: int = 0
    skipped: int = 0
    wrong_answers: Counter = field(default_factory=Counter)

    @property
    def percent_correct(self) -> int | None:
        """Share of the pupils who answered the question that got it right, as a whole percentage."""
        return round(100 * self.correct / self.answered) if self.answered else None

    @property
    def top_wrong_answer(self) -> tuple[str, int] | None:
        """The wrong answer given most often, and how many gave it (ties: the first met)."""
        common = self.wrong_answers.most_common(1)
        return common[0] if common else None


def _choice_text(question: dict, selected: list[str]) -> str:
    texts = {choice["key"]: choice["text"] for choice in question["choices"]}
    return " and ".join(texts.get(key, key) for key in selected)


def analyse_items(*, assignment: Assignment, school_class: SchoolClass) -> list[QuestionStats]:
    """One QuestionStats per question of each quiz version the class answered, weakest first.

    A question counts as answered when at least one choice was picked; unanswered
    ones are counted apart (``skipped``). Share correct = right / answered. When
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
    questions: dict[tuple[int, str], dict] = {}
    for version in versions.values():
        for position, question in enumerate(version.definition["questions"]):
            questions[version.pk, question["key"]] = question
            stats[version.pk, question["key"]] = QuestionStats(
                key=question["key"], text=question["text"], version_number=version.number, position=position
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
        else:
            item.wrong_answers[_choice_text(questions[version_id, key], selected)] += 1
    return sorted(
        stats.values(),
        key=lambda item: (
            item.answered == 0,
            item.correct / item.answered if item.answered else 0,
            item.version_number,
            item.position,
        ),
    )
