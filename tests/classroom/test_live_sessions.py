"""Live class lessons: starting, pupils joining and answering, and what the screens show."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classroom.models import Attendance, LiveActivity, LiveSession
from classroom.services import live_counts as counts_module
from classroom.services.live import (
    SessionRefusedError,
    end_session,
    join_session,
    open_activity,
    session_state,
    start_session,
)
from classroom.services.live_counts import live_counts
from learning.models import ActivityAnswer, LessonProgress, ModuleProgress, QuizAttempt, SurveyResponse
from learning.services.lessons import record_lesson_taught
from schools.services.pupils import reset_login_code
from tests.classroom.live_world import (
    CHECK_ID,
    NAME_STEM,
    SCENARIO_ID,
    give_dsl,
    hidden_fields,
    make_live_world,
    url,
)
from tests.learning.pupil_client import sign_in

pytestmark = pytest.mark.django_db

RESULT_HEADING = "How the class answered"


@pytest.fixture
def fresh_counts(monkeypatch):
    """Counts computed afresh on every request (in use they are cached for a moment)."""
    monkeypatch.setattr(counts_module, "COUNTS_TTL", 0)


@pytest.fixture
def world(programme):
    return make_live_world(programme)


def _start(world) -> LiveSession:
    return start_session(
        school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher
    )


def _joined(world, count: int):
    """Signed-in pupil clients that joined the running session, as pupils do."""
    session = LiveSession.objects.open().get(school_class=world.klass)
    clients = []
    for index in range(count):
        client = world.pupil_client(index)
        response = client.post(url("pupil_live_join_session", session.pk))
        assert response.status_code == 302
        clients.append(client)
    return session, clients


def _assert_no_names(html: str, world) -> None:
    assert NAME_STEM not in html
    for pupil in world.pupils:
        assert pupil.last_name not in html
        assert str(pupil.research_key) not in html


# --- A whole class, through the test client ------------------------------------------------------


def test_thirty_pupils_answer_a_live_lesson_once_each_and_the_counts_are_right(programme, fresh_counts):
    world = make_live_world(programme, pupils=30)
    teacher = world.teacher_client()
    response = teacher.post(
        url("live_start", world.klass.pk), {"assignment": world.assignment.pk, "lesson": world.lesson.pk}
    )
    session = LiveSession.objects.get(school_class=world.klass)
    assert response.status_code == 302 and response.url == url("live_session", session.pk)

    pupils = []
    for index in range(30):
        client = world.pupil_client(index)
        home = client.get("/pupil/").content.decode()
        assert "Your class lesson has started" in home
        client.post(url("pupil_live_join_session", session.pk))
        pupils.append(client)
    assert Attendance.objects.filter(session=session, present=True).count() == 30

    teacher.post(url("live_activity", session.pk), {"action": "open", "key": SCENARIO_ID})
    # Choices 0, 1, 2 in turn: ten pupils each. Every pupil clicks twice.
    for index, client in enumerate(pupils):
        page = client.get(url("pupil_live_lesson", session.pk)).content.decode()
        assert "What could Sam do?" in page
        for _ in range(2):
            response = client.post(url("pupil_live_answer", session.pk), {"block": SCENARIO_ID, "choice": index % 3})
            assert response.status_code == 302
        if index == 3:
            screen = teacher.get(url("live_screen", session.pk)).content.decode()
            assert '<strong class="govuk-!-font-size-48">4</strong> answered' in screen
            assert RESULT_HEADING not in screen, "nothing shown below five answers"
        if index == 4:
            screen = teacher.get(url("live_screen", session.pk)).content.decode()
            assert RESULT_HEADING in screen
    answers = ActivityAnswer.objects.filter(assignment=world.assignment, block_id=SCENARIO_ID)
    assert answers.count() == 30
    assert set(answers.values_list("in_class", flat=True)) == {True}
    counts = teacher.get(url("live_counts", session.pk)).json()
    assert counts["summary"] == "30 joined, 30 answered"
    session.refresh_from_db()
    data = live_counts(session)
    assert [choice.count for choice in data.choices] == [10, 10, 10]
    assert [choice.percent for choice in data.choices] == [33, 33, 33]

    # The module's other lesson was taught before: the end-of-module quiz opens once every lesson is done.
    record_lesson_taught(assignment=world.assignment, lesson=world.later_lesson, pupils=world.pupils)
    teacher.post(url("live_activity", session.pk), {"action": "open", "key": LiveActivity.QUIZ})
    for index, client in enumerate(pupils):
        page = client.get(url("pupil_live_lesson", session.pk)).content.decode()
        fields = hidden_fields(page)
        assert fields["activity"] == "quiz"
        # The first twelve get both right; the rest get only the first right.
        form = {**fields, "answer-q1": "a", "answer-q2": "b" if index < 12 else "a"}
        for _ in range(2):
            response = client.post(url("pupil_live_quiz", session.pk), form)
            assert response.status_code == 302
    assert QuizAttempt.objects.filter(assignment=world.assignment, wave="post").count() == 30
    session.refresh_from_db()
    data = live_counts(session)
    assert data.answered == 30
    assert [(question.right, question.percent) for question in data.questions] == [(30, 100), (12, 40)]
    assert ModuleProgress.objects.filter(assignment=world.assignment, quiz_attempts=1).count() == 30
    taught = LessonProgress.objects.filter(lesson=world.lesson, completed_at__isnull=False, taught_in_class=True)
    assert taught.count() == 30, "answering the end-of-module quiz in the lesson records it taught"

    for page_name in ("live_session", "live_screen"):
        _assert_no_names(teacher.get(url(page_name, session.pk)).content.decode(), world)
    _assert_no_names(teacher.get(url("live_counts", session.pk)).content.decode(), world)


def test_end_of_module_quiz_in_class_waits_for_the_other_lessons(world):
    """Refused with the reason (nothing stored, not even this lesson as taught) until the rest are done."""
    session = _start(world)
    session, (client,) = _joined(world, 1)
    open_activity(session=session, key=LiveActivity.QUIZ)
    reason = "The end-of-module quiz opens once you have finished every lesson of the module."
    assert reason in client.get(url("pupil_live_lesson", session.pk)).content.decode()
    form = {
        "activity": LiveActivity.QUIZ,
        "version": world.quiz_version.pk,
        "key": "8d3c2f8e-5b7a-4c1e-9f7d-2a6b1c0e9d4f",
        "answer-q1": "a",
        "answer-q2": "b",
    }
    response = client.post(url("pupil_live_quiz", session.pk), form)
    assert response.status_code == 400 and reason in response.content.decode()
    assert not QuizAttempt.objects.exists() and not LessonProgress.objects.filter(lesson=world.lesson).exists()

    record_lesson_taught(assignment=world.assignment, lesson=world.later_lesson, pupils=world.pupils[:1])
    assert 'name="answer-q1"' in client.get(url("pupil_live_lesson", session.pk)).content.decode()
    assert client.post(url("pupil_live_quiz", session.pk), form).status_code == 302
    assert QuizAttempt.objects.get().wave == "post"
    assert LessonProgress.objects.get(lesson=world.lesson).taught_in_class


def test_nothing_is_shown_of_how_the_class_answered_below_five_answers(programme, fresh_counts):
    world = make_live_world(programme, pupils=6)
    session = _start(world)
    session, clients = _joined(world, 6)
    open_activity(session=session, key=CHECK_ID)
    teacher = world.teacher_client()
    for client in clients[:4]:
        client.post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 1})
    screen = teacher.get(url("live_screen", session.pk)).content.decode()
    assert RESULT_HEADING not in screen
    assert "Yes, at any time" not in screen, "no choice text, so no count can be read against it"
    assert "1 more to go" in screen
    clients[4].post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 0})
    screen = teacher.get(url("live_screen", session.pk)).content.decode()
    assert RESULT_HEADING in screen and "Right answer" in screen


def test_surveys_and_the_quiz_before_the_lessons_only_show_how_many_answered(world, fresh_counts):
    session = _start(world)
    session, clients = _joined(world, 3)
    open_activity(session=session, key=LiveActivity.PRE_SURVEY)
    for client in clients:
        fields = hidden_fields(client.get(url("pupil_live_lesson", session.pk)).content.decode())
        response = client.post(url("pupil_live_survey", session.pk), {**fields, "item-a1": "4", "item-a2": "2"})
        assert response.status_code == 302
    assert SurveyResponse.objects.filter(assignment=world.assignment, wave="pre").count() == 3
    session.refresh_from_db()
    counts = live_counts(session)
    assert counts.answered == 3 and not counts.shows_result and not counts.waiting_for
    assert "Survey answers are private" in world.teacher_client().get(url("live_screen", session.pk)).content.decode()


def test_counts_are_cached_briefly_per_revision(world):
    session = _start(world)
    session, clients = _joined(world, 2)
    session = open_activity(session=session, key=CHECK_ID)
    assert live_counts(session).answered == 0
    clients[0].post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 0})
    assert live_counts(session).answered == 0, "still the cached counts"
    session = open_activity(session=session, key=CHECK_ID)
    assert live_counts(session).answered == 1, "a new revision is counted afresh"


# --- Starting -------------------------------------------------------------------------------------


def test_sensitive_module_cannot_start_without_a_dsl_on_record(programme):
    world = make_live_world(programme, sensitive=True, with_dsl=False)
    world.tick_checklist()
    response = world.teacher_client().post(
        url("live_start", world.klass.pk), {"assignment": world.assignment.pk, "lesson": world.lesson.pk}
    )
    assert response.status_code == 400
    assert "no designated safeguarding lead" in response.content.decode()
    assert not LiveSession.objects.exists()
    give_dsl(world.school)
    response = world.teacher_client().post(
        url("live_start", world.klass.pk), {"assignment": world.assignment.pk, "lesson": world.lesson.pk}
    )
    assert response.status_code == 302
    assert LiveSession.objects.filter(school_class=world.klass, ended_at__isnull=True).count() == 1


def test_sensitive_module_needs_the_checklist_too(programme):
    world = make_live_world(programme, sensitive=True)
    with pytest.raises(SessionRefusedError) as refused:
        _start(world)
    assert any("checklist" in reason for reason in refused.value.reasons)


def test_starting_twice_keeps_one_session_and_another_lesson_must_wait(world):
    first = _start(world)
    assert _start(world) == first
    other_lesson = world.module.lessons().exclude(pk=world.lesson.pk).get()
    with pytest.raises(SessionRefusedError):
        start_session(school_class=world.klass, assignment=world.assignment, lesson=other_lesson, teacher=world.teacher)
    end_session(session=first)
    assert (
        start_session(
            school_class=world.klass, assignment=world.assignment, lesson=other_lesson, teacher=world.teacher
        ).pk
        != first.pk
    )


def test_tampered_start_form_is_refused(world):
    client = world.teacher_client()
    for form in ({"assignment": world.assignment.pk, "lesson": "x"}, {"assignment": 999999, "lesson": world.lesson.pk}):
        assert client.post(url("live_start", world.klass.pk), form).status_code == 400
    assert not LiveSession.objects.exists()


def test_unknown_activity_cannot_be_opened(world):
    session = _start(world)
    response = world.teacher_client().post(
        url("live_activity", session.pk), {"action": "open", "key": "nope"}, follow=True
    )
    assert "not part of this lesson" in response.content.decode()
    session.refresh_from_db()
    assert session.current_activity == "" and session.revision == 0


def test_an_ended_lesson_opens_nothing_and_ends_once(world):
    session = _start(world)
    stale = LiveSession.objects.get(pk=session.pk)
    end_session(session=session)
    with pytest.raises(SessionRefusedError):
        open_activity(session=stale, key=CHECK_ID)
    ended = LiveSession.objects.get(pk=session.pk)
    assert ended.current_activity == "" and ended.revision == 1
    assert end_session(session=stale).ended_at == ended.ended_at


# --- Pupils ---------------------------------------------------------------------------------------


def test_pupil_joins_with_class_code_and_personal_code(world):
    session = _start(world)
    client = Client()
    response = client.post(url("pupil_live_join"), {"class_code": world.klass.class_code, "pupil_code": world.codes[0]})
    assert response.status_code == 302 and response.url == url("pupil_live_lesson", session.pk)
    row = Attendance.objects.get(session=session, pupil=world.pupils[0])
    assert row.present and row.joined_at is not None
    page = client.get(response.url).content.decode()
    assert "Wait for your teacher" in page
    assert "Check for the next activity" in page, "works without JavaScript"


def test_wrong_codes_do_not_join(world):
    session = _start(world)
    response = Client().post(url("pupil_live_join"), {"class_code": world.klass.class_code, "pupil_code": "ZZZ999"})
    assert response.status_code == 200
    assert "We could not sign you in" in response.content.decode()
    assert not Attendance.objects.filter(session=session).exists()


def test_pupil_home_shows_the_prompt_only_while_the_lesson_runs(world):
    client = world.pupil_client(0)
    assert "Your class lesson has started" not in client.get("/pupil/").content.decode()
    session = _start(world)
    assert "Your class lesson has started" in client.get("/pupil/").content.decode()
    end_session(session=session)
    assert "Your class lesson has started" not in client.get("/pupil/").content.decode()


def test_pupil_sees_the_opened_activity_and_keeps_the_first_answer(world):
    session = _start(world)
    session, (client,) = _joined(world, 1)
    open_activity(session=session, key=CHECK_ID)
    first = client.post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 1})
    assert first["Location"] == url("pupil_live_lesson", session.pk) + "#feedback", "the page opens on the feedback"
    client.post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 0})
    answer = ActivityAnswer.objects.get(pupil=world.pupils[0], block_id=CHECK_ID)
    assert answer.choice == 1 and answer.correct is False and answer.in_class
    page = client.get(url("pupil_live_lesson", session.pk)).content.decode()
    assert "Not quite." in page and "Anyone can change their mind." in page


@pytest.mark.parametrize(
    "form",
    [{"block": CHECK_ID}, {"block": CHECK_ID, "choice": "7"}, {"block": "not-a-block", "choice": "0"}],
    ids=["no-choice", "choice-out-of-range", "unknown-block"],
)
def test_tampered_answers_store_nothing(world, form):
    session = _start(world)
    session, (client,) = _joined(world, 1)
    open_activity(session=session, key=CHECK_ID)
    response = client.post(url("pupil_live_answer", session.pk), form)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not ActivityAnswer.objects.exists()


def test_pupil_who_has_not_joined_cannot_answer(world):
    session = _start(world)
    open_activity(session=session, key=CHECK_ID)
    client = world.pupil_client(0)
    response = client.post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 0})
    assert response.status_code == 400
    assert not ActivityAnswer.objects.exists()


def test_answers_are_taken_a_few_minutes_after_the_end_then_refused(world):
    session = _start(world)
    session, (client,) = _joined(world, 1)
    open_activity(session=session, key=CHECK_ID)
    end_session(session=session)
    assert client.post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 0}).status_code == 302
    LiveSession.objects.filter(pk=session.pk).update(ended_at=timezone.now() - timedelta(minutes=10))
    response = Client()
    sign_in(response, world.pupils[1], world.klass, world.codes[1])
    join = Attendance.objects.create(session=session, pupil=world.pupils[1], joined_at=timezone.now())
    assert join.present
    refused = response.post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 0})
    assert refused.status_code == 400
    assert ActivityAnswer.objects.count() == 1


def test_teacher_correction_stands_when_the_pupil_joins_again(world):
    session = _start(world)
    Attendance.objects.create(session=session, pupil=world.pupils[0], present=False, source="teacher")
    row = join_session(session=session, pupil=world.pupils[0])
    assert row.present is False and row.joined_at is not None


# --- Polling --------------------------------------------------------------------------------------


def _state_url(client, session) -> str:
    """The state address the pupil's lesson page gives its script."""
    page = client.get(url("pupil_live_lesson", session.pk)).content.decode()
    return page.split('data-live-state-url="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


def _poll(client, state_url: str):
    """A request as the page's script makes it: JSON only, in the background."""
    return client.get(f"{state_url}&since=0", headers={"accept": "application/json"})


def test_polling_reads_only_the_session_and_otherwise_answers_from_the_cache(world, settings):
    # Sessions kept in the database alone (no shared cache, as in the demo); with Redis the
    # session is read from the cache too (test_live_polling_cost.py).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    session = _start(world)
    session, (client,) = _joined(world, 1)
    state_url = _state_url(client, session)
    first = _poll(client, state_url).json()
    assert first == {"revision": 0, "changed": False, "activity": "", "ended": False, "poll_ms": 4000}
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert _poll(client, state_url).json()["changed"] is False
    tables = {re.search(r'FROM "(\w+)"', query["sql"]).group(1) for query in queries.captured_queries}
    assert tables == {"django_session"}, "the pupil's session only, which the middleware loads anyway"
    assert len(queries.captured_queries) == 5
    open_activity(session=session, key=SCENARIO_ID)
    changed = _poll(client, state_url).json()
    assert changed["changed"] is True and changed["revision"] == 1 and changed["activity"] == SCENARIO_ID


def test_polling_after_the_pupil_is_signed_out_answers_401_with_the_sign_in_page(world):
    session = _start(world)
    session, (client,) = _joined(world, 1)
    state_url = _state_url(client, session)
    assert _poll(client, state_url).status_code == 200
    client.post(reverse("schools:pupil_logout"))
    response = _poll(client, state_url)
    assert response.status_code == 401
    assert response.json()["signed_out"] is True
    assert response.json()["sign_in_url"] == reverse("schools:pupil_login")
    assert _poll(Client(), state_url).status_code == 401, "a device that never signed in gets nothing either"


def test_polling_after_the_pupil_session_expired_answers_401(world, settings):
    session = _start(world)
    session, (client,) = _joined(world, 1)
    state_url = _state_url(client, session)
    pupil_session = client.session
    idle = timezone.now() - timedelta(minutes=settings.PUPIL_SESSION_IDLE_MINUTES + 1)
    pupil_session[settings.PUPIL_SESSION_KEY] = {
        **pupil_session[settings.PUPIL_SESSION_KEY],
        "seen": int(idle.timestamp()),
    }
    pupil_session.save()
    response = _poll(client, state_url)
    assert response.status_code == 401 and response.json()["signed_out"] is True
    again = _poll(client, state_url)
    assert again.status_code == 401, "and it stays signed out"
    assert again.json()["sign_in_url"] == reverse("schools:pupil_login")


def test_polling_from_a_pupil_now_signed_in_to_another_class_answers_403(world):
    session = _start(world)
    session, (client,) = _joined(world, 1)
    state_url = _state_url(client, session)
    sign_in(client, world.other_pupil)
    response = _poll(client, state_url)
    assert response.status_code == 403 and response.json()["sign_in_url"] == reverse("schools:pupil_login")


def test_the_lesson_page_tells_its_script_where_to_sign_in_again(world):
    session = _start(world)
    session, (client,) = _joined(world, 1)
    page = client.get(url("pupil_live_lesson", session.pk)).content.decode()
    assert f'data-live-sign-in-url="{reverse("schools:pupil_login")}"' in page


def test_state_without_a_valid_token_answers_404(world):
    session = _start(world)
    session, (pupil,) = _joined(world, 1)
    assert pupil.get(url("pupil_live_state", session.pk) + "?token=forged&since=0").status_code == 404
    page = pupil.get(url("pupil_live_lesson", session.pk)).content.decode()
    token = page.split("token=", 1)[1].split('"', 1)[0]
    assert pupil.get(url("pupil_live_state", session.pk + 1) + f"?token={token}").status_code == 404


def test_state_is_read_from_the_database_once_then_cached(world, django_assert_num_queries):
    session = _start(world)
    cache.clear()
    with django_assert_num_queries(1):
        session_state(session.pk)
        session_state(session.pk)


# --- Other schools and classes --------------------------------------------------------------------


def test_other_school_cannot_reach_the_session(world):
    session = _start(world)
    outsider = world.teacher_client(world.other_teacher)
    for name in ("live_session", "live_screen", "live_counts", "register"):
        assert outsider.get(url(name, session.pk)).status_code == 404, name
    for name in ("live_activity", "live_end", "register"):
        assert outsider.post(url(name, session.pk), {"action": "open", "key": CHECK_ID}).status_code == 404, name
    assert outsider.get(url("live_start", world.klass.pk)).status_code == 404
    session.refresh_from_db()
    assert session.is_open and session.revision == 0


def test_pupil_of_another_class_cannot_reach_the_session(world):
    session = _start(world)
    client = Client()
    sign_in(client, world.other_pupil, world.other_klass, reset_login_code(pupil=world.other_pupil, actor=None))
    assert client.get(url("pupil_live_lesson", session.pk)).status_code == 404
    assert client.post(url("pupil_live_join_session", session.pk)).status_code == 404
    assert client.post(url("pupil_live_answer", session.pk), {"block": CHECK_ID, "choice": 0}).status_code == 404
    assert not Attendance.objects.exists()


def test_projected_screen_shows_a_qr_code_that_opens_joining_with_the_class_code_filled_in(world):
    from schools.join_links import qr_svg_uri

    session = _start(world)
    screen = world.teacher_client().get(url("live_screen", session.pk)).content.decode()
    join = f"{url('pupil_live_join')}?class={world.klass.class_code}"
    expected = qr_svg_uri(f"http://testserver{join}", "QR code for joining the lesson")
    assert f'src="{expected}"' in screen
    assert 'alt="QR code that opens the page for joining this lesson with the class code filled in"' in screen
    page = Client().get(join).content.decode()
    assert re.search(rf'<input[^>]*name="class_code"[^>]*value="{world.klass.class_code}"', page)
