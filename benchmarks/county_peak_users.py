"""The devices of the county peak (``county_peak.py`` runs them with locust's fast HTTP client).

Three kinds of user, each doing over HTTP what the pages and their script do in a browser:

- ``SelfPacedPupil``: signs in with the class code and personal code, opens their work and the
  module, then a lesson slide every 20 seconds, and at a moment of their own takes the quiz
  (opens it, answers every question, submits once).
- ``LivePupil``: joins their class's live lesson with the codes, polls its state every 4 seconds
  (with jitter, sending back the ETag it was given, as the page's script does), and when the
  teacher opens an activity loads it, thinks for a few seconds and answers (the third activity
  is the quiz).
- ``LiveTeacher``: signs in, watches the counts every 2 seconds and opens three activities in
  turn (two from the lesson, then the quiz) at set times.

The plan (classes, codes, sessions) comes from the JSON file named by ``COUNTY_PEAK_PLAN``.
What the devices sent successfully, and how late the process's event loop woke a sleeper (the
load tool's own lag, which the devices count as latency), are written to ``COUNTY_PEAK_SENT``
when the run stops.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from pathlib import Path

import gevent
from live_devices import STATE_URL, answer_form
from locust import FastHttpUser, constant, events, task
from page_forms import choices, csrf_token, hidden_fields

PLAN = json.loads(Path(os.environ["COUNTY_PEAK_PLAN"]).read_text())
REVISION = re.compile(r'data-live-revision="(\d+)"')

SENT = {"quiz": 0, "live answers": 0}
LAG_MS: list[float] = []
_paced = itertools.count()
_live = itertools.count()
_teachers = itertools.count()


def watch_loop_lag() -> None:
    """How much later than asked this process's event loop wakes a sleeper, every 100 ms."""
    while True:
        asked = time.perf_counter()
        gevent.sleep(0.1)
        LAG_MS.append(1000 * (time.perf_counter() - asked - 0.1))


@events.test_start.add_listener
def start_lag_watch(**kwargs) -> None:
    gevent.spawn(watch_loop_lag)


def seconds_since_start() -> float:
    return time.time() - PLAN["started"]


def token(page: str) -> str:
    return csrf_token(page)


def quiz_answers(page: str) -> dict[str, str]:
    fields = hidden_fields(page, {"version", "key"})
    fields.update({name: values[0] for name, values in choices(page, "answer-").items() if values})
    return fields


class Pupil(FastHttpUser):
    abstract = True

    def sign_in(self, path: str, class_code: str, code: str, name: str):
        page = self.client.get(path, name=f"{name} page").text or ""
        return self.client.post(
            path,
            data={"csrfmiddlewaretoken": token(page), "class_code": class_code, "pupil_code": code},
            headers={"Referer": self.host + path},
            name=name,
            allow_redirects=False,
        )


class SelfPacedPupil(Pupil):
    fixed_count = len(PLAN["paced"])
    wait_time = constant(20)

    def on_start(self) -> None:
        self.me = PLAN["paced"][next(_paced) % len(PLAN["paced"])]
        self.sign_in("/pupil/login/", self.me["class_code"], self.me["code"], "sign in")
        self.client.get("/pupil/", name="pupil home")
        self.client.get(f"/pupil/modules/{self.me['assignment']}/", name="module page")
        self.slides = itertools.cycle(
            f"/pupil/modules/{self.me['assignment']}/lessons/{lesson}/?slide={slide}"
            for lesson in self.me["lessons"]
            for slide in range(1, 9)
        )
        # Each pupil takes the quiz once, at a moment of their own in the run.
        self.quiz_at = random.uniform(PLAN["quiz_from"], PLAN["quiz_until"])
        self.quiz_done = False

    @task
    def next_page(self) -> None:
        if not self.quiz_done and seconds_since_start() >= self.quiz_at:
            self.quiz_done = True
            quiz = f"/pupil/modules/{self.me['assignment']}/quiz/"
            page = self.client.get(quiz, name="quiz page").text or ""
            form = {"csrfmiddlewaretoken": token(page), **quiz_answers(page)}
            response = self.client.post(
                quiz, data=form, headers={"Referer": self.host + quiz}, name="quiz submit", allow_redirects=False
            )
            if response.status_code == 302:
                SENT["quiz"] += 1
            return
        self.client.get(next(self.slides), name="lesson slide")


