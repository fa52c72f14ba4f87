"""The evaluators' pseudonymised long-format export, and building an export file safely."""

import csv
import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from reports import evaluator_export, exports
from reports.dashboard import build_dashboard
from reports.dashboard_queries import DashboardFilters
from reports.evaluator_export import HEADER, EvaluatorFilters, evaluator_sheets
from reports.export_files import write_export_file
from reports.export_models import Export, ExportFormat, ExportKind, ExportStatus
from reports.exports import build_export
from reports.private_storage import PARTIAL_DIR
from reports.rollups import refresh_rollups
from reports.tasks import EXPORT_MAX_RETRIES, build_export_task
from schools.services.pupils import record_opt_out
from tests.factories import UserFactory, pupil, staff

from .conftest import add_pupil, assign, populate, work

pytestmark = pytest.mark.django_db

PRE_SURVEY = {"a1": 1, "a2": 2, "a3": 3, "b1": 4, "b2": 5}
POST_SURVEY = {"a1": 5, "a2": 4, "a3": 4, "b1": 5, "b2": 4}


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = str(tmp_path / "private")
    return tmp_path / "private"


def rows_of(filters=None, fmt="csv", tmp_path=None) -> list[dict]:
    """Build the export file and read its response rows back as dicts."""
    filters = filters or EvaluatorFilters()
    path = str(tmp_path / f"export.{fmt}")
    write_export_file(path, fmt, evaluator_sheets(filters, generated_at=timezone.now()))
    if fmt == "csv":
        with zipfile.ZipFile(path) as archive:
            text = archive.read("responses.csv").decode()
        return list(csv.DictReader(io.StringIO(text)))
    workbook = load_workbook(path, read_only=True)
    values = list(workbook["Responses"].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def everything_in(path: str) -> str:
    """Every text in a zip of CSVs or an XLSX workbook, to search for what must not be there."""
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    workbook = load_workbook(path, read_only=True)
    return "\n".join(
        str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row
    )


def test_one_row_per_answer_with_the_pupil_school_and_instrument(evaluated, tmp_path):
    assignment = assign(evaluated, year_group=9)
    who = add_pupil(assignment, gender="female")
    work(evaluated, assignment, who, pre_survey=PRE_SURVEY, pre_quiz=1, post_quiz=2, post_survey=POST_SURVEY)

    rows = rows_of(tmp_path=tmp_path)

    assert len(rows) == 2 * 2 + 2 * 5  # two quiz questions and five survey items, at two waves
    assert {row["research_key"] for row in rows} == {str(who.research_key)}
    school = assignment.school_class.school
    assert {(row["school_urn"], row["year_group"], row["gender"]) for row in rows} == {(str(school.urn), "9", "female")}
    assert {row["assignment_id"] for row in rows} == {str(assignment.pk)}
    pre_q1 = next(r for r in rows if r["instrument_type"] == "quiz" and r["wave"] == "pre" and r["item_key"] == "q1")
    assert (pre_q1["raw_value"], pre_q1["correct"], pre_q1["selected"]) == ("1", "true", "a")
    assert pre_q1["instrument_version"] == str(evaluated.quiz_version.number)
    survey = {(r["wave"], r["item_key"]): r for r in rows if r["instrument_type"] == "survey"}
    assert survey["pre", "a2"]["raw_value"] == "2"  # as given, not reverse scored
    assert survey["pre", "a2"]["reverse_scored"] == "true"
    assert survey["pre", "a1"]["reverse_scored"] == "false"
    assert survey["post", "b1"]["subscale"] == "safety"
    assert (survey["post", "b1"]["scale_min"], survey["post", "b1"]["scale_max"]) == ("1", "5")
    assert survey["post", "b1"]["instrument_key"] == "respect-survey"
    assert all(r["submitted_at"].endswith("+00:00") for r in rows)


def test_opted_out_and_withdrawn_pupils_are_left_out(evaluated, tmp_path):
    assignment = assign(evaluated)
    kept, opted_out, withdrawn = populate(evaluated, assignment, 3)
    lead = staff(assignment.school_class.school, role="school_lead")
    record_opt_out(pupil=opted_out, kind="opt_out", on=timezone.localdate(), actor=lead)
    record_opt_out(pupil=withdrawn, kind="withdrawal", on=timezone.localdate(), actor=lead)

    for fmt in ("csv", "xlsx"):
        rows = rows_of(fmt=fmt, tmp_path=tmp_path)
        assert {row["research_key"] for row in rows} == {str(kept.research_key)}


def test_no_names_codes_class_or_staff_in_either_format(evaluated, tmp_path):
    assignment = assign(evaluated, name="Zephyr Set")
    klass = assignment.school_class
    teacher = klass.teachers.get()
    who, code = pupil(klass, "Quillon", "Farthingale")
    work(evaluated, assignment, who, pre_survey=PRE_SURVEY, pre_quiz=2, post_quiz=2, post_survey=POST_SURVEY)

    for fmt in (ExportFormat.CSV, ExportFormat.XLSX):
        export = Export.objects.create(requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format=fmt)
        export = build_export(export_id=export.pk)
        text = everything_in(export.file.path)
        assert str(who.research_key) in text
        for secret in ("Quillon", "Farthingale", code, klass.class_code, "Zephyr Set", teacher.email, "Sam Staff"):
            assert secret not in text, (fmt, secret)
    assert not {"name", "first_name", "last_name", "pupil_code", "class_code", "class", "teacher"} & set(HEADER)


def test_free_text_answers_are_never_exported(evaluated, tmp_path):
    assignment = assign(evaluated)
    who = add_pupil(assignment)
    work(evaluated, assignment, who, pre_survey=PRE_SURVEY)
    response = who.survey_responses.get()
    response.answers.create(item_key="free", text="My name is Quillon and I live at 4 Elm Road")

    rows = rows_of(tmp_path=tmp_path)

    assert "free" not in {row["item_key"] for row in rows}
    assert len(rows) == 5


def test_filters_limit_the_rows_to_an_academic_year(evaluated, tmp_path):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 2)
    year = assignment.school_class.academic_year

    assert len(rows_of(EvaluatorFilters(academic_year=year), tmp_path=tmp_path)) == 2 * 14
    assert rows_of(EvaluatorFilters(academic_year=year - 1), tmp_path=tmp_path) == []
    assert rows_of(EvaluatorFilters(module_id=evaluated.module.pk + 999), tmp_path=tmp_path) == []


