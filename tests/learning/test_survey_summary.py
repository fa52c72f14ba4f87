import uuid
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ModulePage
from courses.versioning import record_version
from learning.models import SurveyAnswer, SurveyResponse, Wave
from learning.services.surveys import submit_survey_response
from learning.survey_summary import summarise_class_survey
from schools.models import ClassMembership
from tests.factories import SurveyFactory, likert, pupil, school_class, stream

pytestmark = pytest.mark.django_db


def free_text(key: str) -> tuple[str, dict]:
    return ("free_text", {"key": key, "prompt": f"Anything else about {key}?", "optional": True})


@dataclass
class Surveyed:
    assignment: object
    survey: object
    version: object

    @property
    def school_class(self):
        return self.assignment.school_class


@pytest.fixture
def surveyed(course):
    """The `course` module with a survey: 1-5 Likert items a1 and a2 (reverse-scored) and free text f1."""
    survey = SurveyFactory(questions=stream([likert("a1"), likert("a2", reverse=True), free_text("f1")]))
    ModulePage.objects.filter(pk=course.assignment.module_id).update(attitude_survey=survey)
    course.assignment.module.attitude_survey = survey
    return Surveyed(course.assignment, survey, record_version(instrument=survey))


def answer(s, who, values, *, wave=Wave.PRE, skipped=False, version=None):
    """Store one pupil's response as the survey service does: a1/a2 points, f1 text, None = skipped item."""
    response = SurveyResponse.objects.create(
        idempotency_key=uuid.uuid4(),
        pupil=who,
        assignment=s.assignment,
        survey_version=version or s.version,
        wave=wave,
        skipped=skipped,
    )
    if not skipped:
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(
                response=response,
                item_key=key,
                value=value if isinstance(value, int) else None,
                text=value if isinstance(value, str) else "",
                skipped=value is None,
            )
            for key, value in values.items()
        )
    return response


def class_pupils(s, count, start=0):
    return [pupil(s.school_class, f"Pupil{n:03d}", "Z")[0] for n in range(start, start + count)]


def summary_of(s, threshold=3):
    return summarise_class_survey(assignment=s.assignment, threshold=threshold)


def item(summary, key):
    (found,) = [entry for entry in summary.items if entry.key == key]
    return found


def test_counts_percentages_and_mean_hand_checked(surveyed):
    for who, value in zip(class_pupils(surveyed, 4), [1, 2, 2, 5], strict=True):
        answer(surveyed, who, {"a1": value, "a2": 3, "f1": ""})
    pre = item(summary_of(surveyed), "a1").waves[0]
    assert pre.wave == Wave.PRE and pre.shown
    assert [(p.value, p.count, p.percent) for p in pre.points] == [
        (1, 1, 25),
        (2, 2, 50),
        (3, 0, 0),
        (4, 0, 0),
        (5, 1, 25),
    ]
    # (1 + 2 + 2 + 5) / 4 = 2.5
    assert (pre.answered, pre.mean) == (4, 2.5)


def test_item_with_one_fewer_than_the_threshold_is_hidden_and_at_the_threshold_is_shown(surveyed, settings):
    threshold = settings.SUPPRESSION_THRESHOLD
    pupils = class_pupils(surveyed, threshold)
    for who in pupils[:-1]:
        answer(surveyed, who, {"a1": 4, "a2": 2})
    hidden = item(summary_of(surveyed, threshold), "a1").waves[0]
    assert not hidden.shown
    assert (hidden.answered, hidden.mean, hidden.points) == (None, None, ())

    answer(surveyed, pupils[-1], {"a1": 5, "a2": 2})
    shown = item(summary_of(surveyed, threshold), "a1").waves[0]
    assert shown.shown and shown.answered == threshold
    assert shown.mean == round((4 * (threshold - 1) + 5) / threshold, 1)
    assert (shown.points[3].count, shown.points[4].count) == (threshold - 1, 1)


def test_an_item_everyone_answered_the_same_way_is_hidden(surveyed):
    for who in class_pupils(surveyed, 4):
        answer(surveyed, who, {"a1": 4, "a2": 2})
    summary = summary_of(surveyed)
    for key in ("a1", "a2"):
        wave = item(summary, key).waves[0]
        assert not wave.shown and wave.hidden_because == "unanimous"
        assert (wave.answered, wave.mean, wave.points) == (None, None, ())


def test_skipped_items_and_skipped_surveys_do_not_count(surveyed):
    ava, ben, cara, dan = class_pupils(surveyed, 4)

    def submit(who, answers, skipped=False):
        submit_survey_response(
            pupil=who,
            assignment=surveyed.assignment,
            version=surveyed.version,
            answers=answers,
            key=uuid.uuid4(),
            wave=Wave.PRE,
            skipped=skipped,
        )

    submit(ava, {"a1": "4", "a2": "2"})
    submit(ben, {"a1": "5", "a2": "1"})
    submit(cara, {"a2": "3"})
    submit(dan, {}, skipped=True)
    summary = summary_of(surveyed)

    # Cara left a1 out and Dan skipped the survey: only two answered a1, under the threshold of 3.
    assert not item(summary, "a1").waves[0].shown
    a2 = item(summary, "a2").waves[0]
    assert a2.shown and a2.answered == 3 and a2.mean == 2.0
    (pre,) = summary.waves
    assert (pre.wave, pre.answered, pre.skipped) == (Wave.PRE, 3, 1)


