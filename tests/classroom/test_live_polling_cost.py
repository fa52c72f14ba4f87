"""A live lesson's poll costs no database query and no session write, and a device that sends back
the ETag it was given gets a bodyless 304 while nothing changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from classroom.models import LiveSession
from classroom.services.live import open_activity, start_session
from tests.classroom.live_world import SCENARIO_ID, make_live_world, url

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