def test_xlsx_has_a_data_dictionary_describing_every_column(evaluated, tmp_path):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 1)
    path = str(tmp_path / "export.xlsx")
    write_export_file(path, "xlsx", evaluator_sheets(EvaluatorFilters(), generated_at=timezone.now()))

    workbook = load_workbook(path, read_only=True)

    assert workbook.sheetnames == ["Responses", "Data dictionary", "Attrition flow", "About"]
    dictionary = list(workbook["Data dictionary"].iter_rows(values_only=True))
    assert dictionary[0] == ("column", "meaning", "type")
    assert [row[0] for row in dictionary[1 : len(HEADER) + 1]] == HEADER
    assert all(row[0].startswith("attrition_flow.csv: ") for row in dictionary[len(HEADER) + 1 :])
    assert all(row[1] and row[2] for row in dictionary[1:])


def test_csv_zip_holds_the_responses_and_the_data_dictionary(evaluated, tmp_path):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 1)
    path = str(tmp_path / "export.zip")
    write_export_file(path, "csv", evaluator_sheets(EvaluatorFilters(), generated_at=timezone.now()))

    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["responses.csv", "data_dictionary.csv", "attrition_flow.csv", "about.csv"]
        dictionary = list(csv.reader(io.StringIO(archive.read("data_dictionary.csv").decode())))
    assert [row[0] for row in dictionary[1 : len(HEADER) + 1]] == HEADER


def test_the_attrition_flow_sheet_counts_each_step_and_the_dictionary_says_what_it_means(evaluated, tmp_path, settings):
    settings.SUPPRESSION_THRESHOLD = 1
    for _ in range(3):
        assignment = assign(evaluated)
        populate(evaluated, assignment, 3)
        add_pupil(assignment, "Ned")
    refresh_rollups()
    county = build_dashboard(filters=DashboardFilters(), districts=[]).attrition.total
    path = str(tmp_path / "export.zip")
    write_export_file(path, "csv", evaluator_sheets(EvaluatorFilters(), generated_at=timezone.now()))
    with zipfile.ZipFile(path) as archive:
        flow = list(csv.reader(io.StringIO(archive.read("attrition_flow.csv").decode())))
        dictionary = list(csv.reader(io.StringIO(archive.read("data_dictionary.csv").decode())))
    assert flow[0] == ["step", "pupils", "meaning"]
    # The county's flow as the commissioner sees it: 12 pupils in 3 schools, small counts (true zeros) hidden.
    assert [row[1] for row in flow[1:]] == [str(cell) for cell in county.cells]
    assert "c" in {row[1] for row in flow[1:]}, "one opted out or withdrawn: none"
    assert [row[0] for row in flow[1:]] == [row[0].split(": ")[1] for row in dictionary if "csv: " in row[0]][2:]


def _queries_to_write(tmp_path) -> int:
    path = str(tmp_path / "count.zip")
    with CaptureQueriesContext(connection) as queries:
        write_export_file(path, "csv", evaluator_sheets(EvaluatorFilters(), generated_at=timezone.now()))
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_pupils(evaluated, tmp_path):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 5)
    with_five = _queries_to_write(tmp_path)
    other = assign(evaluated, name="9S")
    populate(evaluated, other, 45)

    with_fifty = _queries_to_write(tmp_path)

    assert with_fifty == with_five
    assert len(rows_of(tmp_path=tmp_path)) == 50 * 14