def test_pupils_out_of_the_evaluation_or_the_class_are_not_counted(surveyed):
    pupils = class_pupils(surveyed, 6)
    for n, who in enumerate(pupils):
        answer(surveyed, who, {"a1": 4 + n % 2, "a2": 1 + n % 2})
    today = timezone.localdate()
    pupils[0].opted_out_at = today
    pupils[0].save()
    pupils[1].withdrawn_at = today
    pupils[1].save()
    ClassMembership.objects.filter(pupil=pupils[2]).update(removed_at=timezone.now())

    a1 = item(summary_of(surveyed), "a1").waves[0]
    assert a1.answered == 3
    assert summary_of(surveyed).waves[0].answered == 3
    assert not item(summary_of(surveyed, threshold=4), "a1").waves[0].shown


def test_free_text_is_never_read(surveyed):
    for who in class_pupils(surveyed, 3):
        answer(surveyed, who, {"a1": 2, "a2": 2, "f1": "Something private"})
    with CaptureQueriesContext(connection) as queries:
        summary = summary_of(surveyed)
    assert [entry.key for entry in summary.items] == ["a1", "a2"]
    assert summary.free_text_items == 1
    assert not any('"text"' in query["sql"] for query in queries), "the free-text column is never selected"


def test_pre_post_and_follow_up_side_by_side(surveyed):
    pupils = class_pupils(surveyed, 3)
    for n, who in enumerate(pupils):
        answer(surveyed, who, {"a1": 2 + n // 2, "a2": 4 - n // 2})
        answer(surveyed, who, {"a1": 4 + n // 2, "a2": 4 - n // 2}, wave=Wave.POST)
    answer(surveyed, pupils[0], {"a1": 5, "a2": 5}, wave=Wave.FOLLOW_UP)
    a1 = item(summary_of(surveyed), "a1")

    assert [wave.wave for wave in a1.waves] == [Wave.PRE, Wave.POST, Wave.FOLLOW_UP]
    assert [wave.wave for wave in a1.shown_waves] == [Wave.PRE, Wave.POST]
    assert [wave.wave for wave in a1.hidden_waves] == [Wave.FOLLOW_UP]
    assert [(row.value, [cell.count for cell in row.cells]) for row in a1.rows] == [
        (1, [0, 0]),
        (2, [2, 0]),
        (3, [1, 0]),
        (4, [0, 2]),
        (5, [0, 1]),
    ]
    # (2 + 2 + 3) / 3 and (4 + 4 + 5) / 3, to one decimal place
    assert [wave.mean for wave in a1.shown_waves] == [2.3, 4.3]


def test_unchanged_items_are_added_up_across_survey_versions(surveyed):
    pupils = class_pupils(surveyed, 4)
    answer(surveyed, pupils[0], {"a1": 1, "a2": 1})
    surveyed.version.lock()
    reworded = list(surveyed.survey.questions.raw_data)
    reworded[1]["value"]["text"] = "A reworded statement"
    surveyed.survey.questions = stream([likert("a1"), ("likert", reworded[1]["value"])])
    surveyed.survey.save()
    second = record_version(instrument=surveyed.survey)
    assert second.number == 2
    for n, who in enumerate(pupils[1:]):
        answer(surveyed, who, {"a1": 3, "a2": 3 + n // 2}, version=second)

    summary = summary_of(surveyed)
    a1 = item(summary, "a1").waves[0]
    assert a1.answered == 4 and a1.mean == 2.5  # (1 + 3 + 3 + 3) / 4
    texts = sorted((entry.text, entry.waves[0].shown) for entry in summary.items if entry.key == "a2")
    assert texts == [("A reworded statement", True), ("Statement a2", False)]


def test_no_responses_gives_an_empty_summary(surveyed):
    class_pupils(surveyed, 2)
    summary = summary_of(surveyed)
    assert not summary.has_responses and summary.items == () and summary.waves == ()


def test_another_class_answers_are_not_counted(surveyed, course):
    other = school_class(surveyed.school_class.school, course.teacher, name="10B", year_group=10)
    other_assignment = type(surveyed.assignment).objects.create(
        school_class=other, module=surveyed.assignment.module, opens_on=timezone.localdate()
    )
    stranger, _ = pupil(other, "Zed", "Z")
    SurveyResponse.objects.create(
        idempotency_key=uuid.uuid4(),
        pupil=stranger,
        assignment=other_assignment,
        survey_version=surveyed.version,
        wave=Wave.PRE,
    )
    assert not summary_of(surveyed).has_responses


def test_queries_are_the_same_for_5_and_15_pupils(surveyed, django_assert_num_queries):
    pupils = class_pupils(surveyed, 15)
    for n, who in enumerate(pupils[:5]):
        answer(surveyed, who, {"a1": n % 5 + 1, "a2": 3, "f1": "words"})
        answer(surveyed, who, {"a1": 4, "a2": None}, wave=Wave.POST)
    with django_assert_num_queries(3):
        small = summary_of(surveyed)
    for n, who in enumerate(pupils[5:]):
        answer(surveyed, who, {"a1": n % 5 + 1, "a2": 3, "f1": "words"})
        answer(surveyed, who, {"a1": 4, "a2": None}, wave=Wave.POST)
    with django_assert_num_queries(3):
        big = summary_of(surveyed)
    assert (item(small, "a1").waves[0].answered, item(big, "a1").waves[0].answered) == (5, 15)
