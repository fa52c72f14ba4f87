"""The twice-yearly audit report: its half-year, its figures, frozen once published, and its announcement."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import GlobalRole
from reports import audit_publish
from reports.audit_changes import scale_name
from reports.audit_models import AuditReport, AuditReportStatus
from reports.audit_periods import Period, latest_ended_period, report_dates, terms_ending_in
from reports.audit_publish import build_audit_report
from reports.audit_report import PAIRED_FIELDS, report_figures
from reports.disclosure import SUPPRESSED
from reports.rollups import refresh_rollups
from reports.stats_pooled import pooled_change
from reports.tasks import build_audit_report_task
from reports.terms import Term
from schools.services.classes import current_academic_year
from tests.factories import SchoolFactory, UserFactory, enable_mfa, staff

from .conftest import add_pupil, assign, populate

pytestmark = pytest.mark.django_db

YEAR = current_academic_year()
DUE = datetime.date(YEAR + 1, 3, 1)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = str(tmp_path / "private")


def with_role(role: GlobalRole, **fields):
    user = enable_mfa(UserFactory(**fields))
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


# --- Half-years -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (datetime.date(2027, 3, 1), datetime.date(2026, 9, 1), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), datetime.date(2026, 9, 1), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 9, 1), datetime.date(2027, 3, 1), datetime.date(2027, 8, 31)),
        (datetime.date(2028, 1, 15), datetime.date(2027, 3, 1), datetime.date(2027, 8, 31)),
        (datetime.date(2028, 3, 1), datetime.date(2027, 9, 1), datetime.date(2028, 2, 29)),
    ],
)
def test_the_report_covers_the_half_year_before_the_latest_due_day(today, start, end):
    assert latest_ended_period(today) == Period(start, end)


def test_due_days_come_from_settings(settings):
    settings.AUDIT_REPORT_DATES = ["10-01", "04-01"]

    assert report_dates() == [(4, 1), (10, 1)]
    assert latest_ended_period(datetime.date(2027, 4, 1)) == Period(
        datetime.date(2026, 10, 1), datetime.date(2027, 3, 31)
    )


@pytest.mark.parametrize("dates", [["02-29"], ["13-01"], ["March"], []])
def test_bad_due_days_are_refused(settings, dates):
    settings.AUDIT_REPORT_DATES = dates

    with pytest.raises(ValueError):
        report_dates()


def test_each_term_is_reported_in_the_half_year_it_ends_in():
    autumn_half = Period(datetime.date(2026, 9, 1), datetime.date(2027, 2, 28))
    spring_half = Period(datetime.date(2027, 3, 1), datetime.date(2027, 8, 31))

    assert terms_ending_in(autumn_half) == [(2026, Term.AUTUMN)]
    assert terms_ending_in(spring_half) == [(2026, Term.SPRING), (2026, Term.SUMMER)]


# --- Figures, by hand -------------------------------------------------------------------------------


def snapshot(**changes) -> dict:
    base = {
        "version": 1,
        "period": {"start": "2026-09-01", "end": "2027-02-28"},
        "terms": [{"academic_year": 2026, "term": 1, "label": "Autumn term 2026 to 2027"}],
        "rollups_refreshed_at": "2027-03-01T02:31:00+00:00",
        "suppression_threshold": 10,
        "min_schools": 3,
        "uptake": {
            "schools": 4,
            "pupils_assigned": 100,
            "pupils_started": 80,
            "pupils_completed": 60,
            "pupils_passed": 6,
        },
        "districts": {"rows": [], "schools": 4},
        # Ten pupils all scoring 50% before; five scoring 60% after and five 70%.
        "knowledge": {
            "schools": 3,
            "n": 10,
            "sum_pre": 500.0,
            "sum_post": 650.0,
            "sumsq_pre": 25000.0,
            "sumsq_post": 42500.0,
            "sum_diff": 150.0,
            "sumsq_diff": 2500.0,
        },
        "scales": [
            {
                "survey_key": "respect-survey",
                "scale": "attitudes",
                "schools": 3,
                "n": 5,
                "sum_pre": 10.0,
                "sum_post": 15.0,
                "sumsq_pre": 20.0,
                "sumsq_post": 45.0,
                "sum_diff": 5.0,
                "sumsq_diff": 5.0,
            }
        ],
    }
    base.update(changes)
    return base


def test_uptake_rates_have_wilson_intervals_and_small_counts_are_hidden():
    figures = report_figures(snapshot())

    started, completed, passed = figures.proportions
    assert (figures.schools, figures.assigned) == (4, 100)
    assert (started.count, started.percent) == (80, "80.0")
    # Wilson 95% interval for 60 of 100: 0.5020 to 0.6906 (Newcombe 1998, method 3).
    assert (completed.count, completed.percent, completed.ci_low, completed.ci_high) == (60, "60.0", "50.2", "69.1")
    # 6 pupils passed: fewer than the threshold of 10, so the count and its rate are hidden.
    assert (passed.count, passed.percent, passed.ci_low) == (SUPPRESSED, SUPPRESSED, SUPPRESSED)


def test_knowledge_change_is_a_paired_t_from_the_sums():
    knowledge = report_figures(snapshot()).knowledge

    # Differences: five of 10 and five of 20 points; mean 15, s = 5.270, se = 1.667, t(9, .975) = 2.262.
    assert (knowledge.pairs, knowledge.mean_pre, knowledge.mean_post, knowledge.mean_diff) == (
        10,
        "50.0",
        "65.0",
        "15.0",
    )
    assert (knowledge.ci_low, knowledge.ci_high) == ("11.2", "18.8")
    # d_z = 15 / 5.270; Hedges' J(9) = 0.91387 (see reports.stats.hedges_j).
    assert (knowledge.d_z, knowledge.g_z) == ("2.85", "2.60")
    assert knowledge.reading == (
        "Knowledge score rose by 15.0 percentage points on average (95% interval 11.2 to 18.8)."
    )


def test_a_version_1_snapshot_keeps_the_pupil_level_interval_it_was_published_with():
    knowledge = report_figures(snapshot()).knowledge
    assert knowledge.interval == "pupil-level (built before intervals allowed for schools)"


def test_knowledge_change_pools_schools_with_a_clustered_interval():
    # The same ten pupils in three schools: A gains 10, 10, 10, 20; B 10, 10, 20; C 20, 20, 20.
    # Mean 15; residual sums E = 50 - 60 = -10, 40 - 45 = -5, 60 - 45 = 15; 1 - nⱼ/N = 0.6, 0.7, 0.7.
    # CR2 se = √(100/0.6 + 25/0.7 + 225/0.7)/10 = 2.2887; t(0.975, 2) = 4.30265 -> 5.15 to 24.85,
    # against 11.2 to 18.8 from the pupil-level t that ignores the schools.
    groups = [[4, 50.0, 700.0], [3, 40.0, 600.0], [3, 60.0, 1200.0]]
    knowledge_sums = {**snapshot()["knowledge"], "school_groups": groups}
    figures = report_figures(snapshot(version=2, knowledge=knowledge_sums))
    knowledge = figures.knowledge

    assert (knowledge.mean_diff, knowledge.ci_low, knowledge.ci_high) == ("15.0", "5.2", "24.8")
    assert knowledge.interval == "clustered by school (3 schools)"
    assert knowledge.p == "n/a"  # fewer than 10 schools
    assert knowledge.reading.startswith(
        "10 matched pupils, in 3 schools. Knowledge score rose by 15.0 percentage points on average. "
        "The 95% confidence interval is 5.2 to 24.8. The interval is wide because few schools took part (3)"
    )
    assert "maturation" in figures.not_cause and "regression to the mean" in figures.not_cause


def test_scale_p_values_are_holm_adjusted_across_the_scales():
    # Ten schools of two pupils on two scales; the adjusted p is the smaller p times 2, and the larger p
    # (times 1) or that, whichever is larger (Holm's step-down).
    def scale_row(name, gains):
        groups = [[2, float(a + b), float(a * a + b * b)] for a, b in gains]
        n, total, total_sq = 2 * len(gains), sum(g[1] for g in groups), sum(g[2] for g in groups)
        return {
            "survey_key": "respect-survey",
            "scale": name,
            "schools": len(gains),
            "n": n,
            "sum_pre": 0.0,
            "sum_post": total,
            "sumsq_pre": 0.0,
            "sumsq_post": total_sq,
            "sum_diff": total,
            "sumsq_diff": total_sq,
            "school_groups": groups,
        }

    rows = [
        scale_row("attitudes", [(1, 0), (0, 1), (1, 1), (2, 0), (0, 0), (1, 2), (1, 0), (0, 1), (1, 1), (2, 1)]),
        scale_row("safety", [(1, -1), (0, 1), (1, 0), (-1, 0), (0, 1), (1, 0), (2, -1), (0, 0), (1, 1), (0, 1)]),
    ]
    figures = report_figures(snapshot(version=2, scales=rows))
    raw = [
        pooled_change(tuple(row[name] for name in PAIRED_FIELDS), [tuple(g) for g in row["school_groups"]])
        for row in rows
    ]
    low, high = sorted(change.p for change in raw)
    expected = sorted([2 * low, max(2 * low, high)])
    assert sorted(float(change.p.removeprefix("p = ")) for change in figures.scales) == pytest.approx(
        expected, abs=5e-4
    )


def test_changes_from_too_few_pupils_or_schools_are_hidden():
    figures = report_figures(snapshot(uptake={**snapshot()["uptake"], "schools": 2}))

    assert figures.scales[0].suppressed  # 5 matched pupils
    assert figures.schools == SUPPRESSED
    assert figures.assigned == SUPPRESSED
    assert all(row.count == SUPPRESSED for row in figures.proportions)


# --- Building -------------------------------------------------------------------------------------------


@pytest.fixture
def county(evaluated, settings):
    """Three schools with an autumn class each (four pupils who did everything, one who did nothing),
    and a spring class elsewhere, which belongs to the next half-year."""
    settings.SUPPRESSION_THRESHOLD = 2
    autumn = []
    for _ in range(3):
        assignment = assign(evaluated)
        populate(evaluated, assignment, 4)
        add_pupil(assignment, "Idle")
        autumn.append(assignment)
    spring = assign(evaluated, opens_on=datetime.date(YEAR + 1, 2, 1))
    populate(evaluated, spring, 3)
    refresh_rollups()
    return autumn


@pytest.fixture
def commissioners():
    return [with_role(GlobalRole.COMMISSIONER), with_role(GlobalRole.COMMISSIONER)]


def build(capture, today=DUE) -> AuditReport:
    with capture(execute=True):
        report_id = build_audit_report_task.delay(today.isoformat()).get()
    return AuditReport.objects.get(pk=report_id)


def test_the_report_is_built_for_the_half_year_that_ended(county, commissioners, django_capture_on_commit_callbacks):
    report = build(django_capture_on_commit_callbacks)

    assert (report.period_start, report.period_end) == (datetime.date(YEAR, 9, 1), DUE - datetime.timedelta(days=1))
    assert report.status == AuditReportStatus.PUBLISHED
    assert report.snapshot["terms"] == [
        {"academic_year": YEAR, "term": Term.AUTUMN, "label": f"Autumn term {YEAR} to {YEAR + 1}"}
    ]
    assert report.snapshot["uptake"] == {
        "schools": 3,
        "pupils_assigned": 15,
        "pupils_started": 12,
        "pupils_completed": 12,
        "pupils_passed": 12,
    }
    assert report.snapshot["knowledge"]["n"] == 12
    # Each autumn school's own sums, for the interval clustered by school.
    assert [group[0] for group in report.snapshot["knowledge"]["school_groups"]] == [4, 4, 4]
    assert [len(row["school_groups"]) for row in report.snapshot["scales"]] == [3] * len(report.snapshot["scales"])
    assert "<caption>Schools and pupils</caption>" in report.html
    with report.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_published_report_does_not_change_when_the_data_does(
    county, commissioners, django_capture_on_commit_callbacks
):
    report = build(django_capture_on_commit_callbacks)
    stored = (report.html, report.snapshot, report.built_at, report.pdf.name)
    with report.pdf.open("rb") as pdf:
        pdf_bytes = pdf.read()

    for i in range(5):
        add_pupil(county[0], f"Late{i}")
    refresh_rollups()
    again = build(django_capture_on_commit_callbacks)
    same, published_now = build_audit_report(period=Period(report.period_start, report.period_end))

    assert again.pk == same.pk == report.pk
    assert not published_now
    assert (again.html, again.snapshot, again.built_at, again.pdf.name) == stored
    with again.pdf.open("rb") as pdf:
        assert pdf.read() == pdf_bytes
    assert AuditReport.objects.count() == 1


def test_commissioners_are_emailed_a_link_once(county, commissioners, django_capture_on_commit_callbacks):
    with_role(GlobalRole.EVALUATOR)
    with_role(GlobalRole.COMMISSIONER, is_active=False)

    report = build(django_capture_on_commit_callbacks)
    build(django_capture_on_commit_callbacks)
    build(django_capture_on_commit_callbacks, today=DUE + datetime.timedelta(days=3))

    assert sorted(message.to[0] for message in mail.outbox) == sorted(user.email for user in commissioners)
    assert all(len(message.to) == 1 for message in mail.outbox)
    link = "http://testserver" + reverse("reports:audit_report", args=[report.pk])
    assert all(link in message.body for message in mail.outbox)
    assert f"{YEAR}" in mail.outbox[0].subject
    report.refresh_from_db()
    assert report.emailed_at is not None


def test_a_failed_build_is_recorded_and_the_next_run_publishes(
    county, commissioners, monkeypatch, django_capture_on_commit_callbacks
):
    period = latest_ended_period(DUE)

    def broken(html):
        raise OSError("fonts missing")

    monkeypatch.setattr(audit_publish, "render_pdf", broken)
    with pytest.raises(OSError):
        build_audit_report(period=period)
    failed = AuditReport.objects.get()
    assert (failed.status, failed.error, failed.html) == (AuditReportStatus.FAILED, "OSError: fonts missing", "")
    assert not mail.outbox

    monkeypatch.undo()
    report = build(django_capture_on_commit_callbacks)

    assert (report.pk, report.status, report.error) == (failed.pk, AuditReportStatus.PUBLISHED, "")
    assert len(mail.outbox) == len(commissioners)


# --- Pages ----------------------------------------------------------------------------------------------


@pytest.fixture
def published(county, commissioners, django_capture_on_commit_callbacks):
    return build(django_capture_on_commit_callbacks)


def test_commissioners_read_the_list_the_page_and_the_pdf(client, published, commissioners):
    client.force_login(commissioners[0])

    listing = client.get(reverse("reports:audit_reports"))
    page = client.get(reverse("reports:audit_report", args=[published.pk]))
    pdf = client.get(reverse("reports:audit_report_pdf", args=[published.pk]))

    assert reverse("reports:audit_report", args=[published.pk]).encode() in listing.content
    assert page.content.decode() == published.html
    policy = page["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "style-src 'sha256-" in policy
    assert "unsafe-inline" not in policy
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")


def test_scales_are_named_by_their_survey_title_as_it_was_when_frozen(published):
    from courses.models import Survey

    titles = {row["survey_key"]: row["survey_title"] for row in published.snapshot["scales"]}
    assert titles and titles == dict(Survey.objects.filter(key__in=titles).values_list("key", "title"))
    title = next(iter(titles.values()))
    assert f"“{title}”: attitudes scale" in published.html
    assert f"{next(iter(titles))}: attitudes" not in published.html

    Survey.objects.filter(key__in=titles).update(title="Renamed later")
    assert f"“{title}”" in report_figures(published.snapshot).scales[0].label


def test_a_frozen_report_without_titles_names_a_scale_by_its_survey_key():
    rows = [{"survey_key": "respect-survey", "scale": "attitudes"}, {"survey_key": "respect-survey", "scale": ""}]
    assert [scale_name(row) for row in rows] == ["respect-survey: attitudes", "respect-survey: whole survey"]


def test_every_table_scrolls_in_its_own_labelled_focusable_region_so_the_page_reflows(published):
    from html.parser import HTMLParser

    class Regions(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open, self.tables, self.in_region = [], 0, 0

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "div":
                region = "table-scroll" in (attrs.get("class") or "")
                if region:
                    assert attrs.get("tabindex") == "0" and attrs.get("role") == "region" and attrs.get("aria-label")
                self.open.append(region)
            if tag == "table":
                self.tables += 1
                self.in_region += any(self.open)

        def handle_endtag(self, tag):
            if tag == "div":
                self.open.pop()

    found = Regions()
    found.feed(published.html)
    assert found.tables >= 6 and found.in_region == found.tables
    assert "overflow-wrap: anywhere" in published.html


def test_platform_admins_read_them_too(client, published):
    client.force_login(enable_mfa(UserFactory(is_superuser=True, is_staff=True)))

    assert client.get(reverse("reports:audit_report", args=[published.pk])).status_code == 200


@pytest.mark.parametrize("who", ["evaluator", "teacher"])
def test_others_may_not_read_audit_reports(client, published, who):
    user = with_role(GlobalRole.EVALUATOR) if who == "evaluator" else staff(SchoolFactory())
    client.force_login(user)

    for url in (
        reverse("reports:audit_reports"),
        reverse("reports:audit_report", args=[published.pk]),
        reverse("reports:audit_report_pdf", args=[published.pk]),
    ):
        assert client.get(url).status_code == 403


def test_the_command_builds_the_due_report_once(county, commissioners, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("build_audit_report", "--date", DUE.isoformat(), stdout=out)
        call_command("build_audit_report", "--date", DUE.isoformat(), stdout=out)

    assert AuditReport.objects.published().count() == 1
    assert "Published the Audit report" in out.getvalue()
    assert "already published" in out.getvalue()
    assert len(mail.outbox) == len(commissioners)


def test_the_command_refuses_a_bad_date():
    with pytest.raises(CommandError):
        call_command("build_audit_report", "--date", "1 March")


def test_a_report_not_yet_published_answers_404(client, commissioners):
    building = AuditReport.objects.create(period_start=datetime.date(2026, 9, 1), period_end=datetime.date(2027, 2, 28))
    client.force_login(commissioners[0])

    assert client.get(reverse("reports:audit_report", args=[building.pk])).status_code == 404
    assert client.get(reverse("reports:audit_report_pdf", args=[building.pk])).status_code == 404
    assert b"No report has been published yet" in client.get(reverse("reports:audit_reports")).content


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_celery_worker_builds_the_report_through_redis(county, commissioners, settings):
    """The scheduled task, sent through the real broker to a real worker, builds and announces the report."""
    import time

    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            build_audit_report_task.delay(DUE.isoformat())
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and len(mail.outbox) < len(commissioners):
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    report = AuditReport.objects.get()
    assert report.status == AuditReportStatus.PUBLISHED and report.snapshot["uptake"]["schools"] == 3
    with report.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert sorted(message.to[0] for message in mail.outbox) == sorted(user.email for user in commissioners)
