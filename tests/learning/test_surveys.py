import datetime
import re
import uuid

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.versioning import record_version
from learning.models import FollowUpWindow, ModuleProgress, SurveyAnswer, SurveyResponse, Wave
from learning.scoring import SubmissionRejectedError
from learning.services.lessons import complete_lesson
from learning.services.progress import rebuild_progress
from learning.services.quizzes import submit_quiz_attempt
from learning.services.surveys import open_follow_up, submit_survey_response, wave_is_open
from schools.services.pupils import record_opt_out
from tests.factories import SchoolFactory, SurveyFactory, likert, pupil, school_class, staff, stream
from tests.learning.conftest import all_right

pytestmark = pytest.mark.django_db


def send(s, answers=None, key=None, wave=Wave.PRE, **extra):
    return submit_survey_response(
        pupil=extra.pop("pupil", s.pupil),
        assignment=s.assignment,
        version=extra.pop("version", s.version),
        answers={"a1": "4", "a2": "2"} if answers is None else answers,
        key=key or uuid.uuid4(),
        wave=wave,
        **extra,
    )


def finish_lessons(s, who=None):
    for lesson in s.course.lessons:
        complete_lesson(pupil=who or s.pupil, assignment=s.assignment, lesson=lesson)


def take_quiz(s, who=None):
    return submit_quiz_attempt(
        pupil=who or s.pupil, assignment=s.assignment, version=s.course.version, answers=all_right(), key=uuid.uuid4()
    )


def progress_of(s, who=None):
    return ModuleProgress.objects.get(pupil=who or s.pupil, assignment=s.assignment)


def nothing_stored():
    return not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


# --- The service -----------------------------------------------------------------------------------


def test_answers_are_stored_raw_with_left_out_items_marked_skipped(surveyed):
    response = send(surveyed, {"a1": "5", "f1": "  It was fine.  "}, started_at=timezone.now())
    assert (response.wave, response.survey_version, response.skipped) == (Wave.PRE, surveyed.version, False)
    rows = {a.item_key: (a.value, a.text, a.skipped) for a in response.answers.all()}
    assert rows == {"a1": (5, "", False), "a2": (None, "", True), "f1": (None, "It was fine.", False)}
    assert progress_of(surveyed).pre_survey_done and not progress_of(surveyed).post_survey_done
    surveyed.version.refresh_from_db()
    assert surveyed.version.is_locked


def test_same_key_twice_stores_one_response(surveyed):
    key = uuid.uuid4()
    first = send(surveyed, key=key)
    again = send(surveyed, {"a1": "1"}, key=key)
    assert again.pk == first.pk
    assert SurveyResponse.objects.count() == 1
    assert list(first.answers.order_by("item_key").values_list("value", flat=True)) == [4, 2, None]


def test_key_of_another_pupil_is_refused(surveyed):
    key = uuid.uuid4()
    send(surveyed, key=key)
    with pytest.raises(SubmissionRejectedError):
        send(surveyed, key=key, pupil=surveyed.course.other_pupil)
    assert SurveyResponse.objects.count() == 1


def test_pre_survey_is_open_before_any_lesson_and_only_once(surveyed):
    assert wave_is_open(pupil=surveyed.pupil, assignment=surveyed.assignment, wave=Wave.PRE)
    send(surveyed)
    with pytest.raises(SubmissionRejectedError, match="already sent your answers"):
        send(surveyed)
    assert SurveyResponse.objects.count() == 1


def test_pre_survey_closes_once_a_lesson_is_complete(surveyed):
    complete_lesson(pupil=surveyed.pupil, assignment=surveyed.assignment, lesson=surveyed.course.lessons[0])
    with pytest.raises(SubmissionRejectedError, match="you have started the lessons"):
        send(surveyed)
    assert nothing_stored()


def test_post_survey_opens_only_after_every_lesson(surveyed):
    complete_lesson(pupil=surveyed.pupil, assignment=surveyed.assignment, lesson=surveyed.course.lessons[0])
    with pytest.raises(SubmissionRejectedError, match="once you have finished every lesson"):
        send(surveyed, wave=Wave.POST)
    assert nothing_stored()
    complete_lesson(pupil=surveyed.pupil, assignment=surveyed.assignment, lesson=surveyed.course.lessons[1])
    assert send(surveyed, wave=Wave.POST).wave == Wave.POST
    assert progress_of(surveyed).post_survey_done


