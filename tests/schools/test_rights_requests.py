"""Rights requests: a school lead produces everything held about a pupil, or erases the pupil."""

import json
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classroom.services.live import join_session, start_session
from classroom.services.live_answers import answer_block
from classroom.services.questions import answer_in_writing, ask_question
from courses.versioning import record_version
from learning.services.activities import record_activity_answer
from learning.services.lessons import record_lesson_taught, record_position
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import submit_survey_response
from schools.models import AuditAction, AuditEvent, Pupil
from schools.services.erasure import ErasureResult
from schools.services.pupils import record_opt_out
from schools.services.subject_access.document import SECTIONS, collect_pupil_data
from schools.views.rights import erasure_message
from tests.classroom.live_world import CHECK_ID, SCENARIO_ID, make_live_world
from tests.factories import likert, staff, stream

pytestmark = pytest.mark.django_db

FREE_TEXT = "I felt uneasy about the group chat story because it happened to my cousin."
QUESTION = "What should I do if a friend keeps asking for my passwords?"
OTHER_QUESTION = "Someone else's question, never theirs"
REASON = "Request from parent received 3 Nov by email"
IP = "203.0.113.7"


def free_text(key: str) -> tuple[str, dict]:
    return ("free_text", {"key": key, "prompt": "Anything else you want to tell us?", "optional": True})


@pytest.fixture
def world(programme):
    """A pupil with one of every kind of record, a classmate with a question of their own, and
    a lead at another school."""
    world = make_live_world(programme, pupils=2)
    survey = world.module.attitude_survey
    survey.questions = stream([likert("a1"), free_text("f1")])
    survey.save()
    world.survey_version = record_version(instrument=survey)
    pupil, classmate = world.pupils
    submit_survey_response(
        pupil=pupil,
        assignment=world.assignment,
        version=world.survey_version,
        answers={"a1": "4", "f1": FREE_TEXT},
        key=uuid.uuid4(),
        wave="pre",
    )
    # The end-of-module quiz opens once every lesson is done.
    for lesson in (world.lesson, world.later_lesson):
        record_lesson_taught(assignment=world.assignment, lesson=lesson, pupils=[pupil])
    for answers in ({"q1": ["b"], "q2": ["b"]}, {"q1": ["a"], "q2": ["b"]}):
        submit_quiz_attempt(
            pupil=pupil, assignment=world.assignment, version=world.quiz_version, answers=answers, key=uuid.uuid4()
        )
    record_position(pupil=pupil, assignment=world.assignment, lesson=world.lesson, position=2)
    session = start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )
    join_session(session=session, pupil=pupil)
    answer_block(session=session, pupil=pupil, block_id=CHECK_ID, choice=0)
    record_activity_answer(
        pupil=pupil, assignment=world.assignment, lesson=world.lesson, block_id=SCENARIO_ID, choice=1
    )
    question = ask_question(pupil=pupil, school_class=world.klass, text=QUESTION)
    answer_in_writing(
        question=question,
        user=world.teacher,
        answer="Never share passwords; tell an adult you trust.",
        shown_text=QUESTION,
    )
    ask_question(pupil=classmate, school_class=world.klass, text=OTHER_QUESTION)
    record_opt_out(pupil=pupil, kind="opt_out", on=timezone.localdate() - timedelta(days=1), actor=world.lead)
    world.pupil = Pupil.objects.select_related("school").get(pk=pupil.pk)
    world.other_lead = staff(world.other_school, "school_lead", email="lead@brook.example.org")
    return world


def data_url(world, pupil=None, urn=None):
    return reverse("schools:pupil_data", args=[urn or world.school.urn, (pupil or world.pupil).pk])


def erase_url(world, pupil=None, urn=None):
    return reverse("schools:pupil_erase", args=[urn or world.school.urn, (pupil or world.pupil).pk])


def produce(client, world, output="page", reason=REASON, **extra):
    return client.post(data_url(world), {"reason": reason, "output": output}, **extra)


def lead_client(client, world):
    client.force_login(world.lead)
    return client


def audit_entries(action=AuditAction.SUBJECT_ACCESS):
    return AuditEvent.objects.filter(action=action)


# --- The data --------------------------------------------------------------------------------------


