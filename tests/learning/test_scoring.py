import pytest

from learning.scoring import SubmissionRejectedError, score_quiz

DEFINITION = {
    "pass_mark": 70,
    "questions": [
        {
            "key": "q1",
            "type": "single_choice",
            "text": "?",
            "feedback": "f1",
            "points": 1,
            "choices": [{"key": "a", "correct": True}, {"key": "b", "correct": False}],
        },
        {
            "key": "q2",
            "type": "multiple_choice",
            "text": "?",
            "feedback": "f2",
            "points": 1,
            "choices": [
                {"key": "a", "correct": True},
                {"key": "b", "correct": True},
                {"key": "c", "correct": False},
            ],
        },
        {
            "key": "q3",
            "type": "true_false",
            "text": "?",
            "feedback": "f3",
            "points": 1,
            "choices": [{"key": "true", "correct": False}, {"key": "false", "correct": True}],
        },
    ],
}


def test_all_correct_scores_full_marks_and_passes():
    result = score_quiz(DEFINITION, {"q1": ["a"], "q2": ["b", "a"], "q3": ["false"]})
    assert (result.score, result.max_score, result.passed) == (3, 3, True)
    assert [q.feedback for q in result.questions] == ["f1", "f2", "f3"]


def test_multiple_choice_scores_only_the_exact_set():
    partly = score_quiz(DEFINITION, {"q1": ["a"], "q2": ["a"], "q3": ["false"]})
    too_many = score_quiz(DEFINITION, {"q1": ["a"], "q2": ["a", "b", "c"], "q3": ["false"]})
    assert partly.score == too_many.score == 2
    assert not partly.questions[1].correct and not too_many.questions[1].correct


def test_pass_mark_is_a_percentage_of_the_maximum():
    assert not score_quiz(DEFINITION, {"q1": ["a"], "q2": ["a", "b"]}).passed  # 2/3 = 66.7% < 70%
    assert score_quiz({**DEFINITION, "pass_mark": 66}, {"q1": ["a"], "q2": ["a", "b"]}).passed


def test_unanswered_questions_score_zero():
    result = score_quiz(DEFINITION, {"q1": ["a"], "q2": []})
    assert (result.score, result.passed) == (1, False)
    assert [q.selected for q in result.questions] == [["a"], [], []]


@pytest.mark.parametrize("answers", [{}, {"q1": [], "q2": [], "q3": []}])
def test_a_quiz_with_no_answer_at_all_is_not_an_attempt(answers):
    with pytest.raises(SubmissionRejectedError, match="not answered any of the questions"):
        score_quiz(DEFINITION, answers)


@pytest.mark.parametrize(
    "answers",
    [
        {"q9": ["a"]},  # a question not in this version
        {"q1": ["z"]},  # a choice that does not exist
        {"q1": ["a", "b"]},  # two answers to a single-choice question
        {"q3": ["true", "false"]},
    ],
)
def test_tampered_answers_reject_the_whole_submission(answers):
    with pytest.raises(SubmissionRejectedError):
        score_quiz(DEFINITION, answers)
