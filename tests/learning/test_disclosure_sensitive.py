"""Disclosure-sensitive survey items: frozen into versions, help for every pupil shown one, no answers for teachers."""

import csv
import io
import re
import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from classroom.models import LiveActivity, LiveSession
from classroom.services import live_counts as counts_module
from classroom.services.live import open_activity, start_session
from classroom.services.live_counts import live_counts
from courses.blocks.questions import FreeTextItemBlock, LikertItemBlock
from courses.models import ModulePage
from courses.versioning import record_version
from learning.forms.survey import item_rows
from learning.models import Wave
from learning.services.surveys import submit_survey_response
from learning.survey_summary import summarise_class_survey
from reports.evaluator_export import HEADER, EvaluatorFilters, answer_rows
from reports.rollup_scales import VersionScales, scale_scores
from tests.classroom.live_world import hidden_fields, make_live_world
from tests.classroom.live_world import url as live_url
from tests.factories import SchoolFactory, SurveyFactory, likert, pupil, school_class, staff, stream
from tests.learning.pupil_client import sign_in

pytestmark = pytest.mark.django_db

SENSITIVE_TEXT = "Has anyone ever pressured you to send a picture?"
HELP_HEADING = "If anything in the survey worried you"
SKIP_HINT = "You can skip this question. At the end you will see who you can talk to"
HELP_PANEL = re.compile(r'<section class="survey-help.*?</section>', re.S)


def flagged_item(key: str = "s1", *, sensitive: bool = True) -> tuple[str, dict]:
    kind, value = likert(key)
    return kind, {**value, "text": SENSITIVE_TEXT, "sensitive": sensitive}


def free_text(key: str) -> tuple[str, dict]:
    return "free_text", {"key": key, "prompt": "Anything else?", "optional": True}


def questions(*, sensitive: bool = True) -> str:
    """Likert a1 and a2, the flagged Likert s1 (same scale), and free text f1."""
    return stream([likert("a1"), likert("a2"), flagged_item(sensitive=sensitive), free_text("f1")])


@dataclass
class Flagged:
    course: object
    survey: object
    version: object
    pupils: list

    @property
    def assignment(self):
        return self.course.assignment

    @property
    def school(self):
        return self.course.assignment.school_class.school


@pytest.fixture
def flagged(course, settings):
    """The `course` module with a survey whose item s1 is disclosure-sensitive; five pupils; a DSL on record."""
    settings.SUPPRESSION_THRESHOLD = 3
    survey = SurveyFactory(questions=questions())
    ModulePage.objects.filter(pk=course.assignment.module_id).update(attitude_survey=survey)
    course.assignment.module.attitude_survey = survey
    klass = course.assignment.school_class
    more = [pupil(klass, f"Pupil{n}", "Z")[0] for n in range(3)]
    school = klass.school
    school.dsl_name, school.dsl_contact = "Mrs Okafor", "Room 14, or ask any member of staff"
    school.save()
    return Flagged(course, survey, record_version(instrument=survey), [course.pupil, course.other_pupil, *more])


def send(world, who, answers, *, skipped=False, version=None):
    return submit_survey_response(
        pupil=who,
        assignment=world.assignment,
        version=version or world.version,
        answers={key: str(value) for key, value in answers.items()},
        key=uuid.uuid4(),
        wave=Wave.PRE,
        skipped=skipped,
    )


def survey_url(world) -> str:
    return reverse("learning:survey", args=[world.assignment.pk, Wave.PRE])


def sent_url(world) -> str:
    return reverse("learning:survey_sent", args=[world.assignment.pk, Wave.PRE])


def post_survey(client, world, data) -> object:
    fields = {"version": world.version.pk, "key": str(uuid.uuid4()), "action": "send", **data}
    return client.post(survey_url(world), fields)


def pupil_client(who) -> Client:
    client = Client()
    sign_in(client, who)
    return client


def teacher_client(world) -> Client:
    client = Client()
    client.force_login(world.course.teacher)
    return client


# --- The flag and the frozen versions -------------------------------------------------------------


def test_both_survey_item_blocks_offer_the_flag_off_by_default_with_help_text():
    for block in (LikertItemBlock(), FreeTextItemBlock()):
        flag = block.child_blocks["sensitive"]
        assert flag.get_default() is False and not flag.required
        assert "Has anyone ever pressured you to send a picture?" in flag.field.help_text
        assert "teachers never see answers" in flag.field.help_text