def test_follow_up_only_inside_an_open_window(surveyed):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    finish_lessons(surveyed)
    open_follow_up(assignment=surveyed.assignment, opens_on=today - 9 * day, closes_on=today - day, actor=None)
    open_follow_up(assignment=surveyed.assignment, opens_on=today + day, closes_on=today + 9 * day, actor=None)
    with pytest.raises(SubmissionRejectedError, match="follow-up survey is not open now"):
        send(surveyed, wave=Wave.FOLLOW_UP)
    assert nothing_stored()
    window = open_follow_up(
        assignment=surveyed.assignment, opens_on=today, closes_on=today, actor=surveyed.course.teacher
    )
    assert window.opened_by == surveyed.course.teacher
    assert send(surveyed, wave=Wave.FOLLOW_UP).wave == Wave.FOLLOW_UP
    with pytest.raises(SubmissionRejectedError, match="already sent your answers"):
        send(surveyed, wave=Wave.FOLLOW_UP)


def test_follow_up_window_must_close_on_or_after_opening(surveyed):
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        open_follow_up(
            assignment=surveyed.assignment, opens_on=today, closes_on=today - datetime.timedelta(days=1), actor=None
        )
    assert not FollowUpWindow.objects.exists()


@pytest.mark.parametrize("kind", ["opt_out", "withdrawal"])
def test_pupils_out_of_the_evaluation_are_never_surveyed(surveyed, kind):
    record_opt_out(pupil=surveyed.pupil, kind=kind, on=timezone.localdate(), actor=surveyed.course.teacher)
    with pytest.raises(SubmissionRejectedError):
        send(surveyed)
    with pytest.raises(SubmissionRejectedError):
        send(surveyed, skipped=True, answers={})
    assert nothing_stored()


@pytest.mark.parametrize(
    "answers",
    [
        {"a1": "6"},
        {"a1": "0"},
        {"a1": "-1"},
        {"a1": "3.5"},
        {"a1": "yes"},
        {"zz": "3"},
        {"a1": "3", "a3": "3"},
        {"a1": "I feel fine"},
    ],
)
def test_out_of_range_values_or_unknown_items_are_rejected_and_nothing_stored(surveyed, answers):
    with pytest.raises(SubmissionRejectedError):
        send(surveyed, answers)
    assert nothing_stored()
    assert not ModuleProgress.objects.exists()
    surveyed.version.refresh_from_db()
    assert not surveyed.version.is_locked


def test_free_text_is_limited_to_1000_characters(surveyed):
    with pytest.raises(SubmissionRejectedError, match="1000 characters"):
        send(surveyed, {"f1": "x" * 1001})
    assert nothing_stored()
    assert send(surveyed, {"f1": "x" * 1000}).answers.get(item_key="f1").text == "x" * 1000


def test_survey_not_included_or_not_this_modules_is_refused(surveyed):
    other = record_version(instrument=SurveyFactory())
    with pytest.raises(SubmissionRejectedError, match="not part of this module"):
        send(surveyed, version=other)
    surveyed.assignment.include_surveys = False
    surveyed.assignment.save()
    with pytest.raises(SubmissionRejectedError, match="not part of this module"):
        send(surveyed)
    assert nothing_stored()


def test_pupil_of_another_school_or_class_is_refused(surveyed):
    school = SchoolFactory()
    outsider, _ = pupil(school_class(school, staff(school)), "Cai")
    neighbour, _ = pupil(school_class(surveyed.assignment.school_class.school, surveyed.course.teacher, "9S"), "Dev")
    for who in (outsider, neighbour):
        with pytest.raises(SubmissionRejectedError, match="not set for you"):
            send(surveyed, pupil=who)
    assert nothing_stored()


def test_skipping_the_whole_survey_counts_as_done(surveyed):
    response = send(surveyed, answers={"a1": "3"}, skipped=True)
    assert response.skipped and not response.answers.exists()
    assert progress_of(surveyed).pre_survey_done
    assert not wave_is_open(pupil=surveyed.pupil, assignment=surveyed.assignment, wave=Wave.PRE)


