"""The GIAS import: the service, the command, the task, the admin, and the sample extract."""

import io
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from schools import admin as schools_admin
from schools.gias import importing
from schools.gias.importing import import_gias
from schools.gias.reading import GiasFileError, check_gias_file
from schools.gias.rows import normalise_la_codes
from schools.models import District, GiasImport, ImportStatus, LocalAuthority, School
from schools.tasks.gias import run_gias_import
from tests.factories import platform_admin

SAMPLE = Path(settings.BASE_DIR) / "schools" / "data" / "gias_sample.csv"
CORPUS = Path(__file__).parent / "gias_corpus"
KENT_DISTRICTS = {
    "E07000105": "Ashford",
    "E07000106": "Canterbury",
    "E07000107": "Dartford",
    "E07000108": "Dover",
    "E07000112": "Folkestone and Hythe",
    "E07000109": "Gravesham",
    "E07000110": "Maidstone",
    "E07000111": "Sevenoaks",
    "E07000113": "Swale",
    "E07000114": "Thanet",
    "E07000115": "Tonbridge and Malling",
    "E07000116": "Tunbridge Wells",
}
KENT_AND_MEDWAY = ["886", "887"]


def sample() -> bytes:
    return SAMPLE.read_bytes()


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def xlsx_bytes() -> bytes:
    """A file shaped like an Excel workbook (a zip with the workbook parts)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# The sample extract ---------------------------------------------------------


def test_sample_extract_is_in_the_real_gias_format():
    data = sample()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    lines = text.split("\r\n")
    assert "\n" not in "".join(lines[:-1]), "every line ends CRLF"
    header = lines[0].split(",")
    assert len(header) >= 30
    real_order = [
        "URN",
        "LA (code)",
        "LA (name)",
        "EstablishmentNumber",
        "EstablishmentName",
        "TypeOfEstablishment (code)",
        "TypeOfEstablishment (name)",
        "EstablishmentTypeGroup (code)",
        "EstablishmentTypeGroup (name)",
        "EstablishmentStatus (code)",
        "EstablishmentStatus (name)",
        "PhaseOfEducation (name)",
        "StatutoryLowAge",
        "StatutoryHighAge",
        "PercentageFSM",
        "Postcode",
        "DistrictAdministrative (code)",
        "DistrictAdministrative (name)",
        "UrbanRural (name)",
    ]
    positions = [header.index(name) for name in real_order]
    assert positions == sorted(positions)
    assert all(line.split(",")[0].startswith("9") for line in lines[1:] if line)


# The service: a good file ---------------------------------------------------


@pytest.mark.django_db
def test_sample_imports_kent_and_medway_with_gias_fields_mapped():
    result = import_gias(data=sample(), la_codes=KENT_AND_MEDWAY)

    assert (result.created, result.updated, result.unchanged, result.skipped) == (38, 0, 0, 0)
    assert result.filtered_out == 2
    assert result.problems == []
    school = School.objects.select_related("local_authority", "district").get(urn=900101)
    assert school.name == "Hollowbrook Academy"
    assert (school.local_authority.code, school.local_authority.name) == ("886", "Kent")
    assert (school.district.code, school.district.name) == ("E07000105", "Ashford")
    assert school.district.local_authority == school.local_authority
    assert school.establishment_number == "4901"
    assert school.laestab == "8864901"
    assert school.establishment_type == "Academy converter"
    assert school.phase == "Secondary"
    assert (school.statutory_low_age, school.statutory_high_age) == (11, 18)
    assert school.fsm_percent == Decimal("18.40")
    assert school.urban_rural == "(England/Wales) Urban city and town"
    assert school.postcode == "TN23 0ZZ"
    assert (school.status, school.is_open) == ("Open", True)


@pytest.mark.django_db
def test_sample_covers_every_kent_district_and_medway():
    import_gias(data=sample(), la_codes=KENT_AND_MEDWAY)

    kent = District.objects.filter(local_authority__code="886")
    assert dict(kent.values_list("code", "name")) == KENT_DISTRICTS
    medway = District.objects.get(code="E06000035")
    assert (medway.name, medway.local_authority.code, medway.local_authority.name) == ("Medway", "887", "Medway")
    assert set(School.objects.values_list("district__code", flat=True)) == {*KENT_DISTRICTS, "E06000035"}


@pytest.mark.django_db
def test_status_phase_and_fsm_edge_cases_in_the_sample():
    import_gias(data=sample(), la_codes=KENT_AND_MEDWAY)
    schools = {school.name: school for school in School.objects.all()}

    closed = schools["Kingsferry Vale School"]
    assert (closed.status, closed.is_open, closed.fsm_percent) == ("Closed", False, None)
    closing = schools["Saltwind Academy"]
    assert (closing.status, closing.is_open) == ("Open, but proposed to close", True)
    assert schools["Hopgarden High School"].fsm_percent is None  # "SUPP"
    special = schools["Larkspur Hill Special School"]
    assert (special.phase, special.establishment_type) == ("Not applicable", "Community special school")
    assert (special.statutory_low_age, special.statutory_high_age) == (4, 19)
    primary = schools["Fennel Lane Primary School"]
    assert (primary.phase, primary.statutory_low_age, primary.statutory_high_age) == ("Primary", 4, 11)
    assert School.objects.open().count() == 37


@pytest.mark.django_db
def test_windows_1252_names_are_decoded():
    import_gias(data=sample(), la_codes=["886"])
    names = set(School.objects.values_list("name", flat=True))
    assert {"Otter\u2019s Reach Academy", "Smuggler\u2019s Cove School", "Ch\u00eanewood Grammar School"} <= names

    data = corpus("windows_1252.csv")
    assert b"\x92" in data and b"\x96" in data
    import_gias(data=data)
    assert School.objects.get(urn=910201).name == "St Piran\u2019s Academy"
    assert School.objects.get(urn=910202).name == "Ch\u00eanewood \u2013 Upper School"


@pytest.mark.django_db
def test_utf8_with_byte_order_mark_is_read_as_utf8():
    data = corpus("utf8_bom.csv")
    assert data.startswith(b"\xef\xbb\xbf")

    result = import_gias(data=data)

    assert result.created == 2
    # Read as Windows-1252, "È" would come out as "Ãˆ" and the BOM would hide the URN column.
    assert School.objects.get(urn=910101).name == "\u00c8cole Marchbank Academy"
    assert School.objects.get(urn=910102).name == "St Piran\u2019s Academy"


@pytest.mark.django_db
def test_la_filter_leaves_other_authorities_out():
    result = import_gias(data=sample(), la_codes=["887"])

    assert result.created == 5
    assert result.filtered_out == 35
    assert set(LocalAuthority.objects.values_list("code", flat=True)) == {"887"}
    assert not School.objects.exclude(local_authority__code="887").exists()


@pytest.mark.django_db
def test_without_a_filter_every_row_is_imported():
    result = import_gias(data=sample())

    assert (result.created, result.filtered_out) == (40, 0)
    lambeth = School.objects.get(urn=900301)
    assert (lambeth.local_authority.code, lambeth.local_authority.name, lambeth.district.name) == (
        "208",
        "Lambeth",
        "Lambeth",
    )


@pytest.mark.django_db
def test_reimport_updates_by_urn_and_adds_nothing():
    import_gias(data=sample(), la_codes=KENT_AND_MEDWAY)
    before = School.objects.get(urn=900101)
    renamed = sample().replace(b"Hollowbrook Academy", b"Hollowbrook Community Academy")

    result = import_gias(data=renamed, la_codes=KENT_AND_MEDWAY)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 37)
    assert School.objects.count() == 38
    assert (LocalAuthority.objects.count(), District.objects.count()) == (2, 13)
    after = School.objects.get(urn=900101)
    assert after.pk == before.pk
    assert after.name == "Hollowbrook Community Academy"
    assert after.updated_at > before.updated_at


@pytest.mark.django_db
def test_reimport_moves_a_school_between_districts_and_renames_an_authority():
    import_gias(data=sample(), la_codes=["887"])
    lines = sample().replace(b",887,Medway,", b",887,Medway Towns,").split(b"\r\n")
    lines = [
        line.replace(b"E06000035,Medway", b"E06000099,Medway North") if line.startswith(b"900201,") else line
        for line in lines
    ]
    moved = b"\r\n".join(lines)

    result = import_gias(data=moved, la_codes=["887"])

    assert LocalAuthority.objects.get(code="887").name == "Medway Towns"
    assert School.objects.get(urn=900201).district.code == "E06000099"
    assert School.objects.filter(district__code="E06000035").count() == 4
    assert result.updated == 1


# The service: bad and odd files ---------------------------------------------


@pytest.mark.django_db
def test_missing_required_columns_reject_the_whole_file():
    with pytest.raises(GiasFileError) as error:
        import_gias(data=corpus("missing_columns.csv"))

    assert "missing required columns: URN, EstablishmentName" in str(error.value)
    assert not LocalAuthority.objects.exists()
    assert not School.objects.exists()


@pytest.mark.django_db
def test_unusable_rows_are_reported_and_good_rows_imported():
    job = GiasImport.objects.create(filename="unusable_rows.csv", content=b"")

    result = import_gias(data=corpus("unusable_rows.csv"), job=job)

    assert [(p.row, p.urn, p.message) for p in result.problems] == [
        (3, "", "URN is missing."),
        (4, "12AB", "URN '12AB' is not a number."),
        (5, "910004", "EstablishmentName is missing."),
        (6, "910005", "LA (code) is missing."),
        (8, "910001", "URN 910001 is also on row 2."),
    ]
    assert (result.created, result.skipped) == (3, 5)
    assert set(School.objects.values_list("urn", flat=True)) == {910001, 910002, 910003}
    assert School.objects.get(urn=910001).name == "Lantern Hill School"
    short_row = School.objects.get(urn=910003)
    assert (short_row.local_authority.code, short_row.district, short_row.phase) == ("887", None, "")
    job.refresh_from_db()
    assert (job.created_count, job.updated_count, job.skipped_count) == (3, 0, 5)
    assert job.problems[0] == {"row": 3, "urn": "", "message": "URN is missing."}
    assert len(job.problems) == 5


@pytest.mark.django_db
def test_unusable_rows_outside_the_la_filter_are_not_problems():
    result = import_gias(data=corpus("unusable_rows.csv"), la_codes=["887"])

    # Only the row without an LA code cannot be placed inside or outside the filter.
    assert [p.row for p in result.problems] == [6]
    assert (result.created, result.filtered_out) == (1, 6)


@pytest.mark.django_db
def test_odd_values_become_blank_and_headers_are_matched_loosely():
    result = import_gias(data=corpus("odd_values.csv"))

    assert (result.created, result.skipped) == (5, 0)
    schools = {school.urn: school for school in School.objects.all()}
    harbour = schools[910401]
    assert (harbour.name, harbour.postcode, harbour.fsm_percent) == ("Harbour Light School", "CT9 1ZZ", None)
    assert (harbour.is_open, harbour.statutory_low_age, harbour.statutory_high_age) == (True, 11, 16)
    assert harbour.establishment_number == "4001"
    windmill = schools[910402]
    assert (windmill.is_open, windmill.status, windmill.district) == (False, "Proposed to open", None)
    assert (windmill.statutory_low_age, windmill.fsm_percent) == (None, None)
    ferry = schools[910403]
    assert (ferry.fsm_percent, ferry.statutory_low_age, ferry.statutory_high_age) == (None, None, None)
    assert (ferry.establishment_number, ferry.is_open) == ("", False)
    assert schools[910404].fsm_percent == Decimal("12.35")
    assert schools[910405].fsm_percent is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (corpus("png_renamed.csv"), "not a CSV file: it looks like a PNG image"),
        (xlsx_bytes(), "not a CSV file: it looks like an Excel workbook (.xlsx)"),
        (b"\x00\x01\x02binary\x00" * 20, "not a CSV file: it contains binary data"),
        ("URN,LA (code)\r\n".encode("utf-16"), "UTF-16"),
        (corpus("empty.csv"), "The file is empty."),
        (corpus("semicolons.csv"), "separated by semicolons or tabs"),
    ],
    ids=["png", "xlsx", "binary", "utf16", "empty", "semicolons"],
)
def test_files_that_are_not_gias_csv_are_rejected(data, message):
    with pytest.raises(GiasFileError) as error:
        import_gias(data=data)

    assert message in str(error.value)
    assert not School.objects.exists()


def test_check_gias_file_accepts_the_sample_and_rejects_missing_columns():
    check_gias_file(data=sample())
    with pytest.raises(GiasFileError, match="URN"):
        check_gias_file(data=corpus("missing_columns.csv"))


@pytest.mark.django_db
def test_a_failure_part_way_saves_nothing(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(importing, "_save_schools", fail)

    with pytest.raises(RuntimeError):
        import_gias(data=sample(), la_codes=KENT_AND_MEDWAY)

    assert not LocalAuthority.objects.exists()
    assert not District.objects.exists()


def test_la_codes_must_be_three_digits():
    assert normalise_la_codes([" 887", "886", "", "886"]) == ["886", "887"]
    with pytest.raises(ValueError, match="these are not: 88, Kent"):
        normalise_la_codes(["Kent", "88", "886"])


# Queries do not grow with rows ----------------------------------------------


def synthetic_extract(rows: int) -> bytes:
    header = "URN,LA (code),LA (name),EstablishmentName,DistrictAdministrative (code),DistrictAdministrative (name)"
    lines = [header] + [
        f"{920000 + n},886,Kent,Synthetic School {n},E0700{n % 12 + 105},District {n % 12}" for n in range(rows)
    ]
    return "\r\n".join(lines).encode()


@pytest.mark.django_db
def test_sample_import_does_not_query_per_row(django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        import_gias(data=sample(), la_codes=KENT_AND_MEDWAY)
    renamed = sample().replace(b"Academy", b"College")
    with django_assert_max_num_queries(15):
        result = import_gias(data=renamed, la_codes=KENT_AND_MEDWAY)
    assert result.updated > 10


@pytest.mark.django_db
def test_queries_grow_with_batches_not_rows(django_assert_max_num_queries):
    # SQLite allows 999 parameters a query, so it inserts about 50 schools at a time (each row
    # has about 20 columns); PostgreSQL 500. 1,200 rows take a few dozen queries, never 1,200.
    with django_assert_max_num_queries(40):
        result = import_gias(data=synthetic_extract(1200))
    assert result.created == 1200


# The management command -----------------------------------------------------


@pytest.mark.django_db
def test_command_imports_and_prints_counts_and_problems():
    out = io.StringIO()
    call_command("import_gias", str(SAMPLE), "--la", "886", "--la", "887", stdout=out)
    assert "38 created, 0 updated, 0 unchanged, 0 skipped" in out.getvalue()
    assert "2 rows of other local authorities were left out" in out.getvalue()
    assert School.objects.count() == 38

    out = io.StringIO()
    call_command("import_gias", str(CORPUS / "unusable_rows.csv"), stdout=out)
    assert "Row 4: URN '12AB' is not a number." in out.getvalue()
    assert "3 created" in out.getvalue()


@pytest.mark.django_db
def test_command_fails_on_a_rejected_file():
    with pytest.raises(CommandError, match="missing required columns: URN, EstablishmentName"):
        call_command("import_gias", str(CORPUS / "missing_columns.csv"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not a CSV file"):
        call_command("import_gias", str(CORPUS / "png_renamed.csv"), stdout=io.StringIO())
    assert not School.objects.exists()


@pytest.mark.django_db
def test_command_exits_non_zero_from_the_command_line(capsys):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_gias", str(CORPUS / "missing_columns.csv")]).execute()
    assert exit_info.value.code == 1
    assert "missing required columns" in capsys.readouterr().err


def test_command_rejects_bad_la_codes_and_missing_files(tmp_path):
    with pytest.raises(CommandError, match="3 digits"):
        call_command("import_gias", str(SAMPLE), "--la", "Kent")
    with pytest.raises(CommandError, match="Could not read"):
        call_command("import_gias", str(tmp_path / "nowhere.csv"))


# The Celery task ------------------------------------------------------------


@pytest.mark.django_db
def test_task_runs_a_job_and_records_the_outcome():
    job = GiasImport.objects.create(filename="gias_sample.csv", content=sample(), la_codes=KENT_AND_MEDWAY)

    run_gias_import.delay(job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    assert job.finished_at is not None
    assert (job.created_count, job.updated_count, job.skipped_count) == (38, 0, 0)
    assert School.objects.count() == 38


@pytest.mark.django_db
def test_task_does_not_rerun_an_imported_job():
    job = GiasImport.objects.create(
        filename="gias_sample.csv", content=sample(), status=ImportStatus.IMPORTED, created_count=38
    )

    run_gias_import.delay(job.pk)

    assert not School.objects.exists()
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.IMPORTED, 38)


@pytest.mark.django_db
def test_task_marks_a_rejected_file_failed_and_can_run_again():
    job = GiasImport.objects.create(filename="bad.csv", content=corpus("missing_columns.csv"))

    run_gias_import.delay(job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert job.finished_at is not None
    assert "missing required columns: URN, EstablishmentName" in job.problems[0]["message"]

    GiasImport.objects.filter(pk=job.pk).update(content=sample())
    run_gias_import.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.created_count, job.problems) == (ImportStatus.IMPORTED, 40, [])


@pytest.mark.django_db
def test_task_ignores_a_deleted_job():
    run_gias_import.delay(123456)
    assert not School.objects.exists()


# The admin ------------------------------------------------------------------


@pytest.fixture
def platform_admin_client(client, db):
    client.force_login(platform_admin())
    return client


ADD_URL = "admin:schools_giasimport_add"


def upload(data: bytes, name: str = "edubasealldata.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.django_db
def test_admin_upload_creates_a_job_and_runs_it(platform_admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = platform_admin_client.post(reverse(ADD_URL), {"file": upload(sample()), "la_codes": "886, 887"})

    assert response.status_code == 302
    assert len(callbacks) == 1
    job = GiasImport.objects.get()
    assert (job.filename, job.la_codes, job.status) == ("edubasealldata.csv", ["886", "887"], ImportStatus.IMPORTED)
    assert bytes(job.content) == sample()
    assert job.uploaded_by.is_superuser
    assert job.created_count == 38
    assert School.objects.count() == 38

    listing = platform_admin_client.get(reverse("admin:schools_giasimport_changelist"))
    assert "Imported" in listing.content.decode()
    assert "886, 887" in listing.content.decode()


@pytest.mark.django_db
def test_admin_change_page_shows_problems_read_only(platform_admin_client):
    job = GiasImport.objects.create(filename="unusable_rows.csv", content=corpus("unusable_rows.csv"))
    run_gias_import.delay(job.pk)

    page = platform_admin_client.get(reverse("admin:schools_giasimport_change", args=[job.pk])).content.decode()

    assert "URN &#x27;12AB&#x27; is not a number." in page
    assert "<td>8</td><td>910001</td>" in page
    assert 'name="_save"' not in page
    assert platform_admin_client.post(reverse("admin:schools_giasimport_change", args=[job.pk]), {}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("la_codes", "data", "error"),
    [
        ("886, Kent", sample(), "these are not: Kent"),
        ("", corpus("missing_columns.csv"), "missing required columns: URN, EstablishmentName"),
        ("", xlsx_bytes(), "looks like an Excel workbook"),
    ],
    ids=["la-code", "columns", "xlsx"],
)
def test_admin_upload_rejects_bad_input_without_a_job(platform_admin_client, la_codes, data, error):
    response = platform_admin_client.post(reverse(ADD_URL), {"file": upload(data), "la_codes": la_codes})

    assert response.status_code == 200
    assert error in response.content.decode().replace("&#x27;", "'")
    assert not GiasImport.objects.exists()


@pytest.mark.django_db
def test_admin_upload_limit(platform_admin_client, monkeypatch):
    monkeypatch.setattr(schools_admin, "MAX_UPLOAD_BYTES", 1024)

    response = platform_admin_client.post(reverse(ADD_URL), {"file": upload(sample())})

    assert "the limit is 1.0\xa0KB" in response.content.decode()
    assert not GiasImport.objects.exists()


@pytest.mark.django_db
def test_admin_action_runs_failed_imports_again(platform_admin_client, django_capture_on_commit_callbacks):
    failed = GiasImport.objects.create(filename="a.csv", content=sample(), status=ImportStatus.FAILED)
    done = GiasImport.objects.create(filename="b.csv", content=sample(), status=ImportStatus.IMPORTED)

    with django_capture_on_commit_callbacks(execute=True):
        platform_admin_client.post(
            reverse("admin:schools_giasimport_changelist"),
            {"action": "run_again", "_selected_action": [failed.pk, done.pk]},
        )

    failed.refresh_from_db()
    done.refresh_from_db()
    assert (failed.status, failed.created_count) == (ImportStatus.IMPORTED, 40)
    assert (done.status, done.created_count) == (ImportStatus.IMPORTED, 0)


@pytest.mark.django_db
def test_admin_finds_schools_by_urn_or_name_and_filters_them(platform_admin_client):
    import_gias(data=sample())
    url = reverse("admin:schools_school_changelist")

    by_urn = platform_admin_client.get(url, {"q": "900117"}).content.decode()
    assert "Larkspur Hill Special School" in by_urn
    assert "Hollowbrook Academy" not in by_urn
    by_name = platform_admin_client.get(url, {"q": "hollowbrook"}).content.decode()
    assert "Hollowbrook Academy" in by_name
    assert "Larkspur" not in by_name
    medway = LocalAuthority.objects.get(code="887")
    filters = {"local_authority__id__exact": medway.pk, "is_open__exact": "1"}
    open_in_medway = platform_admin_client.get(url, filters).content.decode()
    assert "Rochford Quay Academy" in open_in_medway
    assert "Hollowbrook Academy" not in open_in_medway
    assert platform_admin_client.get(reverse("admin:schools_school_add")).status_code == 403


# A real worker --------------------------------------------------------------


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_runs_the_import_through_redis():
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    job = GiasImport.objects.create(filename="gias_sample.csv", content=sample(), la_codes=KENT_AND_MEDWAY)
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            run_gias_import.delay(job.pk)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                job.refresh_from_db()
                if job.status in {ImportStatus.IMPORTED, ImportStatus.FAILED}:
                    break
                time.sleep(0.2)
    finally:
        app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    assert job.status == ImportStatus.IMPORTED, job.problems
    assert job.created_count == 38
    assert School.objects.filter(local_authority__code__in=KENT_AND_MEDWAY).count() == 38