def test_the_flag_freezes_into_the_version_on_flagged_items_only(flagged):
    items = {item["key"]: item for item in flagged.version.definition["items"]}
    assert items["s1"]["sensitive"] is True
    assert "sensitive" not in items["a1"] and "sensitive" not in items["f1"]
    rows = {row["key"]: row for row in item_rows(flagged.version, {}, {})}
    assert rows["s1"]["sensitive"] and not rows["a1"]["sensitive"]


def test_a_survey_saved_before_the_flag_existed_keeps_its_answered_version(course):
    survey = SurveyFactory(questions=stream([likert("a1")]))  # stored without a "sensitive" key
    first = record_version(instrument=survey)
    first.lock()
    survey.refresh_from_db()
    assert record_version(instrument=survey).pk == first.pk, "saving unchanged makes no new version"
    assert not item_rows(first, {}, {})[0]["sensitive"]


def test_turning_the_flag_on_or_off_once_answered_makes_a_new_version(flagged):
    flagged.survey.questions = questions(sensitive=False)
    flagged.survey.save()
    unanswered = record_version(instrument=flagged.survey)
    assert unanswered.pk == flagged.version.pk, "not answered yet: updated in place"
    assert "sensitive" not in unanswered.definition["items"][2]

    flagged.survey.questions = questions(sensitive=True)
    flagged.survey.save()
    record_version(instrument=flagged.survey)
    send(flagged, flagged.pupils[0], {"s1": 2})
    flagged.survey.questions = questions(sensitive=False)
    flagged.survey.save()
    second = record_version(instrument=flagged.survey)
    flagged.version.refresh_from_db()
    assert second.number == 2
    assert flagged.version.definition["items"][2]["sensitive"] is True, "the answered version never changes"
    assert "sensitive" not in second.definition["items"][2]


# --- Help for the pupil ---------------------------------------------------------------------------


def test_the_form_tells_the_pupil_they_can_skip_the_flagged_item(flagged):
    page = pupil_client(flagged.course.pupil).get(survey_url(flagged)).content.decode()
    assert SENSITIVE_TEXT in page
    assert page.count(SKIP_HINT) == 1
    assert 'aria-describedby="item-s1-help item-s1-hint"' in page


def test_after_sending_the_pupil_is_shown_where_to_get_help_with_their_schools_lead(flagged):
    client = pupil_client(flagged.course.pupil)
    response = post_survey(client, flagged, {"item-a1": "4", "item-s1": "5"})
    assert response.status_code == 302 and response["Location"] == sent_url(flagged)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "Thank you. Your answers have been sent." in html
    assert HELP_HEADING in html
    assert "Mrs Okafor" in html and "Room 14, or ask any member of staff" in html
    assert "Childline" in html and "0800 1111" in html
    assert "call 999" in html
    assert SENSITIVE_TEXT not in html, "the question, let alone the answer, is not shown back"


def test_help_is_the_same_whatever_the_pupil_answered_or_if_they_skipped(flagged):
    first, second, third, fourth = flagged.pupils[:4]
    send(flagged, first, {"a1": 3, "s1": 1})
    send(flagged, second, {"a1": 3, "s1": 5})
    send(flagged, third, {"a1": 3})  # left the flagged item out
    send(flagged, fourth, {}, skipped=True)
    panels = set()
    for who in (first, second, third, fourth):
        html = pupil_client(who).get(sent_url(flagged)).content.decode()
        panels.add(HELP_PANEL.search(html).group(0))
    assert len(panels) == 1
    assert "Mrs Okafor" in panels.pop()


def test_skipping_the_whole_survey_still_leads_to_help(flagged):
    client = pupil_client(flagged.course.pupil)
    response = post_survey(client, flagged, {"action": "skip"})
    assert response["Location"] == sent_url(flagged)
    html = client.get(sent_url(flagged)).content.decode()
    assert "You skipped the survey. That is fine." in html and HELP_HEADING in html


def test_without_a_lead_on_record_the_help_says_who_to_talk_to(flagged):
    flagged.school.dsl_name = flagged.school.dsl_contact = ""
    flagged.school.save()
    send(flagged, flagged.course.pupil, {"s1": 4})
    html = pupil_client(flagged.course.pupil).get(sent_url(flagged)).content.decode()
    assert HELP_HEADING in html and "Talk to any teacher or adult you trust" in html
    assert 'id="safeguarding-lead"' not in html


