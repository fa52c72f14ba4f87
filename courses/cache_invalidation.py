"""Forget cached content and links when content changes.

Publishing, unpublishing, moving or deleting a page, and saving or deleting a quiz, survey,
topic, image, document or site, start a new content generation (``courses.content_cache``): every
cached slide, lesson list and public page is rendered afresh from then on. With a CDN configured
(``WAGTAILFRONTENDCACHE``), the pages that show a published page (its parent, its siblings and
the pages under it) are purged from the CDN as well as the page itself, which Wagtail purges.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.content_cache import bump_content_generation
from courses.context_processors import FOOTER_CACHE_KEY

logger = logging.getLogger(__name__)

# Models whose rows are content (besides pages, whose changes arrive as Wagtail's signals).
CONTENT_MODELS = (
    "courses.Quiz",
    "courses.QuizVersion",
    "courses.Survey",
    "courses.SurveyVersion",
    "courses.RSHETopic",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailcore.Site",
    "wagtailcore.Page",
)


def content_changed(**kwargs) -> None:
    cache.delete(FOOTER_CACHE_KEY)
    bump_content_generation()
    # Once more after the transaction: a request that read the old content while it ran must
    # not leave the old rendering in place for the new generation.
    transaction.on_commit(bump_content_generation)


# Saving only these fields of a page is a draft or a lock: what visitors see is unchanged.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def page_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """A page saved outside publishing (a loader, a script, a test) changes content too."""
    from wagtail.models import Page

    if isinstance(instance, Page) and not (update_fields and set(update_fields) <= DRAFT_FIELDS):
        content_changed()


def purge_neighbours(sender, instance, **kwargs) -> None:
    """Purge from the CDN the pages that show this one: its parent, siblings and descendants."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
    from wagtail.models import Page

    page = instance if isinstance(instance, Page) else None
    if page is None:
        return
    pages = list(page.get_siblings(inclusive=False).live()) + list(page.get_descendants().live())
    parent = page.get_parent()
    if parent is not None and parent.live:
        pages.append(parent)
    try:
        purge_pages_from_cache(pages)
    except Exception:  # a CDN that is down must not stop a publish
        logger.warning("Could not purge the pages around %s from the CDN", page.pk, exc_info=True)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"content-changed-{id(signal)}")
    for signal in (page_published, page_unpublished):
        signal.connect(purge_neighbours, dispatch_uid=f"purge-neighbours-{id(signal)}")
    post_save.connect(page_saved, dispatch_uid="content-page-saved")
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-deleted-{label}")
        if label != "wagtailcore.Page":
            post_save.connect(content_changed, sender=model, dispatch_uid=f"content-saved-{label}")
