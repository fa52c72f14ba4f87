"""Request ids, JSON logs, Sentry's privacy rules and where each task is queued."""

import io
import json
import logging
import logging.config
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_guid import clear_guid, set_guid

from config.celery_app import app
from config.logging_config import build_logging
from config.sentry import FILTERED, strip_personal_data


@pytest.mark.django_db
def test_a_valid_request_id_comes_back_and_a_bad_one_is_replaced(client):
    request_id = uuid.uuid4().hex
    assert client.get("/health/live/", HTTP_X_REQUEST_ID=request_id)["X-Request-ID"] == request_id

    replaced = client.get("/health/live/", HTTP_X_REQUEST_ID="forged\nline")["X-Request-ID"]
    assert replaced != "forged\nline" and len(replaced) == 32 and int(replaced, 16) >= 0


def _log_line(log_format: str) -> str:
    config = build_logging(log_format=log_format, level="INFO")
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    config["disable_existing_loggers"] = False
    handlers, level = logging.root.handlers[:], logging.root.level
    try:
        logging.config.dictConfig(config)
        logging.getLogger("respect.smoke").info("Export %s built", 7)
    finally:
        logging.root.handlers[:] = handlers
        logging.root.setLevel(level)
    return stream.getvalue().strip()


@pytest.fixture
def request_id():
    """Stand in for django-guid's middleware: the id of the request being served."""
    set_guid("0123456789abcdef0123456789abcdef")
    yield "0123456789abcdef0123456789abcdef"
    clear_guid()


def test_json_logs_are_one_object_a_line_with_the_request_id(request_id):
    record = json.loads(_log_line("json"))
    assert record["message"] == "Export 7 built"
    assert record["level"] == "INFO" and record["name"] == "respect.smoke"
    assert record["request_id"] == request_id
    assert "time" in record


def test_plain_logs_carry_the_request_id_too(request_id):
    assert f"[{request_id}] respect.smoke Export 7 built" in _log_line("plain")


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT must be one of plain, json"):
        build_logging(log_format="xml", level="INFO")


def test_sentry_events_lose_bodies_cookies_query_strings_and_sql_values():
    event = {
        "request": {
            "url": "https://respect.example.org/pupil/login/",
            "method": "POST",
            "data": {"class_code": "ABC123", "pupil_code": "XYZ789"},
            "cookies": {"__Host-sessionid": "secret"},
            "query_string": "name=Ava",
            "headers": {"Cookie": "__Host-sessionid=secret", "User-Agent": "Firefox", "X-Forwarded-For": "10.0.0.1"},
        },
        "user": {"id": 4, "email": "teacher@example.org"},
        "breadcrumbs": {"values": [{"category": "query", "message": "SELECT ...", "data": {"params": ["Ava"]}}]},
    }
    cleaned = strip_personal_data(event)
    request = cleaned["request"]
    assert request["data"] == request["cookies"] == request["query_string"] == FILTERED
    assert request["headers"] == {"Cookie": FILTERED, "User-Agent": "Firefox", "X-Forwarded-For": FILTERED}
    assert request["url"].endswith("/pupil/login/")
    assert "user" not in cleaned
    assert cleaned["breadcrumbs"]["values"][0]["data"] == {}
    assert "Ava" not in json.dumps(cleaned) and "ABC123" not in json.dumps(cleaned)


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("reports.tasks.build_export_task", "exports"),
        ("reports.tasks.build_audit_report_task", "exports"),
        ("schools.tasks.emails.send_invitation_email", "emails"),
        ("reports.tasks.email_audit_report_task", "emails"),
        ("reports.tasks.refresh_rollups_task", "default"),
        ("schools.tasks.roster.validate_roster_import", "default"),
        ("schools.tasks.retention.apply_retention_task", "default"),
    ],
)
def test_each_task_goes_to_its_queue(task, queue):
    route = app.amqp.router.route({}, task)
    assert route["queue"].name == queue
    # Each queue has its own routing key, so no other queue gets a copy.
    assert route["queue"].routing_key == queue
