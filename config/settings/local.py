"""Settings for the demo and local development: SQLite, no Redis needed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Local only: production refuses to start without a real key.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-demo-key-not-for-production-use")
PUPIL_CODE_KEY = env("PUPIL_CODE_KEY", default=SECRET_KEY)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# Serve static files straight from the app folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
# Looking for changed files on every request is for development only (a benchmark run turns DEBUG off).
WHITENOISE_AUTOREFRESH = DEBUG

# One process (runserver, or the test run) shares its local-memory cache with itself, so
# rendered content can be kept there too.
CONTENT_CACHE = env.bool("CONTENT_CACHE", default=True)
