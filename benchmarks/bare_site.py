"""A bare Django project: one view answering N bytes, the yardstick every benchmark prints beside its figures.

    gunicorn bare_site:application --chdir benchmarks   (then GET /bare/<N>/)

No apps, no middleware, no database, no templates: what Django itself costs to route a request
and return a response of the same size as the page measured, under the same gunicorn settings.
"""

from __future__ import annotations

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bare-django-benchmark-key-not-secret",  # nosec B106 # a benchmark, not a site
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
        USE_TZ=True,
    )
    django.setup()

_BODIES: dict[int, bytes] = {}


def bare(request, size: int) -> HttpResponse:
    """``size`` bytes of HTML-looking text (made once per size)."""
    body = _BODIES.get(size)
    if body is None:
        line = b"<p>Respect Online bare Django view: the same number of bytes as the page measured.</p>\n"
        body = _BODIES[size] = (line * (size // len(line) + 1))[:size]
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("bare/<int:size>/", bare)]
application = get_wsgi_application()
