"""The ``LOGGING`` setting: plain lines for people at a terminal, or one JSON object a line for a
log platform (``LOG_FORMAT=json``, the production default).

Every record carries the request id (``X-Request-ID``, set by django-guid's middleware from the
proxy's header or made up, and handed on to Celery tasks), so one request's lines, and the lines
of the background jobs it queued, can be found together.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

LOG_FORMATS = ("plain", "json")

# Libraries that log every routine step at INFO.
QUIET_LOGGERS = {
    # Wagtail's background search and reference-index tasks log every run.
    "django_tasks": "WARNING",
    "wagtail": "WARNING",
    # WeasyPrint logs every step of a PDF at INFO.
    "weasyprint": "WARNING",
    "fontTools": "WARNING",
    # django-guid logs each id it sets or hands to a task.
    "django_guid": "WARNING",
}


def build_logging(*, log_format: str, level: str) -> dict:
    """A ``dictConfig`` for ``log_format`` ("plain" or "json"), everything to standard error."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}; got {log_format!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s %(process)d",
                "rename_fields": {"asctime": "time", "levelname": "level", "correlation_id": "request_id"},
            },
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {name: {"level": quiet} for name, quiet in QUIET_LOGGERS.items()},
    }
