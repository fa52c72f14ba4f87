"""Calling the site in this process, as a browser would: Django set up, cookies kept, WSGI called directly.

No network and no server: each request goes through the whole middleware stack of the WSGI
application, so what a benchmark measures is the site's own work.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


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


def sign_in_teacher(app, email: str, password: str) -> Browser:
    """A browser signed in as the staff member ``email`` through the sign-in form."""
    browser = Browser()
    page = call(app, browser, "GET", "/accounts/login/")
    answer = call(
        app,
        browser,
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": csrf_from(page.body), "login": email, "password": password},
    )
    if answer.status != 302:
        sys.exit(f"teacher sign-in answered {answer.status}")
    return browser