def test_answers_are_streamed_with_iterator(evaluated, tmp_path, monkeypatch):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 3)
    chunk_sizes = []
    original = QuerySet.iterator

    def spy(self, chunk_size=None):
        chunk_sizes.append(chunk_size)
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    rows_of(tmp_path=tmp_path)

    assert chunk_sizes == [evaluator_export.CHUNK_SIZE, evaluator_export.CHUNK_SIZE]


# --- Building the file ------------------------------------------------------------------------------


def _files_under(root) -> list:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_built_export_is_stored_with_its_row_count_and_expiry(evaluated, private_root, settings):
    settings.EXPORT_LINK_HOURS = 5
    assignment = assign(evaluated)
    populate(evaluated, assignment, 2)
    export = Export.objects.create(
        requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format=ExportFormat.XLSX
    )

    export = build_export(export_id=export.pk)

    assert export.status == ExportStatus.DONE
    assert export.rows_done == export.rows_total == 2 * 14
    assert export.expires_at - export.finished_at == datetime.timedelta(hours=5)
    assert export.attempts == 1
    assert _files_under(private_root) == [private_root / export.file.name]
    assert not export.file.name.startswith(PARTIAL_DIR)


def test_building_again_changes_nothing_once_done(evaluated, private_root):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 1)
    export = Export.objects.create(requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format="csv")
    first = build_export(export_id=export.pk)

    again = build_export(export_id=export.pk)
    build_export_task.delay(export.pk)

    again.refresh_from_db()
    assert (again.file.name, again.finished_at, again.attempts) == (first.file.name, first.finished_at, 1)
    assert len(_files_under(private_root)) == 1


def test_an_interrupted_export_leaves_no_file(evaluated, private_root, monkeypatch):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 3)
    export = Export.objects.create(requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format="csv")

    def broken(filters, definitions):
        yield ["half", "a", "row"]
        raise ConnectionError("database went away")

    monkeypatch.setattr(evaluator_export, "_survey_rows", broken)
    with pytest.raises(ConnectionError):
        build_export(export_id=export.pk)

    export.refresh_from_db()
    assert export.status == ExportStatus.RUNNING
    assert not export.file
    assert _files_under(private_root) == []


@pytest.fixture
def retrying():
    """Celery in-process, but retrying as a worker would (errors are not raised into the caller)."""
    conf = build_export_task.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = before


def _disk_full(*args, **kwargs):
    raise OSError("disk full")


def test_the_task_retries_then_marks_the_export_failed(evaluated, private_root, monkeypatch, retrying):
    export = Export.objects.create(requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format="xlsx")
    monkeypatch.setattr(exports, "write_export_file", _disk_full)

    build_export_task.delay(export.pk)

    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert export.attempts == EXPORT_MAX_RETRIES + 1
    assert export.error == "OSError: disk full"
    assert not export.file
    assert _files_under(private_root) == []


def test_in_process_without_a_worker_the_task_fails_at_once_without_raising(evaluated, private_root, monkeypatch):
    export = Export.objects.create(requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format="csv")
    monkeypatch.setattr(exports, "write_export_file", _disk_full)

    build_export_task.delay(export.pk)

    export.refresh_from_db()
    assert (export.status, export.attempts) == (ExportStatus.FAILED, 1)
    assert _files_under(private_root) == []


def test_a_retry_after_a_failure_builds_the_file(evaluated, private_root, monkeypatch, retrying):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 1)
    export = Export.objects.create(requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format="csv")
    calls = []
    original = exports.write_export_file

    def fails_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("worker lost")
        return original(*args, **kwargs)

    monkeypatch.setattr(exports, "write_export_file", fails_once)
    build_export_task.delay(export.pk)

    export.refresh_from_db()
    assert (export.status, export.attempts, export.error) == (ExportStatus.DONE, 2, "")
    assert len(_files_under(private_root)) == 1


def test_progress_is_saved_to_the_row_while_writing(evaluated, monkeypatch):
    assignment = assign(evaluated)
    populate(evaluated, assignment, 1)
    export = Export.objects.create(requested_by=UserFactory(), kind=ExportKind.EVALUATOR_RESPONSES, format="csv")
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 4)
    seen = []
    original = exports.write_export_file

    def watching(path, fmt, sheets, progress):
        def spy(rows):
            progress(rows)
            seen.append(Export.objects.values_list("rows_done", "rows_total", "status").get(pk=export.pk))

        return original(path, fmt, sheets, spy)

    monkeypatch.setattr(exports, "write_export_file", watching)
    build_export(export_id=export.pk)

    assert (4, 14, ExportStatus.RUNNING) in seen
    assert (12, 14, ExportStatus.RUNNING) in seen
