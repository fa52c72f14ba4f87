"""Public pages answered from the cache, and marked so a CDN and browsers may keep them.

A Wagtail page (a programme, module, lesson, the parents' page, the home and information pages)
is the same for every visitor who is not signed in. Such a visitor's request (GET, no query
string, no session or messages cookie) is answered from the cache when the page was rendered
since the last publish (``courses.content_cache``), without reading a session or the database.
A page is kept only when nothing about the visitor went into it: Wagtail served it, it answered
200, set no cookie, used no CSRF token (no form) and said nothing against caching; previews never
are. Kept pages also get ``Cache-Control: public`` with ``PUBLIC_PAGE_MAX_AGE`` for browsers and
``PUBLIC_PAGE_CDN_MAX_AGE`` for a CDN, which the publish purge empties (``WAGTAILFRONTENDCACHE``).

Signed-in pupils and staff always get the page rendered for them (with their own header, and
``no-store`` for pupils, ``config/security_headers.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control

from courses.content_cache import content_generation, content_key

# Paths that are never Wagtail pages, or never public: not even looked up.
NOT_PUBLIC_PAGES = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/health/",
    "/static/",
    "/media/",
    "/documents/",
    "/pupil/",
    "/teach/",
    "/school/",
    "/reports/",
    "/platform/",
    "/invitations/",
    "/quick-exit/",
)
# Headers a kept page is answered with (the rest are added per request by the middleware around).
KEPT_HEADERS = ("Content-Type", "Content-Length", "Content-Language", "Cache-Control", "Vary", "X-Frame-Options")
NEVER_KEEP = ("private", "no-store", "no-cache", "max-age=0")


def _may_be_answered_from_cache(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path_info.startswith(NOT_PUBLIC_PAGES)
    )


def _may_be_kept(request: HttpRequest, response: HttpResponseBase) -> bool:
    match = getattr(request, "resolver_match", None)
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and match is not None
        and match.url_name == "wagtail_serve"
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        # A page with a form holds a CSRF token for this visitor. (It varies on cookies anyway,
        # as every page reading the empty session of a visitor without one does.)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in NEVER_KEEP)
    )


def _page_key(request: HttpRequest, generation: str) -> str:
    return content_key("page", request.get_host(), request.path_info, generation=generation)


class PublicPageCacheMiddleware:
    """Answer visitors who are not signed in from the cache; keep what may be kept.

    Place after the middleware that adds security headers (so a kept page still gets them) and
    before SessionMiddleware (so a kept page costs no session).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _may_be_answered_from_cache(request):
            return self.get_response(request)
        generation = content_generation()
        if generation is None:
            return self.get_response(request)
        key = _page_key(request, generation)
        kept = cache.get(key)
        if kept is not None:
            headers, content = kept
            answer = HttpResponse(content)
            for name, value in headers:
                answer[name] = value
            return answer
        response = self.get_response(request)
        if _may_be_kept(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_PAGE_MAX_AGE,
                s_maxage=settings.PUBLIC_PAGE_CDN_MAX_AGE,
            )
            if not getattr(response, "is_rendered", True):
                response.render()  # type: ignore[attr-defined]  # a TemplateResponse
            headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
            cache.set(key, (headers, response.content), settings.CONTENT_CACHE_SECONDS)  # type: ignore[attr-defined]
        return response
