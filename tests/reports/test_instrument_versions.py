"""Change is scored only on survey items identical in the versions a pupil answered before and after."""

import json

import pytest
from django.core.cache import cache

from courses.versioning import record_version
from reports.dashboard_scales import items_used_text
from reports.models import ScaleRollup
from reports.rollup_scales import VersionScales, common_items, paired_scores
from reports.rollups import refresh_rollups
from tests.factories import likert, stream

from .conftest import add_pupil, assign, work

pytestmark = pytest.mark.django_db


def version(items) -> VersionScales:
    definition = {"items": [dict(item, type="likert") for item in items]}
    return VersionScales.from_definition(survey_id=1, survey_key="s", number=1, definition=definition)


def item(key, text="Statement", *, reverse=False, subscale="attitudes"):
    return {"key": key, "text": text, "min": 1, "max": 5, "labels": [], "reverse": reverse, "subscale": subscale}


def test_only_items_with_the_same_key_and_definition_are_common():
    before = version([item("a1"), item("a2"), item("a3"), item("a4"), item("b1", subscale="safety")])
    after = version(
        [
            item("a1"),
            item("a2", "Reworded"),  # wording edited
            item("a3", reverse=True),  # scoring turned round
            item("b1", subscale="safety"),
            item("a5"),  # new
        ]
    )  # a4 removed

    assert common_items(before, after) == {"attitudes": ("a1",), "safety": ("b1",)}
    assert common_items(before, before) == {"attitudes": ("a1", "a2", "a3", "a4"), "safety": ("b1",)}


def test_pair_is_scored_on_common_items_with_the_half_rule_on_them():
    before = version([item("a1"), item("a2"), item("a3", reverse=True)])
    after = version([item("a1"), item("a2", "Reworded"), item("a3", reverse=True)])

    # Common: a1 and a3 (reverse: 6 - x). Before (2 + 4) / 2 = 3; after (4 + 5) / 2 = 4.5; a2 is left out.
    paired = paired_scores(before, {"a1": 2, "a2": 1, "a3": 2}, after, {"a1": 4, "a2": 5, "a3": 1})
    assert paired == {"attitudes": (3.0, 4.5, 2)}
    # One of the two common items answered after is half: still a pair; none answered: no pair.
    assert paired_scores(before, {"a1": 2, "a3": 2}, after, {"a1": 4})["attitudes"] == (3.0, 4.0, 2)
    assert paired_scores(before, {"a1": 2, "a3": 2}, after, {"a2": 4}) == {}


def test_a_scale_whose_items_all_changed_gives_no_pair():
    before = version([item("a1")])
    after = version([item("a1", "Reworded")])

    assert paired_scores(before, {"a1": 2}, after, {"a1": 4}) == {}


def edited_survey(evaluated):
    """The module's survey with a2's wording edited: a new version, since pupils answered the first."""
    survey = evaluated.survey_version.survey
    questions = json.loads(stream([likert("a1"), likert("a2", reverse=True), likert("a3")])) + json.loads(
        stream([likert("b1", subscale="safety"), likert("b2", subscale="safety")])
    )
    questions[1]["value"]["text"] = "A reworded statement"
    survey.questions = json.dumps(questions)
    survey.save()
    return record_version(instrument=survey)


def test_an_item_edited_between_pre_and_post_is_left_out_of_the_change(evaluated):
    first = evaluated.survey_version
    assignment = assign(evaluated)
    ava, ben = add_pupil(assignment, "Ava"), add_pupil(assignment, "Ben")
    # Ava answers version 1 before the lessons.
    work(evaluated, assignment, ava, pre_survey={"a1": 2, "a2": 1, "a3": 2, "b1": 3, "b2": 3}, post_quiz=2)
    second = edited_survey(evaluated)
    assert second.number == first.number + 1
    # Ava answers version 2 after; Ben answers version 2 both times.
    evaluated.survey_version = second
    work(evaluated, assignment, ava, finish=False, post_survey={"a1": 4, "a2": 5, "a3": 4, "b1": 4, "b2": 4})
    work(
        evaluated,
        assignment,
        ben,
        pre_survey={"a1": 1, "a2": 5, "a3": 1, "b1": 2, "b2": 2},
        post_quiz=2,
        post_survey={"a1": 2, "a2": 2, "a3": 2, "b1": 2, "b2": 2},
    )

    refresh_rollups()

    attitudes = ScaleRollup.objects.get(scale="attitudes")
    # Ava on a1 and a3 only: 2 -> 4. Ben on all three (a2 reverse: 6 - x): 1 -> 8/3.
    assert attitudes.change.as_tuple() == pytest.approx(
        (2, 2 + 1, 4 + 8 / 3, 4 + 1, 16 + 64 / 9, 2 + 5 / 3, 4 + 25 / 9)
    )
    assert (attitudes.items_used_min, attitudes.items_used_max) == (2, 3)
    # Each wave's own score still uses every item of the version answered.
    assert (attitudes.n_pre, attitudes.n_post) == (2, 2)
    safety = ScaleRollup.objects.get(scale="safety")
    assert (safety.items_used_min, safety.items_used_max, safety.pairs) == (2, 2, 2)


@pytest.mark.parametrize(
    ("fewest", "most", "now", "text"),
    [
        (3, 3, 3, "3 of 3 statements"),
        (2, 3, 3, "2 to 3 of 3 statements"),
        (1, 1, 1, "1 of 1 statement"),
        (2, 4, 3, "2 to 4 of 4 statements"),
        (None, None, 3, ""),
    ],
)
def test_items_used_text(fewest, most, now, text):
    assert items_used_text(fewest, most, now) == text


def test_the_dashboard_says_how_many_statements_each_scale_used(client, evaluated):
    from .rollup_rows import commissioner

    cache.clear()
    assignment = assign(evaluated)
    ava = add_pupil(assignment, "Ava")
    work(evaluated, assignment, ava, pre_survey={"a1": 2, "a2": 1, "a3": 2, "b1": 3, "b2": 3}, post_quiz=2)
    evaluated.survey_version = edited_survey(evaluated)
    work(evaluated, assignment, ava, finish=False, post_survey={"a1": 4, "a2": 5, "a3": 4, "b1": 4, "b2": 4})
    refresh_rollups()
    client.force_login(commissioner())

    page = client.get("/reports/").content.decode()

    assert "Statements compared" in page
    assert "2 of 3 statements" in page  # attitudes: a2 was edited between the surveys
    assert "2 of 2 statements" in page  # safety: unchanged
    # A survey's title may end in a question mark: it is quoted, never followed by a stray colon or comma.
    title = evaluated.survey_version.survey.title
    assert f"Scales of “{title}” before and after the lessons" in page
    assert f"{title}: scales" not in page
