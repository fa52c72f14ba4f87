"""Reading a quiz submission from a plain HTML form, and laying a quiz out for one.

The answers are read as they were posted, not through Django choice fields: a value that
is not a choice of the version must reach the scorer, which rejects the whole submission
(tampering), instead of being quietly dropped as a field error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.http import QueryDict

from courses.instrument_cache import quiz_version
from courses.models import Quiz, QuizVersion
from learning.scoring import SINGLE_ANSWER_TYPES

ANSWER_PREFIX = "answer-"
STALE_QUIZ = "This quiz has changed since you opened it. Please answer it again."
BROKEN_FORM = "Something went wrong sending your answers. Please answer the quiz again."
# The second button under a quiz with unanswered questions: send it as it is.
SEND_WITH_BLANKS = "blanks"


def field_name(question_key: str) -> str:
    return f"{ANSWER_PREFIX}{question_key}"


class QuizSubmissionForm(forms.Form):
    """The hidden fields of a quiz form: which version was shown, and the submission's key."""

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": BROKEN_FORM})
    key = forms.UUIDField(widget=forms.HiddenInput, error_messages={"required": BROKEN_FORM, "invalid": BROKEN_FORM})

    def __init__(self, *args, quiz: Quiz, **kwargs):
        super().__init__(*args, **kwargs)
        self.quiz = quiz

    def clean_version(self) -> QuizVersion:
        version = quiz_version(self.quiz, self.cleaned_data["version"])
        if version is None:
            raise forms.ValidationError(STALE_QUIZ)
        return version

    @property
    def blanks_confirmed(self) -> bool:
        """The pupil was told which questions have no answer and chose to send the quiz anyway."""
        return self.data.get(SEND_WITH_BLANKS) == "send"

    def answers(self) -> dict[str, list[str]]:
        """Question key -> the choice keys posted for it, every posted answer field included."""
        data: QueryDict = self.data  # type: ignore[assignment]  # always bound to request.POST
        return {
            name.removeprefix(ANSWER_PREFIX): [value for value in data.getlist(name) if value]
            for name in data
            if name.startswith(ANSWER_PREFIX)
        }


@dataclass
class ChoiceRow:
    key: str
    text: str
    input_id: str
    selected: bool = False
    correct: bool = False


@dataclass
class QuestionRow:
    number: int
    key: str
    text: str
    name: str
    multiple: bool
    choices: list[ChoiceRow] = field(default_factory=list)
    feedback: str = ""
    answered_correctly: bool = False
    unanswered: bool = False

    @property
    def error_id(self) -> str:
        return f"{self.name}-error"

    @property
    def chosen(self) -> list[ChoiceRow]:
        return [choice for choice in self.choices if choice.selected]

    @property
    def right(self) -> list[ChoiceRow]:
        return [choice for choice in self.choices if choice.correct]


def question_rows(definition: dict, selected: dict[str, list[str]] | None = None) -> list[QuestionRow]:
    """The questions of a version, ready for a template, with the pupil's choices marked."""
    selected = selected or {}
    rows = []
    for number, question in enumerate(definition["questions"], start=1):
        chosen = set(selected.get(question["key"], []))
        right = {choice["key"] for choice in question["choices"] if choice["correct"]}
        rows.append(
            QuestionRow(
                number=number,
                key=question["key"],
                text=question["text"],
                name=field_name(question["key"]),
                multiple=question["type"] not in SINGLE_ANSWER_TYPES,
                feedback=question.get("feedback", ""),
                answered_correctly=bool(chosen) and chosen == right,
                choices=[
                    ChoiceRow(
                        key=choice["key"],
                        text=choice["text"],
                        input_id=f"q{number}-{choice['key']}",
                        selected=choice["key"] in chosen,
                        correct=choice["correct"],
                    )
                    for choice in question["choices"]
                ],
            )
        )
    return rows


@dataclass(frozen=True)
class Problem:
    """One line of an error summary: what is wrong, and a link to where to put it right."""

    text: str
    href: str

    def __str__(self) -> str:
        return self.text


def unanswered(rows: list[QuestionRow]) -> list[Problem]:
    """Mark the questions without an answer, and list them for the error summary (first input of each)."""
    problems = []
    for row in rows:
        row.unanswered = not row.chosen
        if row.unanswered:
            problems.append(Problem(f"Question {row.number} has no answer", f"#{row.choices[0].input_id}"))
    return problems


def held_for_blanks(form: QuizSubmissionForm, answers: dict[str, list[str]]) -> bool:
    """Whether to show the quiz again, storing nothing, because some questions have no answer.

    A pupil may leave questions blank once they have seen which ones and confirmed; a quiz
    with no answer at all is never sent (the scorer rejects it with its own message).
    """
    if form.blanks_confirmed or not form.is_valid():
        return False
    questions = form.cleaned_data["version"].definition["questions"]
    blank = sum(1 for question in questions if not answers.get(question["key"]))
    return 0 < blank < len(questions)
