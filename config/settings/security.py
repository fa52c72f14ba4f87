"""Security settings: shared devices, response headers and upload limits.

Imported at the very end of ``base.py`` (so every environment has them); ``production.py`` adds
what only makes sense over HTTPS (HSTS, secure cookies). Only upper-case names are settings;
the private helpers here start with an underscore so ``import *`` leaves them behind.

The middleware that applies them is listed in ``SECURITY_MIDDLEWARE`` below; ``base.py``
places each entry in ``MIDDLEWARE`` where that comment says.
"""

import environ as _environ
from csp.constants import NONE as _NONE
from csp.constants import SELF as _SELF

# base.py imports this module at its end, after loading any .env file into the environment, so
# this reads the same variables as base's env.
_env = _environ.Env()

# Shared devices ---------------------------------------------------------------
# A pupil session ends after this many minutes without a page being opened, and in any case at
# the end of the school day (local time, "HH:MM"): a session started before that time ends at it;
# one started after it ends at the same time the next day.
PUPIL_SESSION_IDLE_MINUTES = _env.int("PUPIL_SESSION_IDLE_MINUTES", default=20)
PUPIL_SCHOOL_DAY_ENDS = _env("PUPIL_SCHOOL_DAY_ENDS", default="17:00")
# Responses under these paths (and any response to a signed-in pupil) are never stored by the
# browser or a proxy, so Back or the history on a shared device cannot show them again.
NO_STORE_PATH_PREFIXES = ["/pupil/", "/teach/", "/school/", "/reports/", "/platform/"]

# Cookies ----------------------------------------------------------------------
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4) ----------------------------------------
# The site runs no inline script or style and loads nothing from other origins: lesson videos
# and captions are the site's own documents, images its own renditions (data: for the small
# images GOV.UK Frontend's CSS embeds).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "media-src": [_SELF],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_NONE],
        "frame-ancestors": [_NONE],
        "form-action": [_SELF],
        "base-uri": [_SELF],
        "object-src": [_NONE],
    },
}
# The Wagtail and Django admins write inline scripts and styles and frame their own previews,
# so the paths under PATH_PREFIXES below get this policy instead. Staff only reach them signed in
# (and with MFA for roles that see many schools); the site's pages keep the strict policy.
CONTENT_SECURITY_POLICY_ADMIN = {
    "PATH_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "media-src": [_SELF, "blob:"],
        "font-src": [_SELF, "data:"],
        "connect-src": [_SELF],
        "frame-src": [_SELF],
        "frame-ancestors": [_SELF],
        "form-action": [_SELF],
        "base-uri": [_SELF],
        "object-src": [_NONE],
    },
}

# Permissions-Policy: browser features no page of the site uses. Full screen stays available to
# the site itself (present mode).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}

# Uploads ----------------------------------------------------------------------
# Request bodies other than files (Wagtail's editor posts whole pages); files above the memory
# size are streamed to a temporary file. Each upload form sets its own size limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Images: raster formats only (an SVG can carry script), checked by Wagtail by their content.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents (served by Wagtail's view) are downloads (Content-Disposition: attachment) except
# PDFs, sent with "default-src 'none'" and nosniff, so a document never runs as a page of the site.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# Middleware, in the order base.py's MIDDLEWARE lists them (see the module docstring).
SECURITY_MIDDLEWARE = [
    # Right after django.middleware.security.SecurityMiddleware:
    "config.security_headers.SiteCSPMiddleware",
    "config.security_headers.SecurityHeadersMiddleware",
    # Right after django.contrib.messages.middleware.MessageMiddleware:
    "schools.pupil_session_middleware.PupilSessionMiddleware",
]
