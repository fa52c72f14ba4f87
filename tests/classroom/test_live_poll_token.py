"""A live lesson's state token names its session, is refused once forged or too old, and stays
refused when old even though its signature was checked before."""

from django.core import signing

from classroom import live_poll
from classroom.live_poll import STATE_MAX_AGE, STATE_SALT, state_token, token_session_pk


def test_a_token_names_the_session_it_was_signed_for():
    token = state_token(42)
    assert token_session_pk(token) == 42
    assert token_session_pk(token) == 42, "and again, from the signature checked once"


def test_a_forged_or_altered_token_is_refused():
    token = state_token(42)
    assert token_session_pk(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert token_session_pk(signing.dumps(42, salt="another purpose")) is None
    assert token_session_pk(signing.dumps("42", salt=STATE_SALT)) is None, "only a session's number"
    assert token_session_pk("") is None and token_session_pk("no:colons:here") is None


def test_a_token_checked_before_is_refused_once_too_old(monkeypatch):
    token = state_token(7)
    assert token_session_pk(token) == 7
    now = live_poll.time.time()
    monkeypatch.setattr(live_poll.time, "time", lambda: now + STATE_MAX_AGE + 5)
    assert token_session_pk(token) is None