def test_a_survey_without_a_flagged_item_thanks_the_pupil_without_the_help_panel(flagged):
    flagged.survey.questions = questions(sensitive=False)
    flagged.survey.save()
    record_version(instrument=flagged.survey)
    client = pupil_client(flagged.course.pupil)
    response = post_survey(client, flagged, {"item-a1": "4"})
    assert response["Location"] == sent_url(flagged)
    html = client.get(sent_url(flagged)).content.decode()
    assert "Thank you. Your answers have been sent." in html
    assert HELP_HEADING not in html


def test_the_confirmation_is_only_for_a_pupil_who_sent_the_survey(flagged):
    assert pupil_client(flagged.course.pupil).get(sent_url(flagged)).status_code == 404
    send(flagged, flagged.course.pupil, {"s1": 4})
    school = SchoolFactory()
    outsider, _ = pupil(school_class(school, staff(school)), "Cai")
    assert pupil_client(outsider).get(sent_url(flagged)).status_code == 404
    assert Client().get(sent_url(flagged)).status_code == 302, "pupils only"


@pytest.fixture
def live(programme, monkeypatch):
    """A live lesson with the survey before the module open: items a1 and flagged s1; three pupils joined."""
    monkeypatch.setattr(counts_module, "COUNTS_TTL", 0)
    world = make_live_world(programme)
    survey = world.module.attitude_survey
    survey.questions = stream([likert("a1"), flagged_item()])
    survey.save()
    world.survey_version = record_version(instrument=survey)
    start_session(school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher)
    session = LiveSession.objects.open().get(school_class=world.klass)
    clients = []
    for index in range(3):
        client = world.pupil_client(index)
        client.post(live_url("pupil_live_join_session", session.pk))
        clients.append(client)
    session = open_activity(session=session, key=LiveActivity.PRE_SURVEY)
    return world, session, clients


def test_live_lesson_shows_help_once_the_pupil_has_sent_a_survey_with_a_flagged_item(live):
    _world, session, clients = live
    page = clients[0].get(live_url("pupil_live_lesson", session.pk)).content.decode()
    assert SKIP_HINT in page and HELP_HEADING not in page
    response = clients[0].post(
        live_url("pupil_live_survey", session.pk), {**hidden_fields(page), "item-a1": "2", "item-s1": "5"}
    )
    assert response.status_code == 302
    html = clients[0].get(live_url("pupil_live_lesson", session.pk)).content.decode()
    assert "Thank you. Your answers are in." in html
    assert HELP_HEADING in html and "Mr Adeyemi" in html and "Room 14" in html
    assert "Childline" in html
    assert "data-live-hold" in html, "the page does not move a pupil reading it on"


def test_live_lesson_shows_no_help_panel_after_a_survey_without_one(programme):
    world = make_live_world(programme)
    start_session(school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher)
    session = LiveSession.objects.open().get(school_class=world.klass)
    client = world.pupil_client(0)
    client.post(live_url("pupil_live_join_session", session.pk))
    session = open_activity(session=session, key=LiveActivity.PRE_SURVEY)
    page = client.get(live_url("pupil_live_lesson", session.pk)).content.decode()
    client.post(live_url("pupil_live_survey", session.pk), {**hidden_fields(page), "item-a1": "2"})
    html = client.get(live_url("pupil_live_lesson", session.pk)).content.decode()
    assert "Thank you. Your answers are in." in html and HELP_HEADING not in html
    assert "data-live-hold" not in html