def test_every_section_is_filled_for_a_pupil_with_every_kind_of_record(world):
    data = collect_pupil_data(pupil=world.pupil)
    assert all(data[section] for section in SECTIONS)
    about = data["pupil"]
    assert (about["first_name"], about["last_name"], about["year_group"]) == (
        world.pupil.first_name,
        world.pupil.last_name,
        9,
    )
    assert about["research_key"] == str(world.pupil.research_key)
    assert about["opted_out_on"] == (timezone.localdate() - timedelta(days=1)).isoformat()
    assert about["in_evaluation"] is False
    assert data["class_memberships"][0]["class"] == "9F" and data["class_memberships"][0]["removed_at"] is None
    assert [a["module"] for a in data["assignments"]] == [world.module.title]
    assert data["lesson_progress"][0]["last_slide"] == 2
    assert data["module_progress"][0]["quiz_attempts"] == 2


def test_quiz_and_survey_answers_are_given_with_their_questions(world):
    data = collect_pupil_data(pupil=world.pupil)
    first, second = data["quiz_attempts"]
    assert (first["attempt_number"], first["score"], first["counts_for_evaluation"]) == (1, 1, True)
    assert (second["attempt_number"], second["score"], second["counts_for_evaluation"]) == (2, 2, False)
    assert first["answers"][0] == {
        "question_key": "q1",
        "question": "Question q1?",
        "selected": ["b"],
        "selected_text": ["Choice 1"],
        "correct": False,
        "points": 0,
    }
    (response,) = data["survey_responses"]
    by_item = {answer["item_key"]: answer for answer in response["answers"]}
    assert by_item["a1"]["value"] == 4 and by_item["a1"]["item"] == "Statement a1"
    assert by_item["f1"]["text"] == FREE_TEXT and by_item["f1"]["item"] == "Anything else you want to tell us?"


def test_activities_live_lessons_questions_and_audit_entries_are_the_pupils_own(world):
    data = collect_pupil_data(pupil=world.pupil)
    check, scenario = data["activity_answers"]
    assert (check["question"], check["choice_text"], check["correct"], check["in_class"]) == (
        "Can someone change their mind?",
        "Yes, at any time",
        True,
        True,
    )
    assert (scenario["kind"], scenario["choice_text"], scenario["correct"]) == ("scenario", "Message Priya", None)
    assert data["live_sessions"][0]["present"] is True and data["live_sessions"][0]["joined_at"]
    assert [(a["block_id"], a["choice"]) for a in data["live_sessions"][0]["answers"]] == [(CHECK_ID, 0)]
    assert [q["text"] for q in data["questions"]] == [QUESTION]
    assert data["questions"][0]["status"] == "answered_in_writing"
    assert {e["action"] for e in data["audit_events"]} == {AuditAction.PUPIL_CREATED, AuditAction.OPTED_OUT}


def test_data_is_plain_json_without_codes_or_digests(world):
    text = json.dumps(collect_pupil_data(pupil=world.pupil))
    assert world.pupil.login_code_digest not in text
    assert "digest" not in text
    assert OTHER_QUESTION not in text


def test_the_number_of_queries_does_not_grow_with_the_records(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):
        collect_pupil_data(pupil=world.pupil)
    with CaptureQueriesContext(connection) as before:
        collect_pupil_data(pupil=world.pupil)
    for _ in range(3):
        submit_quiz_attempt(
            pupil=world.pupil,
            assignment=world.assignment,
            version=world.quiz_version,
            answers={"q1": ["a"], "q2": ["a"]},
            key=uuid.uuid4(),
        )
    ask_question(pupil=world.pupil, school_class=world.klass, text="And another question?")
    with CaptureQueriesContext(connection) as after:
        data = collect_pupil_data(pupil=world.pupil)
    assert len(data["quiz_attempts"]) == 5 and len(data["questions"]) == 2
    assert len(after) == len(before)


def test_the_erasure_message_counts_what_was_deleted_and_kept():
    result = ErasureResult(
        reference="pupil #5",
        in_evaluation=True,
        free_text_answers_deleted=1,
        questions_deleted=2,
        attendance_records_deleted=1,
        evaluation_records_kept=7,
        audit_entries_redacted=3,
    )
    assert erasure_message(result) == (
        "The pupil has been erased and is now shown as pupil #5. "
        "Deleted: 1 written survey answer, 2 anonymous questions, 1 register entry. "
        "Kept without their name: 7 evaluation records."
    )
    assert erasure_message(ErasureResult(reference="pupil #6", in_evaluation=True)) == (
        "The pupil has been erased and is now shown as pupil #6. No records needed deleting."
    )


