"""Addresses of pages that take no arguments, reversed once.

The menu and the pupil-session middleware ask for the same few addresses on every request, and
``reverse`` walks the URL patterns each time. An address without arguments changes only with the
URL configuration or the script prefix the site is served under, so it is kept per both.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=256)
def _reversed(name: str, prefix: str, urlconf: object) -> str:
    return reverse(name)


def fixed_url(name: str) -> str:
    """``reverse(name)`` for a URL name that takes no arguments."""
    return _reversed(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
