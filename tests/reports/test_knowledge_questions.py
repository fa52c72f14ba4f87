"""Knowledge change is scored only on quiz questions identical in the versions a pupil answered before and after."""

import uuid

import pytest
from django.core.cache import cache

from courses.versioning import record_version
from learning.models import Wave
from learning.services.quizzes import submit_quiz_attempt
from reports.dashboard_questions import questions_used_text
from reports.models import ProgressRollup
from reports.published_pattern import store_pattern
from reports.rollup_questions import QuizQuestions, common_questions
from reports.rollups import refresh_rollups
from tests.factories import single_choice, stream

from .conftest import add_pupil, assign, work

pytestmark = pytest.mark.django_db


def version(*questions) -> QuizQuestions:
    return QuizQuestions.from_definition({"questions": [dict(value, type=kind) for kind, value in questions]})


def reworded(key: str, correct: int = 0):
    kind, value = single_choice(key, correct=correct)
    return kind, dict(value, text=f"A reworded question {key}?")


def test_only_questions_with_the_same_key_and_definition_are_common():
    before = version(single_choice("q1"), single_choice("q2"), single_choice("q3"), single_choice("q4"))
    after = version(
        single_choice("q1"),
        reworded("q2"),  # wording edited
        single_choice("q3", correct=2),  # right answer changed
        single_choice("q5"),  # new
    )  # q4 removed

    assert common_questions(before, after) == ("q1",)
    assert common_questions(before, before) == ("q1", "q2", "q3", "q4")
    assert common_questions(after, version(reworded("q1"))) == ()


def answer(evaluated, assignment, who, wave, answers):
    submit_quiz_attempt(
        pupil=who, assignment=assignment, version=evaluated.quiz_version, answers=answers, key=uuid.uuid4(), wave=wave
    )


def edit_quiz(evaluated, *questions):
    """The module's quiz with new questions: a new version, since pupils answered the first."""
    quiz = evaluated.quiz_version.quiz
    quiz.questions = stream(questions)
    quiz.save()
    edited = record_version(instrument=quiz)
    assert edited.number == evaluated.quiz_version.number + 1
    evaluated.quiz_version = edited
    return edited


def test_a_question_edited_removed_or_added_between_the_quizzes_is_left_out_of_the_change(evaluated):
    assignment = assign(evaluated)
    ava, ben = add_pupil(assignment, "Ava"), add_pupil(assignment, "Ben")
    # Ava before, on version 1 (q1 right "a", q2 right "b"): q1 wrong, q2 right (50 out of 100).
    answer(evaluated, assignment, ava, Wave.PRE, {"q1": ["b"], "q2": ["b"]})
    work(evaluated, assignment, ava)
    # Version 2: q2 reworded, q3 added. Ava after: q1 right, q2 wrong, q3 right (2 of 3).
    edit_quiz(evaluated, single_choice("q1"), reworded("q2", correct=1), single_choice("q3"))
    answer(evaluated, assignment, ava, Wave.POST, {"q1": ["a"], "q2": ["a"], "q3": ["a"]})
    # Ben answers version 2 both times: 1 of 3, then 3 of 3.
    answer(evaluated, assignment, ben, Wave.PRE, {"q1": ["b"], "q2": ["a"], "q3": ["a"]})
    work(evaluated, assignment, ben)
    answer(evaluated, assignment, ben, Wave.POST, {"q1": ["a"], "q2": ["b"], "q3": ["a"]})

    refresh_rollups()

    row = ProgressRollup.objects.get()
    # Ava on q1 alone: 0 -> 100. Ben on all three: 100/3 -> 100.
    ben_pre = 100 / 3
    assert row.knowledge.as_tuple() == pytest.approx(
        (2, ben_pre, 200, ben_pre**2, 20000, 100 + 100 - ben_pre, 10000 + (100 - ben_pre) ** 2)
    )
    assert (row.knowledge_questions_min, row.knowledge_questions_max) == (1, 3)
    # The baseline check still uses each pupil's whole quiz before the lessons.
    assert row.baseline_with_post_sum == pytest.approx(50 + ben_pre)


