"""Export pages: who may ask, who may download and until when, and the audit log of both."""

import csv
import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.roles import GlobalRole
from reports.export_models import Export, ExportKind, ExportStatus
from reports.rollups import refresh_rollups
from schools.models import AuditAction, AuditEvent
from tests.factories import SchoolFactory, UserFactory, enable_mfa, staff

from .conftest import add_pupil, assign, populate

pytestmark = pytest.mark.django_db

EVALUATOR_URL = reverse("reports:evaluator_export")
DASHBOARD_URL = reverse("reports:dashboard_export")


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = str(tmp_path / "private")


def with_role(role: GlobalRole, **fields):
    user = enable_mfa(UserFactory(**fields))
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


@pytest.fixture
def evaluator():
    return with_role(GlobalRole.EVALUATOR)


@pytest.fixture
def commissioner():
    return with_role(GlobalRole.COMMISSIONER)


@pytest.fixture
def answered(evaluated):
    """One class whose pupils have answered everything."""
    assignment = assign(evaluated)
    populate(evaluated, assignment, 2)
    return assignment


def ask(client, user, url, data, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(url, data)
    return response


# --- Asking -----------------------------------------------------------------------------------------


def test_evaluator_asks_for_the_response_export_and_it_is_built(
    client, evaluator, answered, django_capture_on_commit_callbacks
):
    client.force_login(evaluator)
    assert client.get(EVALUATOR_URL).status_code == 200

    response = ask(client, evaluator, EVALUATOR_URL, {"format": "csv"}, django_capture_on_commit_callbacks)

    export = Export.objects.get()
    assert response["Location"] == reverse("reports:export_status", args=[export.pk])
    assert (export.requested_by, export.kind, export.status) == (evaluator, ExportKind.EVALUATOR_RESPONSES, "done")
    page = client.get(response["Location"])
    assert b"Your export is ready" in page.content
    assert reverse("reports:export_download", args=[export.pk]).encode() in page.content


def test_the_chosen_year_and_module_are_kept_as_filters(
    client, evaluator, answered, django_capture_on_commit_callbacks
):
    year = answered.school_class.academic_year
    data = {"format": "xlsx", "academic_year": str(year), "module_id": str(answered.module_id)}

    ask(client, evaluator, EVALUATOR_URL, data, django_capture_on_commit_callbacks)

    assert Export.objects.get().filters == {"academic_year": year, "module_id": answered.module_id}


@pytest.mark.parametrize(
    "data",
    [{"format": "pdf"}, {}, {"format": "csv", "academic_year": "1999"}, {"format": "csv", "module_id": "nope"}],
)
def test_a_tampered_form_builds_nothing(client, evaluator, answered, data, django_capture_on_commit_callbacks):
    response = ask(client, evaluator, EVALUATOR_URL, data, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not Export.objects.exists()


@pytest.mark.parametrize("who", ["teacher", "lead", "commissioner", "editor"])
def test_only_evaluators_may_ask_for_the_response_export(client, who, django_capture_on_commit_callbacks):
    school = SchoolFactory()
    user = {
        "teacher": lambda: staff(school),
        "lead": lambda: staff(school, role="school_lead"),
        "commissioner": lambda: with_role(GlobalRole.COMMISSIONER),
        "editor": lambda: with_role(GlobalRole.CONTENT_EDITOR),
    }[who]()
    client.force_login(user)

    assert client.get(EVALUATOR_URL).status_code == 403
    response = ask(client, user, EVALUATOR_URL, {"format": "csv"}, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert not Export.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(EVALUATOR_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_teachers_cannot_export_the_dashboard_tables(client):
    client.force_login(staff(SchoolFactory()))

    assert client.get(DASHBOARD_URL).status_code == 403


def test_commissioner_exports_the_dashboard_tables_suppressed_but_not_rounded(
    client, commissioner, evaluated, settings, django_capture_on_commit_callbacks
):
    settings.SUPPRESSION_THRESHOLD = 3
    for _ in range(3):
        assignment = assign(evaluated)
        for i in range(6):
            add_pupil(assignment, f"P{i}")
    refresh_rollups()

    ask(client, commissioner, DASHBOARD_URL, {"format": "csv"}, django_capture_on_commit_callbacks)

    export = Export.objects.get()
    assert (export.kind, export.status) == (ExportKind.DASHBOARD_TABLES, ExportStatus.DONE)
    response = client.get(reverse("reports:export_download", args=[export.pk]))
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert archive.namelist() == [
            "uptake_by_district.csv",
            "uptake_by_module.csv",
            "knowledge_change.csv",
            "attitude_change.csv",
            "notes.csv",
        ]
        modules = list(csv.reader(io.StringIO(archive.read("uptake_by_module.csv").decode())))
    assert modules[0][:3] == ["Module", "Schools", "Pupils assigned"]
    # 18 pupils in 3 schools: shown as counted (not rounded to 20); nobody started, so those are hidden.
    assert modules[1][:4] == [evaluated.module.title, "3", "18", "c"]


# --- Status and download ------------------------------------------------------------------------------


@pytest.fixture
def built(client, evaluator, answered, django_capture_on_commit_callbacks):
    ask(client, evaluator, EVALUATOR_URL, {"format": "csv"}, django_capture_on_commit_callbacks)
    return Export.objects.get()


def test_the_requester_downloads_the_file(client, evaluator, built):
    client.force_login(evaluator)

    response = client.get(reverse("reports:export_download", args=[built.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert "responses.csv" in archive.namelist()


def test_another_evaluator_gets_404_for_the_status_and_the_file(client, built):
    client.force_login(with_role(GlobalRole.EVALUATOR))

    assert client.get(reverse("reports:export_status", args=[built.pk])).status_code == 404
    assert client.get(reverse("reports:export_download", args=[built.pk])).status_code == 404


def test_an_expired_link_answers_404(client, evaluator, built):
    Export.objects.filter(pk=built.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    client.force_login(evaluator)

    assert client.get(reverse("reports:export_download", args=[built.pk])).status_code == 404
    assert b"The link has expired" in client.get(reverse("reports:export_status", args=[built.pk])).content


def test_a_file_not_finished_answers_404(client, evaluator):
    export = Export.objects.create(requested_by=evaluator, kind=ExportKind.EVALUATOR_RESPONSES, format="csv")
    client.force_login(evaluator)

    assert client.get(reverse("reports:export_download", args=[export.pk])).status_code == 404
    status = client.get(reverse("reports:export_status", args=[export.pk]))
    assert b'http-equiv="refresh"' in status.content


def test_an_evaluator_whose_role_was_removed_cannot_download(client, evaluator, built):
    evaluator.groups.clear()
    client.force_login(evaluator)

    assert client.get(reverse("reports:export_download", args=[built.pk])).status_code == 404


def test_requests_and_downloads_are_in_the_audit_log_without_personal_data(client, evaluator, built, answered):
    client.force_login(evaluator)
    client.get(reverse("reports:export_download", args=[built.pk]))
    client.get(reverse("reports:export_download", args=[built.pk]))

    events = list(AuditEvent.objects.filter(action=AuditAction.EXPORTED).order_by("pk"))

    assert [event.detail["event"] for event in events] == ["requested", "downloaded", "downloaded"]
    assert {(event.school_id, event.actor_id, event.target_id) for event in events} == {
        (None, evaluator.pk, str(built.pk))
    }
    names = {pupil.first_name for pupil in answered.school_class.school.pupils.all()}
    assert not any(name in event.summary for event in events for name in names)
    assert "Pseudonymised responses" in events[0].summary
