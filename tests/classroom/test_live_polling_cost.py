"""A live lesson's poll costs no database query and no session write, and a device that sends back
the ETag it was given gets a bodyless 304 while nothing changed.

With sessions read through the cache, a poll is answered before the session middleware
(``classroom.live_poll``): the same answer as the view's, and the view's answer whenever the
cache cannot vouch for it (a session ended, moved to another class, or not in the cache)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classroom.models import LiveSession
from classroom.services.live import open_activity, start_session
from config.session_store import SessionStore
from schools.models import Pupil
from schools.services.pupils import reset_login_code
from tests.classroom.live_world import SCENARIO_ID, make_live_world, url
from tests.learning.pupil_client import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_sessions(settings):
    """Sessions read through the cache, as whenever the cache is shared (REDIS_URL)."""
    settings.SESSION_ENGINE = "config.session_store"


@pytest.fixture
def polling(programme, shared_sessions):
    world = make_live_world(programme)
    start_session(school_class=world.klass, assignment=world.assignment, lesson=world.lesson, teacher=world.teacher)
    session = LiveSession.objects.open().get(school_class=world.klass)
    client = world.pupil_client(0)
    assert client.post(url("pupil_live_join_session", session.pk)).status_code == 302
    page = client.get(url("pupil_live_lesson", session.pk)).content.decode()
    state_url = page.split('data-live-state-url="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    return session, client, state_url


def answered_before_the_view(response) -> bool:
    """Whether the lean path answered: the session middleware never ran for this request."""
    return not hasattr(response.wsgi_request, "session")


def poll(client, state_url, **headers):
    return client.get(f"{state_url}&since=0", headers={"accept": "application/json", **headers})


def test_a_poll_reads_and_writes_nothing_in_the_database(polling):
    _session, client, state_url = polling
    poll(client, state_url)  # the state is now in the cache

    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            response = poll(client, state_url)
            assert response.status_code == 200 and response.json()["changed"] is False
    assert queries.captured_queries == [], "no session row, no lesson row, no session written"
    assert "sessionid" not in response.cookies, "the session is not saved again"


def test_an_unchanged_state_answers_304_to_the_etag_it_gave(polling):
    session, client, state_url = polling
    first = poll(client, state_url)
    etag = first["ETag"]

    again = poll(client, state_url, if_none_match=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag

    open_activity(session=session, key=SCENARIO_ID)
    changed = poll(client, state_url, if_none_match=etag)
    assert changed.status_code == 200 and changed.json()["activity"] == SCENARIO_ID
    assert changed["ETag"] != etag


def test_a_signed_out_device_gets_401_even_with_a_matching_etag(polling):
    _session, client, state_url = polling
    etag = poll(client, state_url)["ETag"]
    client.post("/pupil/logout/")
    response = poll(client, state_url, if_none_match=etag)
    assert response.status_code == 401 and response.json()["signed_out"] is True


def test_signing_out_is_seen_at_once_with_sessions_read_through_the_cache(polling, settings):
    _session, client, state_url = polling
    copied = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/pupil/logout/")

    # The same cookie sent again (a copy kept elsewhere) no longer signs anyone in.
    client.cookies[settings.SESSION_COOKIE_NAME] = copied
    assert poll(client, state_url).status_code == 401


def test_a_poll_is_answered_before_the_session_middleware_as_the_view_would(polling, settings):
    _session, client, state_url = polling
    first = poll(client, state_url)
    assert not answered_before_the_view(first), "the first poll puts the lesson's state in the cache"
    lean = poll(client, state_url)
    assert answered_before_the_view(lean)

    # The session not in the cache: the view answers, reading it from the database.
    cache.delete(SessionStore.cache_key_prefix + client.cookies[settings.SESSION_COOKIE_NAME].value)
    full = poll(client, state_url)
    assert not answered_before_the_view(full)

    assert lean.status_code == full.status_code == 200
    assert lean.json() == full.json()
    ignored = {"Date", "Expires", "X-Request-ID"}
    assert {k: v for k, v in lean.items() if k not in ignored} == {k: v for k, v in full.items() if k not in ignored}
    assert poll(client, state_url, if_none_match=lean["ETag"]).status_code == 304


def test_an_idle_session_is_left_to_the_view_which_signs_the_pupil_out(polling, settings):
    _session, client, state_url = polling
    pupil_session = client.session
    idle = timezone.now() - timedelta(minutes=settings.PUPIL_SESSION_IDLE_MINUTES + 1)
    pupil_session[settings.PUPIL_SESSION_KEY] = {
        **pupil_session[settings.PUPIL_SESSION_KEY],
        "seen": int(idle.timestamp()),
    }
    pupil_session.save()
    response = poll(client, state_url)
    assert not answered_before_the_view(response)
    assert response.status_code == 401 and response.json()["signed_out"] is True
    assert poll(client, state_url).status_code == 401, "and it stays signed out"


def test_a_pupil_now_signed_in_to_another_class_gets_403_not_the_state(polling):
    session, client, state_url = polling
    poll(client, state_url)  # the state is now in the cache
    outsider = Pupil.objects.exclude(school=session.school_class.school_id).get()
    klass = outsider.memberships.get().school_class
    sign_in(client, outsider, klass, reset_login_code(pupil=outsider, actor=None))
    response = poll(client, state_url)
    assert response.status_code == 403 and "revision" not in response.json()


def test_a_forged_token_or_another_lessons_token_gets_404(polling):
    session, client, state_url = polling
    assert poll(client, state_url.replace("token=", "token=x")).status_code == 404
    token = state_url.split("token=", 1)[1]
    other_lesson = reverse("classroom:pupil_live_state", args=[session.pk + 1]) + f"?token={token}"
    assert poll(client, other_lesson).status_code == 404


def test_a_posted_poll_is_refused_by_the_view(polling):
    _session, client, state_url = polling
    response = client.post(f"{state_url}&since=0", headers={"accept": "application/json"})
    assert response.status_code == 405