# --- Producing it -----------------------------------------------------------------------------------


def test_lead_sees_every_section_on_a_print_friendly_page(client, world):
    response = produce(lead_client(client, world), world)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "print-sheet" in html
    for text in (
        FREE_TEXT,
        QUESTION,
        "Question q1?",
        "Can someone change their mind?",
        str(world.pupil.research_key),
        world.lesson.title,
        world.module.title,
        "Opted out by a parent or carer",
        "Added " + world.pupil.display_name,
        REASON,
    ):
        assert text in html, text
    assert "None held." not in html
    assert "talk to your designated safeguarding lead" in html.lower()
    assert OTHER_QUESTION not in html


def test_lead_downloads_the_data_as_a_json_file(client, world):
    response = produce(lead_client(client, world), world, output="json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert set(SECTIONS) <= set(data)
    answers = [a["text"] for r in data["survey_responses"] for a in r["answers"]]
    assert FREE_TEXT in answers
    assert data["questions"][0]["text"] == QUESTION
    assert world.pupil.login_code_digest not in response.content.decode()
    assert "digest" not in response.content.decode()


def test_producing_the_data_is_audited_with_the_reason_and_address(client, world):
    produce(lead_client(client, world), world, output="json", REMOTE_ADDR=IP)
    entry = audit_entries().get()
    assert (entry.actor, entry.school, entry.target_type, entry.target_id) == (
        world.lead,
        world.school,
        "schools.Pupil",
        str(world.pupil.pk),
    )
    assert entry.detail == {"reason": REASON, "output": "json"}
    assert entry.ip_address == IP


def test_each_production_is_a_separate_audit_entry(client, world):
    client = lead_client(client, world)
    produce(client, world)
    produce(client, world, output="json")
    assert [e.detail["output"] for e in audit_entries().order_by("pk")] == ["page", "json"]


@pytest.mark.parametrize("reason", ["", "   ", "parent"])
def test_a_reason_is_required_and_nothing_is_produced_or_recorded_without_one(client, world, reason):
    response = produce(lead_client(client, world), world, output="json", reason=reason)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "There is a problem" in html
    assert FREE_TEXT not in html and QUESTION not in html
    assert not audit_entries().exists()


def test_opening_the_address_shows_the_form_not_the_data(client, world):
    response = lead_client(client, world).get(data_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="reason"' in html
    assert FREE_TEXT not in html and QUESTION not in html and str(world.pupil.research_key) not in html
    assert not audit_entries().exists()


def test_another_schools_lead_gets_not_found(client, world):
    client.force_login(world.other_lead)
    assert client.get(data_url(world)).status_code == 404
    assert produce(client, world).status_code == 404
    own_school_address = data_url(world, urn=world.other_school.urn)
    assert client.post(own_school_address, {"reason": REASON, "output": "json"}).status_code == 404
    assert client.post(erase_url(world, urn=world.other_school.urn), {}).status_code == 404
    assert not audit_entries().exists()


def test_a_teacher_who_is_not_the_lead_is_forbidden(client, world):
    client.force_login(world.teacher)
    assert client.get(data_url(world)).status_code == 403
    assert produce(client, world, output="json").status_code == 403
    assert client.get(erase_url(world)).status_code == 403
    assert not audit_entries().exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for response in (client.get(data_url(world)), produce(client, world), client.get(erase_url(world))):
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert not audit_entries().exists()


def test_an_erased_pupils_data_cannot_be_produced(client, world):
    Pupil.objects.filter(pk=world.pupil.pk).update(erased_at=timezone.now())
    response = produce(lead_client(client, world), world, output="json")
    assert response["Content-Type"].startswith("text/html")
    assert "This pupil has been erased" in response.content.decode()
    assert not audit_entries().exists()


# --- Entry points ------------------------------------------------------------------------------------


def test_lead_pupil_pages_link_to_both_requests(client, world):
    client = lead_client(client, world)
    for page in (
        reverse("schools:school_pupils", args=[world.school.urn]),
        reverse("schools:pupil_evaluation", args=[world.school.urn, world.pupil.pk]),
    ):
        html = client.get(page).content.decode()
        assert f'href="{data_url(world)}"' in html, page
        assert f'href="{erase_url(world)}"' in html, page


# --- Erasure ------------------------------------------------------------------------------------------


def erase(client, world, **data):
    return client.post(erase_url(world), data, REMOTE_ADDR=IP)


def assert_untouched(world):
    pupil = Pupil.objects.get(pk=world.pupil.pk)
    assert pupil.erased_at is None
    assert (pupil.first_name, pupil.last_name) == (world.pupil.first_name, world.pupil.last_name)
    assert not audit_entries(AuditAction.PUPIL_ERASED).exists()


def test_erasure_page_says_what_happens_before_anything_is_done(client, world):
    html = lead_client(client, world).get(erase_url(world)).content.decode()
    assert "cannot be undone" in html
    assert "published are not changed" in html
    assert 'name="reason"' in html and 'name="confirmation"' in html
    # Opted out: their learning records would go; a classmate in the evaluation keeps them, without a name.
    assert "records are deleted, because they are not taking part" in html
    classmate_page = client.get(erase_url(world, pupil=world.pupils[1])).content.decode()
    assert "records are kept without their name" in classmate_page
    assert_untouched(world)


def test_erasure_needs_a_reason_and_the_typed_name(client, world):
    html = erase(lead_client(client, world), world, reason="", confirmation="").content.decode()
    assert "Enter the reason" in html
    assert "Type the pupil&#x27;s full name to confirm." in html
    assert_untouched(world)


def test_a_wrong_name_erases_nothing(client, world):
    response = erase(lead_client(client, world), world, reason=REASON, confirmation="Wystan Somebody")
    assert response.status_code == 200
    assert "The name you typed does not match" in response.content.decode()
    assert_untouched(world)


def test_lead_erases_a_pupil_and_it_is_recorded(client, world):
    typed = f"  {world.pupil.display_name.upper()} "
    response = erase(lead_client(client, world), world, reason=REASON, confirmation=typed)
    assert response.status_code == 302
    assert response["Location"] == reverse("schools:school_pupils", args=[world.school.urn])
    pupil = Pupil.objects.get(pk=world.pupil.pk)
    assert pupil.erased_at is not None
    entry = audit_entries(AuditAction.PUPIL_ERASED).get()
    assert (entry.actor, entry.school, entry.ip_address) == (world.lead, world.school, IP)
    assert REASON in json.dumps(entry.detail)
    html = client.get(response["Location"]).content.decode()
    assert f"The pupil has been erased and is now shown as pupil #{pupil.pk}." in html
    # Opted out of the evaluation, so their learning records go too.
    assert "Deleted: 1 written survey answer, 1 anonymous question, 1 register entry, 2 quiz attempts" in html
    assert QUESTION not in json.dumps(collect_pupil_data(pupil=pupil))


def test_erasing_an_erased_pupil_says_so_and_does_nothing(client, world, monkeypatch):
    import schools.views.rights

    def must_not_run(*args, **kwargs):
        raise AssertionError("erase_pupil was called for an erased pupil")

    monkeypatch.setattr(schools.views.rights, "erase_pupil", must_not_run)
    erased_at = timezone.now() - timedelta(days=3)
    Pupil.objects.filter(pk=world.pupil.pk).update(erased_at=erased_at)
    client = lead_client(client, world)
    response = erase(client, world, reason=REASON, confirmation=world.pupil.display_name)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This pupil has been erased" in html and "Nothing has been changed" in html
    assert "Erase this pupil" not in html
    assert not audit_entries(AuditAction.PUPIL_ERASED).exists()
    pupils_page = client.get(reverse("schools:school_pupils", args=[world.school.urn])).content.decode()
    assert f'href="{erase_url(world)}"' not in pupils_page


def test_rights_requests_stop_at_the_limit_and_the_lockout_is_logged(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.RIGHTS_REQUEST_RATE = "2/h"
    client.force_login(world.lead)
    for _ in range(2):
        assert produce(client, world).status_code == 200
    refused = produce(client, world)
    assert refused.status_code == 429
    assert "wait" in refused.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.SUBJECT_ACCESS).count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT, school=world.pupil.school).count() == 1
    cache.clear()
