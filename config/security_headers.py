"""Response headers for every page: Content-Security-Policy, Permissions-Policy, and no-store on
pages that show pupils' data.

The Content-Security-Policy is django-csp's ``CONTENT_SECURITY_POLICY``: strict, no inline
script or style. The Wagtail and Django admins need inline script and style, so responses under
``CONTENT_SECURITY_POLICY_ADMIN["PATH_PREFIXES"]`` get its directives instead. A view can still set
its own policy with django-csp's decorators (``@csp``, ``@csp_update``, ``@csp_replace``,
``@csp_exempt``); a view's own policy wins over both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from csp.constants import HEADER as CSP_HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date

from schools.pupil_session import has_pupil_session


def is_admin_path(request: HttpRequest) -> bool:
    return request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN["PATH_PREFIXES"]))


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admins' relaxed policy under their paths.

    Wagtail renders a preview by sending a made-up request for the page's own URL through the
    middleware (``request.is_dummy``); that response gets no policy of its own, so the admin
    request that shows it sets the admin's.
    """

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if getattr(request, "is_dummy", False):
            return response
        if _uses_site_policy(request, response):
            # Nearly every response: the site's (or the admins') policy as it stands in settings,
            # built once rather than on every response.
            response[CSP_HEADER] = _site_policy(is_admin_path(request))
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
            return response
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request):
            directives = cast(dict[str, Any], settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
            parts.config = default_config(directives)
        return parts


# What a view or decorator can set on a response to change its policy (django-csp).
VIEW_POLICY_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
_built: dict[tuple[str, bool], tuple[object, str]] = {}


def _uses_site_policy(request: HttpRequest, response: HttpResponseBase) -> bool:
    """No view policy, no nonce, no report-only policy, no header yet: the settings' policy applies."""
    return (
        CSP_HEADER not in response
        and getattr(request, "_csp_nonce", None) is None
        and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        and not (settings.CONTENT_SECURITY_POLICY or {}).get("EXCLUDE_URL_PREFIXES")
        and not any(getattr(response, name, None) for name in VIEW_POLICY_ATTRIBUTES)
    )


def _once(name: str, source: object, build: Callable[[], str], variant: bool = False) -> str:
    """``build()``, remembered while ``source`` (a settings value) is the same object."""
    kept = _built.get((name, variant))
    if kept is None or kept[0] is not source:
        kept = _built[(name, variant)] = (source, build())
    return kept[1]


def _site_policy(admin: bool) -> str:
    if admin:
        directives = cast(dict[str, Any], settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return _once("csp", directives, lambda: build_policy(config=default_config(directives)), variant=True)
    policy = settings.CONTENT_SECURITY_POLICY
    return _once("csp", policy, build_policy)


def permissions_policy(features: Mapping[str, Sequence[str]]) -> str:
    """The Permissions-Policy header for ``{"camera": [], "fullscreen": ["self"]}``:
    ``camera=(), fullscreen=(self)``. Origins other than ``self`` and ``*`` are quoted."""

    def allow(origin: str) -> str:
        return origin if origin in {"self", "*"} else f'"{origin}"'

    return ", ".join(f"{feature}=({' '.join(allow(o) for o in origins)})" for feature, origins in features.items())


def shows_pupil_data(request: HttpRequest) -> bool:
    """Pupils' pages and the staff pages about pupils, or any page a signed-in pupil opens."""
    return request.path_info.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)) or has_pupil_session(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; ``Cache-Control: no-store`` (and the rest of
    Django's never-cache headers) wherever a page may show a pupil's data, so a shared
    device's cache, Back button or history cannot bring it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse | HttpResponseBase:
        response = self.get_response(request)
        if "Permissions-Policy" not in response:
            features = settings.PERMISSIONS_POLICY
            response["Permissions-Policy"] = _once("permissions", features, lambda: permissions_policy(features))
        if shows_pupil_data(request):
            never_cache_headers(response)
        return response


# What ``add_never_cache_headers`` gives a response that has no caching headers yet.
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def never_cache_headers(response: HttpResponseBase) -> None:
    """Django's ``add_never_cache_headers``, without parsing and writing again the headers of a
    response that has none yet or has them already (a ``never_cache`` view's): nearly every
    pupil's page."""
    cache_control = response.get("Cache-Control")
    if cache_control == NEVER_CACHE and "Expires" in response:
        return
    if cache_control is None and "Expires" not in response:
        response["Expires"] = http_date()
        response["Cache-Control"] = NEVER_CACHE
        return
    add_never_cache_headers(response)
