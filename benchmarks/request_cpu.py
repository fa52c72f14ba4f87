"""CPU and queries per request on the hot paths, in-process, with a profile on demand.

    .venv/bin/python benchmarks/request_cpu.py [--requests 300] [--profile NAME] [--only NAME ...]
        [--database-url postgres://root@127.0.0.1:5432/postgres] [--reuse DBNAME]

Calls the site's WSGI application directly (the whole middleware stack, DEBUG off, PostgreSQL,
no network), as a visitor, a signed-in pupil and a teacher would, and prints for each kind of
request the CPU time this process spent per request (``time.process_time``: it does not count
waiting for PostgreSQL, and it does not depend on how busy the rest of the machine is), the
number of SQL statements, whether the session was written, and the size of the response.
Beside them it prints the same figures for a bare Django view returning the same number of
bytes through a bare Django project (``benchmarks/bare_site.py``), called the same way.

``--profile NAME`` runs pyinstrument over the requests of that kind and prints where the time
went (``--cpu-profile``: cProfile counting CPU time only, so waiting for the database or for a
busy machine is left out). ``--reuse DBNAME`` keeps (or reuses) a database already migrated with the demo loaded, so
profiling again does not load the demo again. Prints figures only; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from private_redis import private_redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


@dataclass
class Browser:
    """One visitor's cookies, sent with each request like a browser would."""

    cookies: dict[str, str] = field(default_factory=dict)
    accept: str = "text/html,application/xhtml+xml"

    def environ(self, method: str, url: str, body: bytes = b"", content_type: str = "") -> dict:
        parts = urlsplit(url)
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": parts.path,
            "QUERY_STRING": parts.query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT": self.accept,
            "HTTP_USER_AGENT": "request-cpu",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        if body:
            environ["CONTENT_LENGTH"] = str(len(body))
            environ["CONTENT_TYPE"] = content_type
            environ["HTTP_REFERER"] = "http://127.0.0.1" + parts.path
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return environ


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


