import pytest
from django.core.exceptions import ValidationError

from courses.models import QuizVersion
from courses.versioning import record_version
from tests.factories import QuizFactory, SurveyFactory, likert, single_choice, stream

pytestmark = pytest.mark.django_db


def test_first_recording_creates_version_one_with_frozen_definition():
    quiz = QuizFactory(pass_mark=60)
    version = record_version(instrument=quiz)
    assert version.number == 1
    assert version.definition["pass_mark"] == 60
    assert [q["key"] for q in version.definition["questions"]] == ["q1", "q2"]
    first = version.definition["questions"][0]
    assert first["type"] == "single_choice"
    assert [(c["key"], c["correct"]) for c in first["choices"]] == [("a", True), ("b", False), ("c", False)]


def test_true_false_questions_become_two_choices():
    quiz = QuizFactory(
        questions=stream(
            [("true_false", {"key": "tf", "text": "Consent can be withdrawn.", "answer": "true", "feedback": "Yes."})]
        )
    )
    question = record_version(instrument=quiz).definition["questions"][0]
    assert [(c["key"], c["correct"]) for c in question["choices"]] == [("true", True), ("false", False)]


def test_saving_unchanged_questions_keeps_the_same_version():
    quiz = QuizFactory()
    first = record_version(instrument=quiz)
    assert record_version(instrument=quiz).pk == first.pk
    assert quiz.versions.count() == 1


def test_unanswered_version_is_updated_in_place():
    quiz = QuizFactory()
    first = record_version(instrument=quiz)
    quiz.pass_mark = 80
    quiz.save()
    again = record_version(instrument=quiz)
    assert again.pk == first.pk
    assert again.number == 1
    assert again.definition["pass_mark"] == 80


def test_answered_version_is_frozen_and_edit_makes_a_new_version():
    quiz = QuizFactory()
    first = record_version(instrument=quiz)
    frozen = first.definition
    first.lock()  # stands in for the first pupil's recorded answer
    quiz.questions = stream([single_choice("q1", correct=2), single_choice("q3")])
    quiz.save()

    second = record_version(instrument=quiz)

    assert second.number == 2
    first.refresh_from_db()
    assert first.is_locked
    assert first.definition == frozen
    assert [q["key"] for q in second.definition["questions"]] == ["q1", "q3"]
    assert quiz.current_version == second


def test_changing_scoring_of_answered_version_makes_a_new_version():
    quiz = QuizFactory(pass_mark=70)
    first = record_version(instrument=quiz)
    first.lock()
    quiz.pass_mark = 50
    quiz.save()
    assert record_version(instrument=quiz).number == 2
    first.refresh_from_db()
    assert first.definition["pass_mark"] == 70


def test_lock_is_idempotent_and_keeps_first_time():
    version = record_version(instrument=QuizFactory())
    version.lock()
    first_locked_at = version.locked_at
    QuizVersion.objects.get(pk=version.pk).lock()
    version.refresh_from_db()
    assert version.locked_at == first_locked_at
    assert QuizVersion.objects.locked().count() == 1


def test_survey_definition_keeps_scoring_rules():
    survey = SurveyFactory(
        questions=stream(
            [
                likert("a1", subscale="attitudes"),
                likert("a2", reverse=True, subscale="confidence"),
                ("free_text", {"key": "f1", "prompt": "Anything else?", "optional": True}),
            ]
        )
    )
    items = record_version(instrument=survey).definition["items"]
    assert [(i["key"], i["type"]) for i in items] == [("a1", "likert"), ("a2", "likert"), ("f1", "free_text")]
    assert items[1]["reverse"] is True
    assert (items[1]["min"], items[1]["max"], items[1]["subscale"]) == (1, 5, "confidence")


def test_survey_edit_after_answers_makes_new_version():
    survey = SurveyFactory()
    record_version(instrument=survey).lock()
    survey.questions = stream([likert("a1"), likert("a2", reverse=False)])
    survey.save()
    assert record_version(instrument=survey).number == 2


def test_question_keys_must_be_unique():
    quiz = QuizFactory.build(questions=stream([single_choice("q1"), single_choice("q1")]))
    with pytest.raises(ValidationError, match="repeated: q1"):
        quiz.clean()


def test_instrument_needs_a_question():
    quiz = QuizFactory.build(questions=stream([]))
    with pytest.raises(ValidationError, match="at least one question"):
        quiz.clean()
