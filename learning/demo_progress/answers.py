"""Made-up answers for demo pupils: quiz choices, survey points and lesson activity choices.

Pure functions of a pupil's profile and a seeded ``random.Random``, so the same seed gives
the same answers. Nothing here touches the database.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass

# Short, unidentifying comments a few pupils leave in the optional free-text box.
FREE_TEXT = (
    "Can we do more about what to do online?",
    "It was good to talk about this in class.",
    "Some of it was awkward but I learned stuff.",
    "How to help a friend without making it worse.",
    "More about where to get help.",
    "I liked the scenarios.",
    "No.",
)
ITEM_LEFT_OUT = 0.03
QUESTION_LEFT_OUT = 0.02
SCENARIO_RECOMMENDED = 0.8


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


@dataclass(frozen=True)
class Profile:
    """What one made-up pupil knows and thinks, on 0-1 scales.

    ``knows``: the chance of a right quiz answer before the lessons; ``gain``: what the
    lessons add to it. ``attitude``: how far towards the healthy end of a survey item the
    pupil answers before the lessons; ``shift``: the change after them (modest, sometimes
    none or slightly the other way, as in real evaluations).
    """

    knows: float
    gain: float
    attitude: float
    shift: float

    @classmethod
    def draw(cls, rng: random.Random) -> Profile:
        return cls(
            knows=_clamp(rng.gauss(0.5, 0.13), 0.15, 0.9),
            gain=_clamp(rng.gauss(0.25, 0.08), 0.05, 0.45),
            attitude=_clamp(rng.gauss(0.66, 0.14), 0.1, 0.97),
            shift=rng.gauss(0.07, 0.06),
        )

    def skill(self, *, after_lessons: bool, practice: int = 0) -> float:
        """The chance of a right answer: before the lessons, after them, or on a later attempt."""
        if not after_lessons:
            return self.knows
        # Feedback after each attempt helps a little with the next.
        return min(0.97, self.knows + self.gain + 0.08 * practice)


def quiz_answers(definition: Mapping, skill: float, rng: random.Random) -> dict[str, list[str]]:
    """Choice keys for each question of a quiz version, right with chance ``skill``.

    Multiple-choice questions are harder (every right box and no wrong one); a wrong answer
    there is a near miss, one right box left out or one wrong box ticked. A few questions
    are left unanswered.
    """
    answers: dict[str, list[str]] = {}
    for question in definition["questions"]:
        if rng.random() < QUESTION_LEFT_OUT:
            continue
        right = [choice["key"] for choice in question["choices"] if choice["correct"]]
        wrong = [choice["key"] for choice in question["choices"] if not choice["correct"]]
        multiple = question["type"] == "multiple_choice"
        if rng.random() < (skill**1.4 if multiple else skill) or not wrong:
            answers[question["key"]] = right
        elif multiple and len(right) > 1 and rng.random() < 0.5:
            answers[question["key"]] = [key for key in right if key != rng.choice(right)]
        elif multiple:
            answers[question["key"]] = sorted({*right, rng.choice(wrong)})
        else:
            answers[question["key"]] = [rng.choice(wrong)]
    return answers


def survey_answers(definition: Mapping, attitude: float, rng: random.Random, *, comment: float) -> dict[str, str]:
    """Answers to a survey version from an attitude on a 0-1 scale (1 is the healthiest).

    Each Likert point is the attitude placed on the item's range plus noise, rounded and
    kept in range; a reverse-scored item is answered the other way (x = min + max - x),
    so agreeing with "sexist jokes are just banter" is the unhealthy answer. A few items
    are left out (stored as skipped). The free-text box is filled with chance ``comment``.
    """
    answers: dict[str, str] = {}
    for item in definition["items"]:
        if item["type"] == "likert":
            if rng.random() < ITEM_LEFT_OUT:
                continue
            low, high = item["min"], item["max"]
            healthy = round(_clamp(low + (high - low) * attitude + rng.gauss(0, 0.75), low, high))
            answers[item["key"]] = str(low + high - healthy if item.get("reverse") else healthy)
        elif item["type"] == "free_text" and rng.random() < comment:
            answers[item["key"]] = rng.choice(FREE_TEXT)
    return answers


def activity_choice(block_type: str, choices: list[Mapping], skill: float, rng: random.Random) -> int:
    """The position of the choice picked in a knowledge check (right with chance ``skill``)
    or a scenario (mostly one of the recommended choices)."""
    if block_type == "knowledge_check":
        good = [i for i, choice in enumerate(choices) if choice.get("correct")]
        chance = skill
    else:
        good = [i for i, choice in enumerate(choices) if choice.get("recommended")]
        chance = SCENARIO_RECOMMENDED
    others = [i for i in range(len(choices)) if i not in good]
    if good and (rng.random() < chance or not others):
        return rng.choice(good)
    return rng.choice(others or list(range(len(choices))))
