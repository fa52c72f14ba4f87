"""Settings for the test suite."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-key-not-for-production-use")
PUPIL_CODE_KEY = env("PUPIL_CODE_KEY", default=SECRET_KEY)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; tests marked `services` use a real worker.
CELERY_TASK_ALWAYS_EAGER = True
# Test runs only (DJANGO_MEDIA_ROOT and DJANGO_PRIVATE_ROOT move them).
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default="/tmp/respect-online-test-media")  # nosec B108
PRIVATE_STORAGE_ROOT = env.path("DJANGO_PRIVATE_ROOT", default="/tmp/respect-online-test-private")  # nosec B108
WAGTAILADMIN_BASE_URL = "http://testserver"

# Demo pupils' progress takes half a minute to make through the real services: tests that load
# the demo content and schools leave it out; tests/learning/test_demo_progress.py loads it.
DEMO_DATA_LOADERS = [loader for loader in DEMO_DATA_LOADERS if loader != "learning.demo_data.load_demo_progress"]

# Serve static files straight from the app folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Each test process has its own cache, so parallel workers never clear or count each other's
# entries; tests marked `services` talk to Redis directly.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# One process (runserver, or the test run) shares its local-memory cache with itself, so
# rendered content can be kept there too.
CONTENT_CACHE = env.bool("CONTENT_CACHE", default=True)
