"""A small HTTP client for the production smoke run: forms, CSRF, secure cookies and TOTP.

The smoke run talks to gunicorn over plain HTTP on 127.0.0.1, as the TLS-terminating proxy does
in production. Like that proxy, the client says the original request was HTTPS
(``X-Forwarded-Proto: https``, trusted through ``SECURE_PROXY_SSL_HEADER``), so Django treats the
request as secure: it checks the Referer of form posts against ``https://`` + the host, and sets
its ``__Host-`` cookies with the Secure flag. A cookie jar following browser rules never sends a
Secure cookie back over plain HTTP (requests' does not either), so this client keeps the jar for
storing cookies and writes the Cookie header itself: what the browser would send over TLS to the
proxy, and the proxy on to gunicorn.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from html.parser import HTMLParser
from urllib.parse import urlsplit

import requests

TIMEOUT = 60


class _Inputs(HTMLParser):
    """Every <input> of a page: hidden fields with their values, choices by name (first wins)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag != "input" or not values.get("name"):
            return
        kind = (values.get("type") or "text").lower()
        if kind in ("hidden", "radio", "checkbox"):
            self.fields.setdefault(values["name"], values.get("value") or "")


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields of a page, and the first choice of each radio or checkbox group."""
    parser = _Inputs()
    parser.feed(html)
    return parser.fields


def links(html: str) -> list[str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.links


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The six-digit RFC 6238 code (30-second steps, SHA-1) an authenticator app shows for ``secret``."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((time.time() if at is None else at) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


class SmokeClient:
    """One person's browser: a cookie jar, and requests marked as arriving over HTTPS."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.host = urlsplit(self.base).netloc
        self.session = requests.Session()
        self.session.headers["X-Forwarded-Proto"] = "https"

    def _cookies(self) -> dict[str, str]:
        # One host, every cookie with Path=/ (Django's, and the __Host- prefix requires it).
        return (
            {"Cookie": "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)} if self.session.cookies else {}
        )

    def request(self, method: str, path: str, *, data=None, headers=None, follow=True) -> requests.Response:
        """Send a request; follow redirects (a relative or same-host Location) when ``follow``."""
        extra = {"Referer": f"https://{self.host}{path}"} if method == "POST" else {}
        response = self.session.request(
            method,
            self.base + path,
            data=data,
            headers={**self._cookies(), **extra, **(headers or {})},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        hops = 0
        while follow and response.is_redirect and hops < 10:
            location = urlsplit(response.headers["Location"])
            target = location.path + (f"?{location.query}" if location.query else "")
            if location.netloc not in ("", self.host):
                raise AssertionError(f"Redirected off the site, to {response.headers['Location']}")
            response = self.session.get(
                self.base + target, headers=self._cookies(), allow_redirects=False, timeout=TIMEOUT
            )
            hops += 1
        return response

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def submit(self, path: str, data: dict[str, str], *, page: str | None = None, follow=True) -> requests.Response:
        """Open the form at ``path`` (or use ``page``'s HTML), then post its hidden fields with ``data``."""
        html = page if page is not None else self.expect(self.get(path), 200).text
        return self.request("POST", path, data={**form_fields(html), **data}, follow=follow)

    def sign_in_staff(self, email: str, password: str, totp_secret: str | None = None) -> None:
        """Sign in through allauth, answering the TOTP step when the account has MFA."""
        response = self.submit("/accounts/login/", {"login": email, "password": password})
        if totp_secret is not None:
            if "/2fa/authenticate/" not in response.url:
                raise AssertionError(f"{email}: expected the MFA step, got {response.url}")
            response = self.submit("/accounts/2fa/authenticate/", {"code": totp_code(totp_secret)}, page=response.text)
        if "/accounts/login/" in response.url or "/2fa/" in response.url:
            raise AssertionError(f"{email} could not sign in (ended at {response.url}, {response.status_code})")

    @staticmethod
    def expect(response: requests.Response, status: int) -> requests.Response:
        if response.status_code != status:
            raise AssertionError(f"{response.request.method} {response.url}: {response.status_code}, not {status}")
        return response