def call(app: Callable, browser: Browser, method: str, url: str, data: dict | None = None, **extra) -> Answer:
    body = urlencode(data or {}, doseq=True).encode() if data is not None else b""
    environ = browser.environ(method, url, body, "application/x-www-form-urlencoded")
    environ.update(extra)
    holder: dict = {}

    def start_response(status, headers, exc_info=None):
        holder["status"], holder["headers"] = int(status.split()[0]), headers

    result = app(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    for key, value in holder["headers"]:
        if key.lower() == "set-cookie":
            cookie = SimpleCookie(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    browser.cookies.pop(name, None)
                else:
                    browser.cookies[name] = morsel.value
    return Answer(holder["status"], holder["headers"], content)


class StatementCounter:
    def __init__(self, show: bool = False) -> None:
        self.count = 0
        self.writes = 0
        self.session_writes = 0
        self.show = show

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        if self.show:
            print(f"  SQL {self.count}: {sql[:300]}")
        head = sql.lstrip()[:6].upper()
        if head.startswith(("INSERT", "UPDATE", "DELETE")):
            self.writes += 1
            if "django_session" in sql:
                self.session_writes += 1
        return execute(sql, params, many, context)


def setup_django(database_url: str, redis_url: str) -> None:
    os.environ.update(
        {
            "REDIS_URL": redis_url,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": database_url,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "PUPIL_LOGIN_RATE_PER_IP": "100000/5m",
            "PUPIL_LOGIN_RATE_PER_CLASS": "100000/5m",
            "EXPORT_RATE": "100000/h",
        }
    )
    import django

    django.setup()


CSRF_FIELD = 'name="csrfmiddlewaretoken" value="'


def csrf_from(page: bytes) -> str:
    text = page.decode()
    start = text.index(CSRF_FIELD) + len(CSRF_FIELD)
    return text[start : text.index('"', start)]


def build_world() -> dict:
    """A class with a self-paced assignment, a pupil signed in, a teacher signed in, a live lesson."""
    from django.utils import timezone

    from accounts.models import User
    from classroom.services.delivery import record_checklist
    from classroom.services.live import lesson_blocks
    from courses.models import ModulePage
    from learning.services.lessons import record_lesson_taught
    from schools.models import Assignment, LocalAuthority, School, StaffMembership
    from schools.services.classes import create_class, current_academic_year
    from schools.services.pupils import create_pupil

    authority, _ = LocalAuthority.objects.get_or_create(code="886", defaults={"name": "Kent"})
    school, _ = School.objects.get_or_create(
        urn=999990,
        defaults={"name": "Profile School", "local_authority": authority, "dsl_name": "Ms Lead", "dsl_contact": "R1"},
    )
    teacher = User.objects.filter(email="profile-teacher@example.org").first()
    if teacher is None:
        teacher = User.objects.create_user("profile-teacher@example.org", "profile-password-123")
        StaffMembership.objects.create(user=teacher, school=school, role="teacher")
    klass = create_class(
        school=school,
        name=f"P{int(time.time())}",
        year_group=9,
        academic_year=current_academic_year(),
        teacher=teacher,
    )
    made = [
        create_pupil(
            school=school,
            school_class=klass,
            first_name=f"Pupil{n}",
            last_name="P",
            year_group=9,
            actor=None,
            audit=False,
        )
        for n in range(30)
    ]
    codes = [code for _, code in made]
    modules = list(ModulePage.objects.live().order_by("path").specific())
    self_paced = next(m for m in modules if m.can_be_self_paced and m.knowledge_quiz_id)
    paced = Assignment.objects.create(
        school_class=klass,
        module=self_paced,
        opens_on=timezone.localdate(),
        delivery="self_paced",
        include_surveys=False,
    )
    # The quiz's submitters (pupils 1 to 5) were taught every lesson: the end-of-module quiz is open.
    for lesson in self_paced.lessons():
        record_lesson_taught(assignment=paced, lesson=lesson, pupils=[pupil for pupil, _ in made[1:6]])
    live_module, live_lesson = next(
        (m, lesson) for m in modules if m.knowledge_quiz_id for lesson in m.lessons() if len(lesson_blocks(lesson)) >= 2
    )
    live_assignment = Assignment.objects.create(school_class=klass, module=live_module, opens_on=timezone.localdate())
    record_checklist(
        school_class=klass,
        lesson=live_lesson,
        teacher=teacher,
        dsl_told=True,
        affected_pupils_considered=True,
        ground_rules_ready=True,
    )
    return {
        "class": klass.pk,
        "class_code": klass.class_code,
        "codes": codes,
        "assignment": paced.pk,
        "lessons": [lesson.pk for lesson in self_paced.lessons()],
        "public_lesson": self_paced.lessons().first().url,
        "public_module": self_paced.url,
        "live_assignment": live_assignment.pk,
        "live_lesson": live_lesson.pk,
        "teacher": teacher.email,
    }


def sign_in_pupil(app, world: dict, code: str, path: str = "/pupil/login/") -> Browser:
    browser = Browser()
    page = call(app, browser, "GET", path)
    answer = call(
        app,
        browser,
        "POST",
        path,
        {"csrfmiddlewaretoken": csrf_from(page.body), "class_code": world["class_code"], "pupil_code": code},
    )
    if answer.status != 302:
        sys.exit(f"pupil sign-in answered {answer.status}")
    return browser


def sign_in_teacher(app, email: str) -> Browser:
    browser = Browser()
    page = call(app, browser, "GET", "/accounts/login/")
    answer = call(
        app,
        browser,
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": csrf_from(page.body), "login": email, "password": "profile-password-123"},
    )
    if answer.status != 302:
        sys.exit(f"teacher sign-in answered {answer.status}")
    return browser


@dataclass
class Kind:
    name: str
    make: Callable[[int], tuple[Browser, str, str, dict | None]]  # request n -> browser, method, url, data
    expect: tuple[int, ...] = (200,)


def kinds(app, world: dict) -> list[Kind]:
    import re

    pupil = sign_in_pupil(app, world, world["codes"][0])
    others = [sign_in_pupil(app, world, code) for code in world["codes"][1:6]]
    teacher = sign_in_teacher(app, world["teacher"])
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
    import re

    text = page.decode()
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", text):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or not value:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) in {"radio", "checkbox"}:
            fields.setdefault(name.group(1), value.group(1))
        else:
            fields[name.group(1)] = value.group(1)
    return fields


def backend_cpu_seconds(pid: int | None) -> float:
    """CPU time (user and system) spent so far by the PostgreSQL backend process ``pid``.

    Read from /proc, so only when PostgreSQL runs on this machine; 0 when it cannot be read.
    """
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_pid() -> int | None:
    """The process id of this connection's PostgreSQL backend (kept open: CONN_MAX_AGE)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def measure(app, kind: Kind, requests: int, profile: str | None, show_sql: bool = False) -> dict:
    from django.db import connection

    for n in range(10):  # warm: templates, caches
        browser, method, url, data = kind.make(-1 - n)
        answer = call(app, browser, method, url, data)
        if answer.status not in kind.expect:
            sys.exit(f"{kind.name}: {url} answered {answer.status}")
    if show_sql:
        browser, method, url, data = kind.make(-100)
        print(f"{kind.name}: {method} {url}")
        with connection.execute_wrapper(StatementCounter(show=True)):
            call(app, browser, method, url, data)
    counter = StatementCounter()
    planned = [kind.make(n) for n in range(requests)]
    pid = backend_pid()
    database_started = backend_cpu_seconds(pid)
    profiler = None
    if profile == "cpu":
        # Deterministic, counted in CPU time (process_time): where the CPU goes, not the waiting.
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
    elif profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    cpu = 0.0
    size = 0
    statuses: set[int] = set()
    with connection.execute_wrapper(counter):
        for browser, method, url, data in planned:
            started = time.process_time()
            answer = call(app, browser, method, url, data)
            cpu += time.process_time() - started
            size = len(answer.body)
            statuses.add(answer.status)
    database_cpu = backend_cpu_seconds(pid) - database_started
    if pid is not None and backend_pid() != pid:
        database_cpu = float("nan")  # the connection was closed on the way: not this backend's work alone
    if profile == "cpu":
        import pstats

        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        for name in os.environ.get("PROFILE_CALLERS", "").split(","):
            if name:
                stats.print_callers(name)
    elif profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False, time="percent_of_total"))
        print(profiler.output_text(unicode=True, color=False, flat=True, time="percent_of_total")[:6000])
    return {
        "cpu_ms": 1000 * cpu / requests,
        "database_cpu_ms": 1000 * database_cpu / requests,
        "queries": counter.count / requests,
        "writes": counter.writes / requests,
        "session_writes": counter.session_writes / requests,
        "bytes": size,
        "statuses": sorted(statuses),
    }


def bare_cpu(size: int, requests: int) -> float:
    """CPU per request of the bare Django view returning ``size`` bytes, in a child process."""
    script = (
        "import sys, time; sys.path.insert(0, 'benchmarks'); "
        "from bare_site import application; from request_cpu import Browser, call; "
        f"b = Browser(); [call(application, b, 'GET', '/bare/{size}/') for _ in range(50)]; "
        f"t = time.process_time(); [call(application, b, 'GET', '/bare/{size}/') for _ in range({requests})]; "
        f"print(1000 * (time.process_time() - t) / {requests})"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", action="append", default=[], help="kind of request to profile (repeatable)")
    parser.add_argument("--cpu-profile", action="store_true", help="profile with cProfile in CPU time")
    parser.add_argument("--only", action="append", default=[], help="measure only these kinds")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one request of each kind")
    parser.add_argument("--database-url", default="postgres://root@127.0.0.1:5432/postgres")
    parser.add_argument("--reuse", help="a database name to keep and reuse (migrated, demo loaded)")
    args = parser.parse_args()

    base_url, _, _ = args.database_url.rpartition("/")
    db_name = args.reuse or f"respect_bench_cpu_{os.getpid()}"
    fresh = subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", db_name], capture_output=True).returncode == 0
    redis = private_redis()
    try:
        setup_django(f"{base_url}/{db_name}", redis.__enter__())
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a kept database may be behind the code
        if fresh:
            call_command("load_demo_data", verbosity=0)
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        world = build_world()
        load = os.getloadavg()
        print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}  cores: {os.cpu_count()}")
        print(
            f"{'request':16} {'CPU ms':>7} {'DB CPU ms':>9} {'bare ms':>8} {'ratio':>6} {'queries':>8} {'writes':>7} "
            f"{'session writes':>15} {'bytes':>7}  status"
        )
        for kind in kinds(app, world):
            if args.only and kind.name not in args.only:
                continue
            profile = ("cpu" if args.cpu_profile else "wall") if kind.name in args.profile else None
            figures = measure(app, kind, args.requests, profile, show_sql=args.sql)
            bare = bare_cpu(figures["bytes"], args.requests)
            print(
                f"{kind.name:16} {figures['cpu_ms']:7.2f} {figures['database_cpu_ms']:9.2f} {bare:8.2f} "
                f"{figures['cpu_ms'] / bare:6.1f} "
                f"{figures['queries']:8.1f} {figures['writes']:7.1f} {figures['session_writes']:15.2f} "
                f"{figures['bytes']:7d}  {figures['statuses']}"
            )
    finally:
        from django.db import connections

        connections.close_all()
        redis.__exit__(None, None, None)
        if not args.reuse:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", db_name], check=False)


if __name__ == "__main__":
    main()