def test_answers_keep_the_version_the_pupil_was_given(surveyed):
    send(surveyed, pupil=surveyed.course.other_pupil)  # v1 answered: locked
    surveyed.survey.questions = stream([likert("b1")])
    surveyed.survey.save()
    newer = record_version(instrument=surveyed.survey)
    assert newer.number == 2
    late = send(surveyed, {"a1": "2", "a2": "5"}, version=surveyed.version)  # opened before the edit
    assert late.survey_version == surveyed.version
    assert sorted(late.answers.filter(skipped=False).values_list("item_key", flat=True)) == ["a1", "a2"]
    with pytest.raises(SubmissionRejectedError):
        send(surveyed, {"a1": "2"}, version=newer, pupil=surveyed.course.other_pupil, wave=Wave.POST)


# --- Completion --------------------------------------------------------------------------------------


def test_module_completion_waits_for_the_post_survey_when_surveys_are_included(surveyed):
    finish_lessons(surveyed)
    take_quiz(surveyed)
    assert progress_of(surveyed).completed_at is None, "the post survey has not been offered yet"
    response = send(surveyed, wave=Wave.POST, skipped=True)
    progress = progress_of(surveyed)
    assert progress.is_complete and progress.post_survey_done
    assert progress.completed_at == response.submitted_at


def test_module_completion_does_not_wait_for_a_survey_when_surveys_are_off(surveyed):
    surveyed.assignment.include_surveys = False
    surveyed.assignment.save()
    finish_lessons(surveyed)
    take_quiz(surveyed)
    assert progress_of(surveyed).is_complete


def test_module_completion_does_not_wait_for_a_survey_of_an_opted_out_pupil(surveyed):
    record_opt_out(pupil=surveyed.pupil, kind="opt_out", on=timezone.localdate(), actor=surveyed.course.teacher)
    finish_lessons(surveyed)
    take_quiz(surveyed)
    assert progress_of(surveyed).is_complete


def test_rebuilt_summaries_equal_the_incremental_ones_with_surveys(surveyed):
    send(surveyed)
    finish_lessons(surveyed)
    take_quiz(surveyed)
    send(surveyed, wave=Wave.POST)
    send(surveyed, pupil=surveyed.course.other_pupil, skipped=True)
    fields = [f.name for f in ModuleProgress._meta.fields if f.name not in {"id", "pupil", "assignment"}]
    kept = {p.pk: [getattr(p, f) for f in fields] for p in ModuleProgress.objects.all()}
    ModuleProgress.objects.all().delete()
    assert rebuild_progress() == 2
    rebuilt = {(p.pupil_id, p.assignment_id): [getattr(p, f) for f in fields] for p in ModuleProgress.objects.all()}
    assert sorted(rebuilt.values(), key=str) == sorted(kept.values(), key=str)
    mine = progress_of(surveyed)
    assert mine.is_complete and mine.pre_survey_done and mine.post_survey_done
    theirs = progress_of(surveyed, surveyed.course.other_pupil)
    assert theirs.pre_survey_done and theirs.first_activity_at is not None


# --- The pupil's page --------------------------------------------------------------------------------


def sign_in(client, who):
    session = client.session
    session[settings.PUPIL_SESSION_KEY] = {"pupil": who.pk, "class": who.memberships.get().school_class_id}
    session.save()
    return client


def url(s, wave=Wave.PRE):
    return reverse("learning:survey", args=[s.assignment.pk, wave])


def test_survey_page_explains_why_and_offers_each_item(client, surveyed):
    response = sign_in(client, surveyed.pupil).get(url(surveyed))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Your teacher will not see your answers." in page
    assert "You can skip any question, or the whole survey." in page
    assert page.count('type="radio"') == 10
    assert "<legend" in page and "Statement a1" in page
    assert '<textarea class="govuk-textarea govuk-js-character-count"' in page
    assert 'data-module="govuk-character-count"' in page and 'data-maxlength="1000"' in page
    assert 'aria-describedby="item-f1-who item-f1-hint item-f1-info"' in page
    assert "You can use up to 1000 characters" in page
    assert f'name="version" value="{surveyed.version.pk}"' in page
    assert "Send my answers" in page and "Skip the survey" in page


def post(client, s, data, wave=Wave.PRE):
    fields = {"version": s.version.pk, "key": str(uuid.uuid4()), "action": "send", **data}
    return client.post(url(s, wave), fields)


