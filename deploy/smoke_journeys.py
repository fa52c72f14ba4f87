"""The journeys of the production smoke run, each over HTTP against the running processes."""

from __future__ import annotations

import io
import json
import time
import uuid
import zipfile
from pathlib import Path

import requests

from deploy.smoke_client import SmokeClient, links
from deploy.smoke_stack import BEAT_ENTRIES, Stack, check, wait_for


def pupil_takes_the_quiz(stack: Stack, world: dict) -> None:
    pupil = SmokeClient(stack.base)
    response = pupil.submit("/pupil/login/", {"class_code": world["class_code"], "pupil_code": world["pupil_code"]})
    check("/pupil/login/" not in response.url, f"the pupil could not sign in ({response.url})")
    quiz_path = f"/pupil/modules/{world['assignment']}/quiz/"
    opened = pupil.expect(pupil.get(quiz_path), 200)
    check(opened.url.endswith(quiz_path), f"the end-of-module quiz did not open ({opened.url})")
    page = opened.text
    statuses = [pupil.submit(quiz_path, {}, page=page, follow=False).status_code for _ in range(2)]
    check(statuses == [302, 302], f"quiz submissions answered {statuses}")
    attempts = stack.query("select count(*) from learning_quizattempt where pupil_id = %s", world["pupil_id"])[0][0]
    answers = stack.query(
        "select count(*) from learning_quizanswer a join learning_quizattempt t on t.id = a.attempt_id "
        "where t.pupil_id = %s",
        world["pupil_id"],
    )[0][0]
    check(attempts == 1 and answers > 0, f"the quiz submitted twice stored {attempts} attempts")
    stack.note(f"pupil signed in with codes; quiz sent twice, stored once ({answers} answers)")


def teacher_downloads_the_class_csv(stack: Stack, world: dict) -> None:
    teacher = SmokeClient(stack.base)
    teacher.sign_in_staff(world["teacher"], world["password"])
    response = teacher.expect(teacher.get(f"/teach/classes/{world['class_id']}/progress.csv"), 200)
    check(response.headers["Content-Type"].startswith("text/csv"), "the class CSV is not CSV")
    lines = response.content.decode("utf-8-sig").splitlines()
    check(len(lines) >= 31, f"the class CSV has {len(lines)} lines for 30 pupils")
    stack.note(f"teacher downloaded the class CSV ({len(lines) - 1} rows)")


def request_export(client: SmokeClient, path: str) -> int:
    response = client.submit(path, {"format": "csv"})
    check(response.status_code == 200 and "/reports/exports/" in response.url, f"export request: {response.url}")
    return int(response.url.rstrip("/").rsplit("/", 1)[-1])


def export_row(stack: Stack, export_id: int) -> tuple:
    return stack.query("select status, attempts, file, rows_done from reports_export where id = %s", export_id)[0]


def download_export(stack: Stack, client: SmokeClient, export_id: int) -> bytes:
    def ready():
        stack.assert_running()
        page = client.expect(client.get(f"/reports/exports/{export_id}/"), 200).text
        return "Download the file" in page and page

    page = wait_for(f"export {export_id} to be ready", ready)
    download = next(href for href in links(page) if href.endswith(f"/{export_id}/download/"))
    response = client.expect(client.get(download), 200)
    zipfile.ZipFile(io.BytesIO(response.content)).testzip()
    return response.content


def commissioner_exports_and_reads_the_audit_report(stack: Stack, world: dict) -> None:
    commissioner = SmokeClient(stack.base)
    person = world["commissioner"]
    commissioner.sign_in_staff(person["email"], world["password"], person["totp_secret"])
    export_id = request_export(commissioner, "/reports/exports/dashboard-tables/")
    content = download_export(stack, commissioner, export_id)
    stack.note(f"commissioner signed in with TOTP; dashboard export #{export_id} built by a worker ({len(content)} B)")

    # Beat queues this task daily; queued here the same way (routed by CELERY_TASK_ROUTES).
    stack.manage("shell", "-c", "from reports.tasks import build_audit_report_task; build_audit_report_task.delay()")

    def published():
        stack.assert_running()
        rows = stack.query("select id, pdf, emailed_at from reports_auditreport where status = 'published'")
        return rows and rows[0][2] is not None and rows[0]

    report_id, pdf, _ = wait_for("the audit report to be built and emailed", published)
    response = commissioner.expect(commissioner.get(f"/reports/exports/audit-reports/{report_id}/pdf/"), 200)
    check(response.content.startswith(b"%PDF"), "the audit report PDF is not a PDF")
    check((stack.private_root / pdf).is_file(), "the audit report PDF is not in private storage")
    emailed = "Subject:" in stack.log_text("worker-a") + stack.log_text("worker-b")
    check(emailed, "no worker sent the audit report email")
    stack.note(f"audit report #{report_id} built on a worker ({len(response.content)} B PDF) and emailed")


