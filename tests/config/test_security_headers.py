"""Security headers and policies: the Content-Security-Policy (strict for the site, relaxed for
the admins), Permissions-Policy and the other headers, HTTPS settings in production, CSRF on
every form, and uploads judged by their content and never served as pages of the site."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from csp.decorators import csp
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.fields import WagtailImageField

from config.security_headers import SecurityHeadersMiddleware, SiteCSPMiddleware, permissions_policy
from tests.factories import platform_admin

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = ("accounts", "config", "courses", "schools", "learning", "classroom", "reports")


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# --- Content-Security-Policy -------------------------------------------------------------------


def test_site_pages_send_a_strict_content_security_policy(client, db):
    policy = directives(client.get(reverse("schools:pupil_login")))

    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["media-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_public_content_pages_get_the_strict_policy_too(client, site_root):
    policy = directives(client.get(site_root.url))
    assert policy["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_admin_pages_get_the_relaxed_policy_they_need(client, db, path):
    client.force_login(platform_admin())

    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"], "Wagtail frames its own previews"
    assert policy["object-src"] == ["'none'"]


def test_a_view_with_its_own_policy_keeps_it_even_under_the_admin(rf):
    @csp({"default-src": ["'none'"]})
    def view(request):
        return HttpResponse("ok")

    middleware = SiteCSPMiddleware(view)
    for path in ("/admin/something/", "/pupil/"):
        response = middleware(rf.get(path))
        assert response["Content-Security-Policy"] == "default-src 'none'", path


def test_wagtail_preview_renders_the_page_without_a_policy_of_its_own(rf):
    # Wagtail's preview runs a made-up request for the page's URL through the middleware; the
    # admin request that shows the preview sets the admin's policy.
    middleware = SiteCSPMiddleware(lambda request: HttpResponse("page"))
    preview = rf.get("/respectful-relationships/")
    preview.is_dummy = True
    assert not middleware(preview).has_header("Content-Security-Policy")
    assert middleware(rf.get("/respectful-relationships/")).has_header("Content-Security-Policy")


# --- Other headers ------------------------------------------------------------------------------


def test_every_response_sends_the_other_security_headers(client, db):
    response = client.get(reverse("schools:pupil_login"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    features = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
    assert features["fullscreen"] == "(self)", "present mode goes full screen"


def test_permissions_policy_is_written_in_the_header_syntax():
    header = permissions_policy({"camera": [], "fullscreen": ["self", "https://video.example.org"]})
    assert header == 'camera=(), fullscreen=(self "https://video.example.org")'


def test_no_store_is_added_by_path_and_leaves_other_pages_alone(rf):
    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse("ok"))
    for path in ("/pupil/", "/teach/classes/1/", "/school/staff/", "/reports/"):
        assert "no-store" in middleware(rf.get(path))["Cache-Control"], path
    assert not middleware(rf.get("/respectful-relationships/")).has_header("Cache-Control")


def test_security_middleware_is_installed_in_order():
    middleware = settings.MIDDLEWARE
    csp, headers, pupils = settings.SECURITY_MIDDLEWARE
    assert middleware.index(csp) == middleware.index("django.middleware.security.SecurityMiddleware") + 1
    assert middleware.index(headers) == middleware.index(csp) + 1
    assert middleware.index(pupils) == middleware.index("django.contrib.messages.middleware.MessageMiddleware") + 1


def test_cookies_are_http_only_and_same_site():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.CSRF_COOKIE_SAMESITE == "Lax"


def test_production_uses_hsts_and_secure_host_only_cookies():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY="k" * 30 + "-" + "x" * 30,
        DJANGO_ALLOWED_HOSTS="respect.example.org",
        DATABASE_URL="postgres://db/respect",
    )
    code = (
        "import config.settings.production as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, "
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
        "[\"'self'\"]",
    ]


def test_hsts_is_sent_over_https_with_the_production_values(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("schools:pupil_login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# --- CSRF and inline code in templates ----------------------------------------------------------


def project_templates() -> list[Path]:
    folders = [ROOT / "templates", *(ROOT / app / "templates" for app in PROJECT_APPS)]
    return sorted(path for folder in folders if folder.exists() for path in folder.rglob("*.html"))


def test_every_post_form_has_a_csrf_token():
    missing = []
    checked = 0
    for path in project_templates():
        text = path.read_text()
        for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S | re.I):
            if re.search(r'method\s*=\s*"post"', form.group(0)[: form.group(0).find(">") + 1], re.I):
                checked += 1
                if "{% csrf_token %}" not in form.group(1):
                    missing.append(str(path.relative_to(ROOT)))
    assert checked > 10, "the scan found the site's forms"
    assert missing == []


def test_no_project_view_is_exempt_from_csrf_except_quick_exit():
    exempt = [
        str(path.relative_to(ROOT))
        for app in PROJECT_APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and "csrf_exempt" in path.read_text()
    ]
    assert exempt == ["schools/views/quick_exit.py"]


INLINE_CODE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I), "inline script"),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "event handler attribute"),
    (re.compile(r"href\s*=\s*[\"']javascript:", re.I), "javascript: link"),
]


# Templates never served to a browser: the audit report is a self-contained document that
# WeasyPrint turns into a PDF.
NOT_WEB_PAGES = {"reports/templates/reports/audit/report.html"}


def test_templates_have_no_inline_script_or_style():
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in project_templates()
        if str(path.relative_to(ROOT)) not in NOT_WEB_PAGES
        for pattern, what in INLINE_CODE
        if pattern.search(path.read_text())
    ]
    assert found == []


def test_the_inline_code_scan_finds_inline_code():
    samples = [
        "<script>alert(1)</script>",
        '<p style="color: red">',
        "<style>p{}</style>",
        '<a onclick="go()">',
        '<a href="javascript:go()">',
    ]
    for sample in samples:
        assert any(pattern.search(sample) for pattern, _ in INLINE_CODE), sample
    assert not any(pattern.search('<script type="module" src="/static/js/site.js">') for pattern, _ in INLINE_CODE)


# --- Uploads -------------------------------------------------------------------------------------


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "purple").save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_uploads_are_raster_only_and_size_limited():
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
    field = WagtailImageField()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError, match="Not a supported image format"):
        field.clean(SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml"))
    assert field.clean(SimpleUploadedFile("dot.png", png_bytes(), content_type="image/png")).name == "dot.png"


def test_an_image_upload_is_judged_by_its_content_not_its_name():
    field = WagtailImageField()
    with pytest.raises(ValidationError):
        field.clean(
            SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
        )


def test_an_image_over_the_size_limit_is_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    field = WagtailImageField()
    with pytest.raises(ValidationError, match="too big"):
        field.clean(SimpleUploadedFile("big.png", png_bytes() + b"\0" * 200, content_type="image/png"))


def test_documents_are_downloads_that_never_run_as_pages_of_the_site(client, db):
    document = Document.objects.create(
        title="Notes", file=ContentFile(b"<html><script>alert(1)</script></html>", name="notes.txt")
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert not response["Content-Type"].startswith("text/html")


def test_request_bodies_are_limited():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


@pytest.mark.parametrize("headers", [{}, {"Cache-Control": "public, max-age=60"}, {"Expires": "0"}, {"ETag": '"1"'}])
def test_no_store_headers_are_djangos_whatever_the_response_had(headers):
    from django.http import HttpResponse
    from django.utils.cache import add_never_cache_headers

    from config.security_headers import never_cache_headers

    ours, djangos = HttpResponse(headers=headers), HttpResponse(headers=headers)
    never_cache_headers(ours)
    add_never_cache_headers(djangos)
    assert dict(ours.headers).keys() == dict(djangos.headers).keys()
    assert ours["Cache-Control"] == djangos["Cache-Control"]
    never_cache_headers(ours)  # a never_cache view's response, marked again
    assert ours["Cache-Control"] == djangos["Cache-Control"]
