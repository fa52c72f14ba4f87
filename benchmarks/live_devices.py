"""The devices of a live lesson benchmark: pupils' phones polling and answering, teachers' screens.

Each does over HTTP what the pages and their script do in a browser, and times every request.
"""

from __future__ import annotations

import random
import re
import sys
import threading
import time
from collections import defaultdict

import requests
from page_forms import choices, csrf_token, hidden_fields

PASSWORD = "bench-password-123"
STATE_URL = re.compile(r'data-live-state-url="([^"]+)"')
ANSWER_HIDDEN = {"version", "key", "activity", "block"}
SESSION_URL = re.compile(r"/teach/live/(\d+)/")


def post_form(session: requests.Session, url: str, data: dict, referer_page: str) -> requests.Response:
    token = csrf_token(referer_page)
    return session.post(url, data={**data, "csrfmiddlewaretoken": token}, headers={"Referer": url}, timeout=60)


class Recorder:
    def __init__(self, duration: float) -> None:
        self.duration = duration
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.answers_sent = 0
        self.timing = False

    def timed(self, kind: str, call, *args, **kwargs) -> requests.Response:
        started = time.perf_counter()
        response = call(*args, **kwargs)
        elapsed = time.perf_counter() - started
        if self.timing:
            with self.lock:
                self.latency[kind].append(elapsed)
                if response.status_code >= 400:
                    self.errors[kind] += 1
        return response


def teacher_login(base: str, email: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60).text
    post_form(session, f"{base}/accounts/login/", {"login": email, "password": PASSWORD}, page)
    return session


def start_lesson(base: str, klass: dict) -> tuple[requests.Session, int]:
    session = teacher_login(base, klass["email"])
    start = f"{base}/teach/classes/{klass['class']}/live/"
    page = session.get(start, timeout=60).text
    response = post_form(session, start, {"assignment": klass["assignment"], "lesson": klass["lesson"]}, page)
    match = SESSION_URL.search(response.url)
    if not match:
        sys.exit(f"Could not start the live lesson for class {klass['class']}: {response.status_code} {response.url}")
    return session, int(match.group(1))


def join(base: str, class_code: str, code: str) -> tuple[requests.Session, str]:
    """Sign a pupil in with the codes and join the running lesson; returns the state URL the page polls."""
    session = requests.Session()
    page = session.get(f"{base}/pupil/live/join/", timeout=60).text
    response = post_form(session, f"{base}/pupil/live/join/", {"class_code": class_code, "pupil_code": code}, page)
    match = STATE_URL.search(response.text)
    if not match:
        sys.exit(f"A pupil could not join: {response.status_code} {response.url}")
    return session, match.group(1).replace("&amp;", "&")


def answer_form(page: str) -> dict[str, str] | None:
    """The answer a pupil sends for the page's activity: the hidden fields and one choice per question."""
    fields = hidden_fields(page, ANSWER_HIDDEN)
    if "block" not in fields and "key" not in fields:
        return None
    for name, values in choices(page).items():
        if (name.startswith("answer-") or name == "choice") and values:
            fields[name] = random.choice(values)
    return fields


def pupil_device(base: str, session: requests.Session, state_url: str, session_pk: int, stop: float, rec: Recorder):
    revision = 0
    page_url = f"{base}/pupil/live/{session_pk}/"
    time.sleep(random.uniform(0, 4))
    etag = None
    while time.time() < stop:
        # As the page's script does: the ETag of the last answer goes back, and 304 means no change.
        headers = {"Accept": "application/json", **({"If-None-Match": etag} if etag else {})}
        state = rec.timed("poll", session.get, f"{base}{state_url}&since={revision}", headers=headers, timeout=60)
        if state.status_code == 304:
            interval = 4
        elif state.ok:
            etag = state.headers.get("ETag")
            data = state.json()
            if data["changed"]:
                etag = None
                revision = data["revision"]
                page = rec.timed("page", session.get, page_url, timeout=60).text
                form = answer_form(page)
                if form is not None:
                    time.sleep(random.uniform(1, 8))
                    target = "answer/" if "block" in form else "quiz/"
                    response = rec.timed("answer", post_form, session, page_url + target, form, page)
                    if response.ok:
                        with rec.lock:
                            rec.answers_sent += 1
            interval = data.get("poll_ms", 4000) / 1000
        else:
            interval = 8
        time.sleep(interval * random.uniform(0.75, 1.25))


def teacher_screen(
    base: str,
    session: requests.Session,
    session_pk: int,
    activities: list[str],
    start: float,
    rec: Recorder,
    together: bool,
):
    """Open each activity in turn, watching the counts every two seconds.

    Each class keeps its own time (its first activity somewhere in the first part of the
    run), or with ``together`` every class opens each activity within the same 3 seconds.
    """
    control = f"{base}/teach/live/{session_pk}/"
    page = session.get(control, timeout=60).text
    stop = start + rec.duration
    interval = (rec.duration - 15) / len(activities)
    offset = 5 + random.uniform(0, 3 if together else interval)
    opens = [start + offset + i * interval for i in range(len(activities))]
    while time.time() < stop:
        if opens and time.time() >= opens[0]:
            opens.pop(0)
            key = activities[len(activities) - len(opens) - 1]
            response = rec.timed(
                "open", post_form, session, control + "activity/", {"action": "open", "key": key}, page
            )
            page = response.text
        rec.timed("counts", session.get, control + "counts/", timeout=60)
        time.sleep(2 * random.uniform(0.75, 1.25))
