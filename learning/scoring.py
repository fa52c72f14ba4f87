"""Scoring a quiz submission against the frozen definition of its version. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class SubmissionRejectedError(ValueError):
    """A submission that cannot be stored as it is. The message is safe to show the pupil."""


@dataclass(frozen=True)
class QuestionResult:
    key: str
    selected: list[str]
    correct: bool
    points: int
    feedback: str


@dataclass(frozen=True)
class QuizResult:
    questions: list[QuestionResult]
    score: int
    max_score: int
    passed: bool


SINGLE_ANSWER_TYPES = {"single_choice", "true_false"}
NOTHING_ANSWERED = "You have not answered any of the questions. Answer at least one before you send the quiz."


def score_quiz(definition: Mapping, answers: Mapping[str, Sequence[str]]) -> QuizResult:
    """Score answers (question key -> chosen choice keys) against a quiz version's definition.

    Rules: every question is worth its ``points`` (1). Single-choice and true/false questions
    take at most one choice. A multiple-choice question scores only when exactly the correct
    set is chosen: a partly right selection scores 0, so guessing every box never pays.
    Unanswered questions score 0, but a submission with no answer at all is not an attempt
    (a mis-tap must not become the try that counts) and is rejected. ``passed`` is
    score / max_score >= pass mark %.

    Answers to questions that are not in this version, unknown choices, or several choices
    for a single-answer question are tampering: the whole submission is rejected.
    """
    questions = {question["key"]: question for question in definition["questions"]}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise SubmissionRejectedError("This quiz has changed since you opened it. Please open it again.")
    if not any(choice for chosen in answers.values() for choice in chosen):
        raise SubmissionRejectedError(NOTHING_ANSWERED)
    results = []
    for key, question in questions.items():
        selected = sorted({str(choice) for choice in answers.get(key, [])})
        valid = {choice["key"] for choice in question["choices"]}
        if set(selected) - valid:
            raise SubmissionRejectedError("One of the answers is not a choice in this quiz. Please try again.")
        if question["type"] in SINGLE_ANSWER_TYPES and len(selected) > 1:
            raise SubmissionRejectedError("Choose only one answer for each of these questions.")
        right = {choice["key"] for choice in question["choices"] if choice["correct"]}
        correct = bool(selected) and set(selected) == right
        points = question.get("points", 1)
        results.append(
            QuestionResult(
                key=key,
                selected=selected,
                correct=correct,
                points=points if correct else 0,
                feedback=question["feedback"],
            )
        )
    score = sum(result.points for result in results)
    max_score = sum(question.get("points", 1) for question in questions.values())
    passed = max_score > 0 and score * 100 >= definition["pass_mark"] * max_score
    return QuizResult(questions=results, score=score, max_score=max_score, passed=passed)
