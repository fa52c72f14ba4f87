"""Settings shared by every environment.

Every value that differs between machines comes from the environment through
the one ``env`` below; the README lists each variable.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django_guid.integrations import CeleryIntegration
from kombu import Exchange, Queue

from config.logging_config import build_logging

from .scaling import database_settings, frontend_cache_settings
from .sso import sign_in_apps, with_provider_form_actions

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is a convenience for local work only; production sets real variables.
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Database -------------------------------------------------------------------
# A pool (DATABASE_POOL) or kept connections (DATABASE_CONN_MAX_AGE); a "replica" alias when
# DATABASE_REPLICA_URL is set, read only by the report pages (config/db_router.py).
DATABASES = database_settings(env, default_url=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
DATABASE_PIN_SECONDS = env.int("DATABASE_PIN_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Applications ---------------------------------------------------------------
INSTALLED_APPS = [
    # Project apps first so their templates override the libraries'.
    "accounts",
    "courses",
    "schools",
    "learning",
    "classroom",
    "reports",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django and allauth
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_celery_beat",
    "django_guid",
]

MIDDLEWARE = [
    # First, so every log line of the request carries its id.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "config.security_headers.SiteCSPMiddleware",
    "config.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, so a session saved in the response counts as a write (read-after-write).
    "config.db_pinning.ReplicaPinningMiddleware",
    # Public pages from the cache: after the headers above are added, before any session is read.
    "courses.public_page_cache.PublicPageCacheMiddleware",
    # Live-lesson polls from the cache, before the session middleware and the URL resolver.
    "classroom.live_poll.LivePollMiddleware",
    # Where each request came from, for audit entries written deep in the services.
    "schools.request_origin.RequestOriginMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "schools.pupil_session_middleware.PupilSessionMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Server-Timing on each response (config/server_timing.py): for load tests, off in production.
SERVER_TIMING = env.bool("SERVER_TIMING", default=False)
if SERVER_TIMING:
    MIDDLEWARE.insert(0, "config.server_timing.ServerTimingMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "courses.context_processors.site_chrome",
                "schools.context_processors.signed_in_pupil",
                "config.navigation.navigation",
            ],
        },
    },
]

# Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "schools:staff_home"
# Staff sign in through allauth everywhere (rate limits and MFA apply to the admin too).
WAGTAILADMIN_LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "schools.staff_sign_in.AuditedStaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# Brute-force protection: failed sign-ins are limited per IP address and per account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",  # nosec B105 # a rate limit, not a password
    "reset_password": "20/m/ip,5/m/key",
}
# School Google and Microsoft accounts (config/settings/sso.py, schools/staff_social.py): staff join
# a school by invitation or by its staff email domains; only verified addresses are trusted, an
# existing account is never taken over by its address (it links the provider from its own page),
# and no provider tokens are kept.
SOCIALACCOUNT_ADAPTER = "schools.staff_social.StaffSocialAccountAdapter"
SIGN_IN_APPS = sign_in_apps(env)
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": SIGN_IN_APPS}}
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Respect Online"
MFA_FORMS = {"authenticate": "accounts.mfa_forms.SignInCodeForm", "activate_totp": "accounts.mfa_forms.SetUpCodeForm"}
# Commissioners, evaluators and platform admins see many schools: none of these pages opens to
# their password alone. (Teachers and school leads are not asked for a second factor.)
MFA_PROTECTED_PATH_PREFIXES = ["/admin/", "/django-admin/", "/reports/", "/school/", "/teach/", "/platform/"]

# Pupils sign in with codes: limits on failed attempts (count/seconds).
PUPIL_LOGIN_RATE_PER_IP = env("PUPIL_LOGIN_RATE_PER_IP", default="30/5m")
PUPIL_LOGIN_RATE_PER_CLASS = env("PUPIL_LOGIN_RATE_PER_CLASS", default="20/5m")
PUPIL_SESSION_KEY = "respect_pupil"

# Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static and media files -----------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache and background tasks -------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Django's Redis cache that answers as an empty cache while Redis is down, so sign-in,
    # lessons and live sessions carry on (config/cache_backend.py); a down Redis costs at most
    # half a second per process every few seconds.
    CACHES = {
        "default": {
            "BACKEND": "config.cache_backend.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Rendered content (slides, lesson lists, public pages) kept until the next publish
# (courses/content_cache.py). Right only with a cache every web process shares (Redis), or with
# one process (the demo's runserver).
CONTENT_CACHE = env.bool("CONTENT_CACHE", default=bool(REDIS_URL))
CONTENT_CACHE_SECONDS = env.int("CONTENT_CACHE_SECONDS", default=60 * 60)
# Public pages (Wagtail pages to a visitor who is not signed in) are answered from the cache and
# marked cacheable for browsers (max-age) and a CDN (s-maxage); a publish purges the CDN.
PUBLIC_PAGE_MAX_AGE = env.int("PUBLIC_PAGE_MAX_AGE", default=60)
PUBLIC_PAGE_CDN_MAX_AGE = env.int("PUBLIC_PAGE_CDN_MAX_AGE", default=10 * 60)
# Sessions: in PostgreSQL, read through the cache when it is shared (Redis), so a signed-in
# request reads no session row (config/session_store.py).
SESSION_ENGINE = "config.session_store" if REDIS_URL else "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Without a broker the demo runs every task in-process, so it needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Task status lives in the database; Celery's result backend is not used.
CELERY_TASK_IGNORE_RESULT = True
# No results are stored, so beat needs no daily "celery.backend_cleanup" entry.
CELERY_RESULT_EXPIRES = None
CELERY_TASK_ACKS_LATE = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Three queues, so a long export never holds up an invitation email or a roster import: exports
# and the audit report PDF on "exports" (its own worker, one at a time), emails on "emails",
# everything else on "default". A worker started without --queues consumes all three.
CELERY_TASK_DEFAULT_QUEUE = "default"
# Each queue has its own exchange and routing key: queues sharing both would each get a copy of
# every task.
CELERY_TASK_QUEUES = tuple(Queue(name, Exchange(name), routing_key=name) for name in ("default", "exports", "emails"))
CELERY_TASK_ROUTES = {
    "reports.tasks.build_export_task": {"queue": "exports"},
    "reports.tasks.build_audit_report_task": {"queue": "exports"},
    "reports.tasks.email_audit_report_task": {"queue": "emails"},
    "schools.tasks.emails.send_invitation_email": {"queue": "emails"},
}
# A task taken by a worker that then dies without a word (killed, out of memory, its machine
# lost) stays unacknowledged in Redis until this many seconds have passed since it was taken;
# then a running worker hands it out again. It must be longer than the longest task and the
# longest retry countdown (10 minutes), or a task still running is started a second time
# (harmless, as tasks are idempotent, but wasted work). Live workers look for such tasks every
# 5 seconds. A worker stopped normally (SIGTERM) finishes its task or gives it back at once.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60)
# A broker that is down or hangs makes `.delay()` fail within seconds (the caller marks the job
# "could not be queued"), not hang: short socket timeouts and one quick retry of the publish.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 5,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
# A worker started before Redis, or that loses it, waits for it however long it takes; the
# tasks queued meanwhile are in Redis and run when both are back.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Tasks acknowledged late are safe to run again: one cut off by a lost broker goes back to the queue.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Beat keeps the schedule in the database (django-celery-beat), so staff can see it and pause an
# entry in the Django admin (a paused entry stays paused). The entries below are written there
# each time beat starts; an entry removed from here must also be deleted there. Run one beat only.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    # Commissioner reports read rollups: rebuilt in full, and so published, once a night only
    # (never during the day, when a change could be about one pupil: reports.publication).
    "refresh-rollups-nightly": {"task": "reports.tasks.refresh_rollups_task", "schedule": crontab(hour=2, minute=30)},
    # Runs daily; builds the audit report only on an AUDIT_REPORT_DATES day (or the days after,
    # if that run failed), and does nothing once the due report is published.
    "build-audit-report": {"task": "reports.tasks.build_audit_report_task", "schedule": crontab(hour=6, minute=0)},
    "delete-expired-questions": {
        "task": "classroom.tasks.delete_expired_questions_task",
        "schedule": crontab(hour=3, minute=45),
    },
    "delete-expired-exports": {
        "task": "reports.tasks.delete_expired_exports_task",
        "schedule": crontab(hour=3, minute=15),
    },
    # Pseudonymises and deletes what has passed its retention period (config/settings/privacy.py).
    "apply-retention": {"task": "schools.tasks.retention.apply_retention_task", "schedule": crontab(hour=4, minute=0)},
    # Keeps monthly partitions ahead of time once `partition_tables` has converted the tables
    # (does nothing before that, or on SQLite).
    "add-partitions": {
        "task": "learning.tasks.add_partitions_task",
        "schedule": crontab(day_of_month="1,15", hour=1, minute=15),
    },
}

# Exports and audit report PDFs: a private folder, never served; web and workers must share it.
PRIVATE_STORAGE_ROOT = env.path("DJANGO_PRIVATE_ROOT", default=BASE_DIR / "private")
EXPORT_LINK_HOURS = env.int("EXPORT_LINK_HOURS", default=72)
# Audit reports are due on these month-days; each covers the half-year that ended the day before.
AUDIT_REPORT_DATES = env.list("AUDIT_REPORT_DATES", default=["03-01", "09-01"])

# Email ----------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Respect Online <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security -------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Respect Online"
# CDN purge when a page is published (Cloudflare or HTTP PURGE; nothing when unset).
WAGTAILFRONTENDCACHE = frontend_cache_settings(env)
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "mp4", "webm", "vtt", "txt"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatar requests: they would send a hash of every staff email elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True

# Project --------------------------------------------------------------------
# Key for hashing pupils' personal login codes. Changing it makes every
# existing code stop working, so it is separate from DJANGO_SECRET_KEY.
PUPIL_CODE_KEY = env("PUPIL_CODE_KEY", default=SECRET_KEY)
# Published figures about fewer pupils than this are suppressed.
SUPPRESSION_THRESHOLD = env.int("SUPPRESSION_THRESHOLD", default=10)
# Where the quick-exit button sends someone: a neutral, everyday site.
QUICK_EXIT_URL = env("QUICK_EXIT_URL", default="https://www.bbc.co.uk/weather")

# Logs: plain lines locally, JSON in production (config/logging_config.py). Each line carries the
# request id: the proxy's X-Request-ID if it is a valid id, otherwise a new one, returned in the
# response's X-Request-ID and handed on to the Celery tasks the request queues.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
LOG_LEVEL = env("DJANGO_LOG_LEVEL", default="INFO")
LOGGING = build_logging(log_format=LOG_FORMAT, level=LOG_LEVEL)
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
    # Celery workers log with LOGGING too, and each task's lines carry the id of the request
    # (or task) that queued it.
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True, log_parent=True)],
}

# Each app's demo loader, run in order by `manage.py load_demo_data`. A higher
# app (schools, learning) adds its own here, so content never imports them.
DEMO_DATA_LOADERS = [
    "courses.demo_data.load_demo_content",
    "schools.demo_data.load_demo_schools",
    "learning.demo_data.load_demo_progress",
    "classroom.demo_data.load_demo_classroom",
    "accounts.demo_data.load_demo_accounts",
    "reports.demo_data.load_demo_reports",
]
# Demo accounts with published passwords: never in production.
DEMO_DATA_ALLOWED = True

from .privacy import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403

# The sign-in buttons lead to the providers' own pages.
CONTENT_SECURITY_POLICY = with_provider_form_actions(
    CONTENT_SECURITY_POLICY,
    SIGN_IN_APPS,
)
