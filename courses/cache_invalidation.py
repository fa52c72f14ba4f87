"""Forget cached page links when pages are published, unpublished or moved."""

from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.context_processors import FOOTER_CACHE_KEY


def forget_footer_links(**kwargs) -> None:
    cache.delete(FOOTER_CACHE_KEY)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_footer_links, dispatch_uid=f"forget-footer-links-{id(signal)}")