class LivePupil(Pupil):
    fixed_count = len(PLAN["live"])
    wait_time = constant(0)

    def on_start(self) -> None:
        self.me = PLAN["live"][next(_live) % len(PLAN["live"])]
        self.sign_in("/pupil/live/join/", self.me["class_code"], self.me["code"], "live join")
        self.page_url = f"/pupil/live/{self.me['session']}/"
        page = self.client.get(self.page_url, name="live page").text or ""
        found = STATE_URL.search(page)
        self.state_url = found.group(1).replace("&amp;", "&") if found else None
        revision = REVISION.search(page)
        self.revision = int(revision.group(1)) if revision else 0
        self.etag: str | None = None
        self.answer(page)

    def answer(self, page: str) -> None:
        """Answer the activity on the page, if there is one, after a moment's thought."""
        form = answer_form(page)
        if form is None:
            return
        time.sleep(random.uniform(1, 8))
        target = self.page_url + ("answer/" if "block" in form else "quiz/")
        response = self.client.post(
            target,
            data={**form, "csrfmiddlewaretoken": token(page)},
            headers={"Referer": self.host + self.page_url},
            name="live answer",
            allow_redirects=False,
        )
        if response.status_code in (200, 302, 303):
            SENT["live answers"] += 1

    @task
    def poll(self) -> None:
        if self.state_url is None:
            time.sleep(4)
            return
        headers = {"Accept": "application/json"}
        if self.etag:
            headers["If-None-Match"] = self.etag
        response = self.client.get(f"{self.state_url}&since={self.revision}", headers=headers, name="live poll")
        if response.status_code == 200:
            self.etag = response.headers.get("ETag")
            state = response.json()
            if state["changed"]:
                page = self.client.get(self.page_url, name="live page").text or ""
                self.revision = state["revision"]
                self.etag = None
                self.answer(page)
        time.sleep(4 * random.uniform(0.75, 1.25))


class LiveTeacher(FastHttpUser):
    fixed_count = len(PLAN["teachers"])
    wait_time = constant(0)

    def on_start(self) -> None:
        self.me = PLAN["teachers"][next(_teachers) % len(PLAN["teachers"])]
        page = self.client.get("/accounts/login/", name="staff sign in page").text or ""
        self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token(page), "login": self.me["email"], "password": PLAN["password"]},
            headers={"Referer": self.host + "/accounts/login/"},
            name="staff sign in",
            allow_redirects=False,
        )
        self.control = f"/teach/live/{self.me['session']}/"
        self.page = self.client.get(self.control, name="teacher live page").text or ""
        jitter = random.uniform(0, 20)
        self.opens = [
            (moment + jitter, key) for moment, key in zip(PLAN["open_at"], self.me["activities"], strict=True)
        ]

    @task
    def watch(self) -> None:
        if self.opens and seconds_since_start() >= self.opens[0][0]:
            _, key = self.opens.pop(0)
            response = self.client.post(
                self.control + "activity/",
                data={"action": "open", "key": key, "csrfmiddlewaretoken": token(self.page)},
                headers={"Referer": self.host + self.control},
                name="open activity",
            )
            self.page = response.text or self.page
        self.client.get(self.control + "counts/", headers={"Accept": "application/json"}, name="live counts")
        time.sleep(2 * random.uniform(0.75, 1.25))


@events.test_stop.add_listener
def write_sent(**kwargs) -> None:
    Path(os.environ["COUNTY_PEAK_SENT"]).write_text(json.dumps({**SENT, "lag ms": LAG_MS}))