def test_a_question_removed_leaves_the_change_on_the_others(evaluated):
    assignment = assign(evaluated)
    ava = add_pupil(assignment, "Ava")
    answer(evaluated, assignment, ava, Wave.PRE, {"q1": ["a"], "q2": ["a"]})  # q1 right, q2 wrong
    work(evaluated, assignment, ava)
    edit_quiz(evaluated, single_choice("q2", correct=1))  # q1 removed
    answer(evaluated, assignment, ava, Wave.POST, {"q2": ["b"]})

    refresh_rollups()

    row = ProgressRollup.objects.get()
    assert row.knowledge.as_tuple()[:3] == pytest.approx((1, 0, 100))
    assert (row.knowledge_questions_min, row.knowledge_questions_max) == (1, 1)


def test_versions_with_no_question_in_common_give_no_knowledge_pair(evaluated):
    assignment = assign(evaluated)
    ava = add_pupil(assignment, "Ava")
    work(evaluated, assignment, ava, pre_quiz=1, finish=True)
    edit_quiz(evaluated, reworded("q1"), reworded("q2", correct=1))
    answer(evaluated, assignment, ava, Wave.POST, {"q1": ["a"], "q2": ["b"]})

    refresh_rollups()

    row = ProgressRollup.objects.get()
    assert row.knowledge_pairs == 0
    assert row.knowledge_questions_min is None
    assert row.quiz_taken == row.pre_quiz_done == 1


def test_the_same_version_before_and_after_uses_every_question(evaluated):
    assignment = assign(evaluated)
    work(evaluated, assignment, add_pupil(assignment, "Ava"), pre_quiz=0, post_quiz=2)

    refresh_rollups()

    row = ProgressRollup.objects.get()
    assert row.knowledge.as_tuple()[:3] == pytest.approx((1, 0, 100))
    assert (row.knowledge_questions_min, row.knowledge_questions_max) == (2, 2)


@pytest.mark.parametrize(
    ("fewest", "most", "now", "text"),
    [
        (3, 3, 3, "3 of 3 questions"),
        (1, 3, 3, "1 to 3 of 3 questions"),
        (1, 1, 1, "1 of 1 question"),
        (2, 4, 3, "2 to 4 of 4 questions"),
        (None, None, 3, ""),
    ],
)
def test_questions_used_text(fewest, most, now, text):
    assert questions_used_text(fewest, most, now) == text


def test_the_dashboard_says_how_many_questions_the_knowledge_change_used(client, evaluated):
    from .rollup_rows import commissioner

    cache.clear()
    assignment = assign(evaluated)
    ava = add_pupil(assignment, "Ava")
    work(evaluated, assignment, ava, pre_quiz=1)
    edit_quiz(evaluated, single_choice("q1"), reworded("q2", correct=1), single_choice("q3"))
    answer(evaluated, assignment, ava, Wave.POST, {"q1": ["a"], "q2": ["b"], "q3": ["a"]})
    store_pattern(refresh_rollups())  # as the nightly task does
    client.force_login(commissioner())

    page = client.get("/reports/").content.decode()

    assert "Questions compared" in page
    assert "1 of 3 questions" in page  # q2 was edited between the quizzes, q3 added


def test_over_several_modules_the_dashboard_says_whether_every_question_was_used(evaluated, programme):
    from reports.dashboard_queries import DashboardFilters
    from reports.dashboard_questions import ALL_QUESTIONS, questions_compared
    from tests.factories import ModulePageFactory, QuizFactory

    from .rollup_rows import progress, school

    place = school(None)
    other = ModulePageFactory(parent=programme, knowledge_quiz=QuizFactory())
    record_version(instrument=other.knowledge_quiz)
    for module, used in ((evaluated.module, 2), (other, 2)):
        row = progress(place, module, assigned=10, pairs=[(40, 60)] * 10)
        ProgressRollup.objects.filter(pk=row.pk).update(knowledge_questions_min=used, knowledge_questions_max=used)

    assert questions_compared(DashboardFilters()) == ALL_QUESTIONS
    ProgressRollup.objects.filter(module=other).update(knowledge_questions_min=1)
    assert questions_compared(DashboardFilters()) == (
        "Fewer than every question in 1 of 2 modules: choose a module to see how many"
    )
    assert questions_compared(DashboardFilters(module_id=other.pk)) == "1 to 2 of 2 questions"