def test_live_survey_keeps_a_too_long_answer_on_its_field(live):
    world, session, clients = live
    world.module.attitude_survey.questions = stream([likert("a1"), flagged_item(), free_text("f1")])
    world.module.attitude_survey.save()
    record_version(instrument=world.module.attitude_survey)
    page = clients[0].get(live_url("pupil_live_lesson", session.pk)).content.decode()
    response = clients[0].post(
        live_url("pupil_live_survey", session.pk), {**hidden_fields(page), "item-a1": "2", "item-f1": "x" * 1001}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-textarea--error" in html and re.search(r'id="item-a1-2"[^>]*checked', html)


# --- Nothing for teachers -------------------------------------------------------------------------


def test_teacher_summary_leaves_flagged_items_out_and_says_so(flagged):
    for who, value in zip(flagged.pupils, [1, 2, 4, 5, 5], strict=True):
        send(flagged, who, {"a1": value, "a2": 6 - value, "s1": value, "f1": "A worry of mine"})
    summary = summarise_class_survey(assignment=flagged.assignment, threshold=3)
    assert [item.key for item in summary.items] == ["a1", "a2"]
    assert (summary.sensitive_items, summary.free_text_items) == (1, 1)

    url = reverse("learning:survey_summary", args=[flagged.assignment.school_class_id, flagged.assignment.pk])
    html = teacher_client(flagged).get(url).content.decode()
    assert 'id="sensitive-items"' in html and "never shown to teachers" in html
    assert SENSITIVE_TEXT not in html and "A worry of mine" not in html
    assert "Statement a1" in html, "the other items are still shown"


def test_answers_given_while_an_item_was_flagged_stay_out_after_it_is_unflagged(flagged):
    for who in flagged.pupils[:3]:
        send(flagged, who, {"s1": 1})
    flagged.survey.questions = questions(sensitive=False)
    flagged.survey.save()
    unflagged = record_version(instrument=flagged.survey)
    for who, value in zip(flagged.pupils[3:], [4, 5], strict=True):
        send(flagged, who, {"s1": value}, version=unflagged)
    summary = summarise_class_survey(assignment=flagged.assignment, threshold=2)
    (s1,) = [item for item in summary.items if item.key == "s1"]
    (pre,) = s1.waves
    assert pre.answered == 2 and pre.mean == 4.5, "only the two answers given unflagged"


def test_class_csv_item_analysis_and_live_screens_carry_no_flagged_answers(flagged, live):
    for who, value in zip(flagged.pupils, [1, 2, 4, 5, 5], strict=True):
        send(flagged, who, {"a1": 3, "s1": value})
    teacher = teacher_client(flagged)
    klass = flagged.assignment.school_class
    response = teacher.get(reverse("learning:class_progress_csv", args=[klass.pk]))
    text = b"".join(response.streaming_content).decode()
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert "Pre survey" in header and len(rows) == 5
    assert SENSITIVE_TEXT not in text and "s1" not in text
    assert {row[header.index("Pre survey")] for row in rows} == {"Done"}
    analysis = teacher.get(reverse("learning:item_analysis", args=[klass.pk, flagged.assignment.pk]))
    assert analysis.status_code == 200 and SENSITIVE_TEXT not in analysis.content.decode()

    world, session, clients = live
    for client, value in zip(clients, ["1", "3", "5"], strict=True):
        page = client.get(live_url("pupil_live_lesson", session.pk)).content.decode()
        client.post(live_url("pupil_live_survey", session.pk), {**hidden_fields(page), "item-s1": value})
    counts = live_counts(session)
    assert counts.answered == 3 and not counts.shows_result and counts.choices == [] and counts.questions == []
    for name in ("live_screen", "live_session"):
        html = world.teacher_client().get(live_url(name, session.pk)).content.decode()
        assert SENSITIVE_TEXT not in html


# --- Still there for the evaluation ---------------------------------------------------------------


def test_evaluator_export_keeps_flagged_answers(flagged):
    send(flagged, flagged.pupils[0], {"a1": 3, "s1": 5})
    send(flagged, flagged.pupils[1], {"a1": 3})
    rows = [dict(zip(HEADER, row, strict=True)) for row in answer_rows(EvaluatorFilters())]
    s1 = {(row["research_key"], row["raw_value"], row["skipped"]) for row in rows if row["item_key"] == "s1"}
    assert s1 == {(str(flagged.pupils[0].research_key), 5, False), (str(flagged.pupils[1].research_key), None, True)}


def test_commissioner_scale_scores_count_flagged_items_in_their_scale(flagged):
    scales = VersionScales.from_definition(
        survey_id=flagged.survey.pk, survey_key=flagged.survey.key, number=1, definition=flagged.version.definition
    )
    assert scales.scales["attitudes"] == ("a1", "a2", "s1")
    # (2 + 3 + 4) / 3 = 3.0
    assert scale_scores(scales, {"a1": 2, "a2": 3, "s1": 4}) == {"attitudes": 3.0}