def beat_synced_the_schedule(stack: Stack) -> None:
    def entries():
        stack.assert_running()
        rows = stack.query(
            "select p.name, c.minute, c.hour, c.timezone from django_celery_beat_periodictask p "
            "join django_celery_beat_crontabschedule c on c.id = p.crontab_id"
        )
        return {name: (minute, hour, zone) for name, minute, hour, zone in rows if name in BEAT_ENTRIES}

    found = wait_for("beat to write its schedule", lambda: len(entries()) == len(BEAT_ENTRIES) and entries())
    check(found["refresh-rollups-nightly"][:2] == ("30", "2"), f"nightly rollups at {found['refresh-rollups-nightly']}")
    stack.note(f"beat (DatabaseScheduler) wrote all {len(found)} CELERY_BEAT_SCHEDULE entries to the database")


def request_ids_and_json_logs(stack: Stack) -> None:
    request_id = uuid.uuid4().hex
    response = requests.get(
        stack.base + "/smoke-no-such-page/", headers={"X-Request-ID": request_id, "X-Forwarded-Proto": "https"}
    )
    check(response.status_code == 404, f"a missing page answered {response.status_code}")
    check(response.headers.get("X-Request-ID") == request_id, "the request id did not come back in X-Request-ID")

    def logged():
        for line in stack.log_text("web").splitlines():
            if line.startswith("{") and json.loads(line).get("request_id") == request_id:
                return json.loads(line)
        return None

    record = wait_for("the web log line with the request id", logged, deadline=10)
    stack.note(f"X-Request-ID in and out; JSON log line: {record['level']} {record['message']!r}")


def a_worker_dies_mid_export(stack: Stack, world: dict) -> None:
    evaluator = SmokeClient(stack.base)
    person = world["evaluator"]
    evaluator.sign_in_staff(person["email"], world["password"], person["totp_secret"])
    seen = {name: len(stack.log_text(name)) for name in ("worker-a", "worker-b")}
    export_id = request_export(evaluator, "/reports/exports/evaluator/")

    def taken_by():
        status, _, _, rows = export_row(stack, export_id)
        if status != "running" or rows == 0:
            return None
        for name, offset in seen.items():
            if "reports.tasks.build_export_task" in stack.log_text(name)[offset:]:
                return name
        return None

    victim = wait_for(f"a worker to be building export #{export_id}", taken_by, every=0.1)
    rows_at_kill = export_row(stack, export_id)[3]
    stack.kill(victim)
    survivor = next(name for name in seen if name != victim)
    killed_at = time.monotonic()
    stack.note(f"evaluator export #{export_id}: {victim} killed (SIGKILL) at row {rows_at_kill}")

    content = download_export(stack, evaluator, export_id)
    waited = time.monotonic() - killed_at
    status, attempts, name, rows = export_row(stack, export_id)
    check(status == "done" and attempts == 2, f"export #{export_id} ended {status} after {attempts} attempts")
    built_by_survivor = "reports.tasks.build_export_task" in stack.log_text(survivor)[seen[survivor] :]
    check(built_by_survivor, f"{survivor} did not build it")
    finished = sorted(p.name for p in (stack.private_root / "exports").rglob("*") if p.is_file())
    check(finished.count(Path(name).name) == 1, f"finished export files: {finished}")
    check(len(finished) == 2, f"expected two finished export files (dashboard, evaluator), found {finished}")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        data_rows = sum(archive.read(member).count(b"\n") - 1 for member in archive.namelist() if "response" in member)
    expected = stack.query("select count(*) from learning_quizanswer")[0][0]
    check(rows == expected, f"the export has {rows} rows; there are {expected} answers")
    # The killed run's half-written file stays in the partial folder (reports.private_storage.PARTIAL_DIR),
    # never under a finished name; the nightly clean-up deletes it after a day.
    partial = list((stack.private_root / ".partial").glob("*"))
    stack.note(
        f"{survivor} built it after the visibility timeout: done in {waited:.0f} s after the kill, "
        f"attempt 2, {rows} rows ({data_rows} CSV lines), one finished file; "
        f"{len(partial)} partial file(s) of the killed run left for the nightly clean-up"
    )
