"""Settings shared by every environment.

Every value that differs between machines comes from the environment through
the one ``env`` below; the README lists each variable.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is a convenience for local work only; production sets real variables.
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Database -------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# Streaming exports use server-side cursors; a transaction-pooling proxy
# (PgBouncer) needs them off.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False)
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.security_headers.SiteCSPMiddleware",
    "config.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
                "reports.context_processors.report_links",
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
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Respect Online"
# Commissioners, evaluators and platform admins must set up MFA before these pages open.
MFA_PROTECTED_PATH_PREFIXES = ["/admin/", "/django-admin/", "/reports/", "/school/invitations/", "/platform/"]

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

CELERY_BROKER_URL = REDIS_URL or "memory://"
# Without a broker the demo runs every task in-process, so it needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Task status lives in the database; Celery's result backend is not used.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A broker that is down or hangs makes `.delay()` fail within seconds (the caller marks the job
# "could not be queued"), not hang: short socket timeouts and one quick retry of the publish.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 4 * 60 * 60,
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
CELERY_BEAT_SCHEDULE: dict = {
    # Commissioner reports read rollups: rebuilt in full each night, and the schools that
    # changed every quarter of an hour through the school day.
    "refresh-rollups-nightly": {"task": "reports.tasks.refresh_rollups_task", "schedule": crontab(hour=2, minute=30)},
    "refresh-changed-rollups": {
        "task": "reports.tasks.refresh_changed_rollups_task",
        "schedule": crontab(minute="*/15", hour="7-19"),
    },
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Wagtail's background search and reference-index tasks log every run.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint logs every step of a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
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
