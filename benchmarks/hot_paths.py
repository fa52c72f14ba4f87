"""The kinds of request on the hot paths: what a visitor, a pupil and a teacher ask for most."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from hot_path_world import TEACHER_PASSWORD, sign_in_pupil
from in_process import Browser, call, csrf_from, sign_in_teacher
from page_forms import first_choice_form


@dataclass
class Kind:
    name: str
    make: Callable[[int], tuple[Browser, str, str, dict | None]]  # request n -> browser, method, url, data
    expect: tuple[int, ...] = (200,)


def kinds(app, world: dict) -> list[Kind]:
    import re

    pupil = sign_in_pupil(app, world, world["codes"][0])
    others = [sign_in_pupil(app, world, code) for code in world["codes"][1:6]]
    teacher = sign_in_teacher(app, world["teacher"], TEACHER_PASSWORD)
    anonymous = Browser()
    assignment = world["assignment"]
    slides = [
        f"/pupil/modules/{assignment}/lessons/{lesson}/?slide={slide}"
        for lesson in world["lessons"]
        for slide in range(1, 7)
    ]

    # A live lesson with the pupils joined: the state URL their page polls.
    start = f"/teach/classes/{world['class']}/live/"
    page = call(app, teacher, "GET", start)
    started = call(
        app,
        teacher,
        "POST",
        start,
        {
            "csrfmiddlewaretoken": csrf_from(page.body),
            "assignment": world["live_assignment"],
            "lesson": world["live_lesson"],
        },
    )
    live_pk = int(re.search(r"/teach/live/(\d+)/", started.header("Location") or "").group(1))
    live_pupil = sign_in_pupil(app, world, world["codes"][10], "/pupil/live/join/")
    lesson_page = call(app, live_pupil, "GET", f"/pupil/live/{live_pk}/")
    state_url = re.search(rb'data-live-state-url="([^"]+)"', lesson_page.body).group(1).decode().replace("&amp;", "&")
    poller = Browser(cookies=dict(live_pupil.cookies), accept="application/json")
    revision = json.loads(call(app, poller, "GET", state_url + "&since=0").body)["revision"]

    # Quiz submissions: each by a different pupil with a fresh key, as many as requested.
    quiz_url = f"/pupil/modules/{assignment}/quiz/"
    quiz_forms: dict[int, tuple[Browser, dict]] = {}

    def quiz_submit(n: int):
        if n not in quiz_forms:
            browser = submitters[n % len(submitters)]
            form = quiz_form(call(app, browser, "GET", quiz_url).body)
            quiz_forms[n] = (browser, form)
        browser, form = quiz_forms.pop(n)
        return browser, "POST", quiz_url, form

    submitters = others

    # Pupils paging forward through the lessons, as in a lesson: each slide a new place to store.
    movers = [sign_in_pupil(app, world, code) for code in world["codes"][11:30]]
    forward = [
        (mover, f"/pupil/modules/{assignment}/lessons/{lesson}/?slide={slide}")
        for lesson in world["lessons"]
        for slide in range(1, 7)
        for mover in movers
    ]

    def next_slide(n: int):
        mover, url = forward[(n + 10) % len(forward)]  # the first ten went to warming up
        return mover, "GET", url, None

    return [
        Kind("health", lambda n: (anonymous, "GET", "/health/live/", None)),
        Kind("public lesson", lambda n: (anonymous, "GET", world["public_lesson"], None)),
        Kind("public module", lambda n: (anonymous, "GET", world["public_module"], None)),
        Kind("pupil slide", lambda n: (pupil, "GET", slides[n % len(slides)], None)),
        Kind("pupil next slide", next_slide),
        Kind("pupil home", lambda n: (pupil, "GET", "/pupil/", None)),
        Kind("pupil module", lambda n: (pupil, "GET", f"/pupil/modules/{assignment}/", None)),
        Kind("live poll", lambda n: (poller, "GET", state_url + f"&since={revision}", None)),
        Kind("quiz submit", quiz_submit, expect=(302,)),
        Kind("class grid", lambda n: (teacher, "GET", f"/teach/classes/{world['class']}/progress/", None)),
    ]


def quiz_form(page: bytes) -> dict:
    return first_choice_form(page)
