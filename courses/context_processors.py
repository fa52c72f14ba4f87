from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from courses.content_cache import remembered

FOOTER_PAGES = {"accessibility": "accessibility", "privacy": "privacy", "help": "get-help"}
FOOTER_CACHE_KEY = "site-chrome:footer-links"
FOOTER_CACHE_SECONDS = 300


def _footer_links() -> dict[str, str]:
    """URLs of the pages every footer links to, by slug; cached so pages do not query for them
    (in this process while the content is unchanged, else in the shared cache for a while)."""

    def find() -> dict[str, str]:
        pages = {page.slug: page for page in Page.objects.live().filter(slug__in=FOOTER_PAGES.values())}
        return {name: (pages[slug].url or "") if slug in pages else "" for name, slug in FOOTER_PAGES.items()}

    def shared() -> dict[str, str]:
        return cache.get_or_set(FOOTER_CACHE_KEY, find, FOOTER_CACHE_SECONDS) or {}

    return remembered(("footer-links",), shared)


def site_chrome(request) -> dict:
    """Values every page's header and footer need."""
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL, "footer_links": SimpleLazyObject(_footer_links)}