def test_sending_the_survey_stores_it_and_thanks_the_pupil(client, surveyed):
    sign_in(client, surveyed.pupil)
    page = client.get(url(surveyed)).content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    started = page.split('name="started" value="')[1].split('"')[0]
    data = {"key": key, "started": started, "item-a1": "4", "item-f1": ""}
    response = post(client, surveyed, data)
    again = post(client, surveyed, data)  # a double click
    assert response.status_code == again.status_code == 302
    stored = SurveyResponse.objects.get()
    assert str(stored.idempotency_key) == key and stored.started_at is not None
    assert dict(stored.answers.filter(skipped=False).values_list("item_key", "value")) == {"a1": 4}
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_skipping_from_the_page_stores_a_skipped_response(client, surveyed):
    response = post(sign_in(client, surveyed.pupil), surveyed, {"action": "skip", "item-a1": "2"})
    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert stored.skipped and not stored.answers.exists()


def test_too_long_free_text_is_shown_as_an_error_on_the_field(client, surveyed):
    response = post(sign_in(client, surveyed.pupil), surveyed, {"item-a1": "2", "item-f1": "x" * 1001})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#item-f1"' in page and "govuk-textarea--error" in page
    assert "Please keep your answer to 1000 characters or fewer." in page
    assert 'aria-describedby="item-f1-who item-f1-hint item-f1-error item-f1-info"' in page
    assert re.search(r'id="item-a1-2"[^>]*checked', page), "the pupil's choice is kept"
    assert nothing_stored()


def test_tampered_answers_are_refused_on_the_page(client, surveyed):
    response = post(sign_in(client, surveyed.pupil), surveyed, {"item-a1": "9", "item-zz": "1"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert nothing_stored()


def test_wave_not_open_leads_back_to_the_module_with_the_reason_and_answers_sent_to_it_are_refused(client, surveyed):
    sign_in(client, surveyed.pupil)
    module = reverse("learning:assignment", args=[surveyed.assignment.pk])
    reasons = {
        Wave.POST: "The survey after the lessons opens once you have finished every lesson of the module.",
        Wave.FOLLOW_UP: "The follow-up survey is not open now.",
    }
    for wave, reason in reasons.items():
        response = client.get(url(surveyed, wave), follow=True)
        assert response.redirect_chain == [(module, 302)]
        assert reason in response.content.decode()
    assert client.get(url(surveyed, "during")).status_code == 404
    response = post(client, surveyed, {"item-a1": "3"}, wave=Wave.POST)
    assert response.status_code == 400 and reasons[Wave.POST] in response.content.decode()
    assert not SurveyResponse.objects.exists()
    send(surveyed)
    # Going back to a survey already sent is no "Page not found".
    again = client.get(url(surveyed), follow=True)
    assert again.redirect_chain == [(module, 302)]
    assert "You have already sent your answers to this survey." in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_opted_out_pupil_never_sees_the_survey(client, surveyed):
    record_opt_out(pupil=surveyed.pupil, kind="opt_out", on=timezone.localdate(), actor=surveyed.course.teacher)
    sign_in(client, surveyed.pupil)
    assert client.get(url(surveyed)).status_code == 404
    assert post(client, surveyed, {"item-a1": "3"}).status_code == 404
    assert nothing_stored()


def test_survey_off_for_the_assignment_answers_404(client, surveyed):
    surveyed.assignment.include_surveys = False
    surveyed.assignment.save()
    assert sign_in(client, surveyed.pupil).get(url(surveyed)).status_code == 404


def test_pupil_of_another_school_or_class_gets_404(client, surveyed):
    school = SchoolFactory()
    outsider, _ = pupil(school_class(school, staff(school)), "Cai")
    neighbour, _ = pupil(school_class(surveyed.assignment.school_class.school, surveyed.course.teacher, "9S"), "Dev")
    for who in (outsider, neighbour):
        client.cookies.clear()
        sign_in(client, who)
        assert client.get(url(surveyed)).status_code == 404
        assert post(client, surveyed, {"item-a1": "3"}).status_code == 404
    assert nothing_stored()


def test_survey_page_needs_a_signed_in_pupil(client, surveyed):
    response = client.get(url(surveyed))
    assert response.status_code == 302 and response["Location"] == reverse("schools:pupil_login")
