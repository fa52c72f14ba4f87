"""Writing export tables: formula-safe cells, native numbers, and XLSX sheets that roll over."""

import csv
import io
import zipfile

from openpyxl import load_workbook

from reports.export_files import Sheet, write_csv_zip, write_xlsx

DANGEROUS = ['=HYPERLINK("http://example.com")', "+1", "-1+2", "@SUM(A1)", "\tTAB"]


def sheet(rows, **kwargs) -> Sheet:
    return Sheet("Table", "table.csv", ["text", "number", "flag", "empty"], rows, **kwargs)


def test_csv_cells_that_look_like_formulas_are_quoted_and_numbers_are_not(tmp_path):
    path = str(tmp_path / "out.zip")
    write_csv_zip(path, [sheet([[text, -3, True, None] for text in DANGEROUS])])

    with zipfile.ZipFile(path) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("table.csv").decode())))

    assert [row[0] for row in rows[1:]] == [f"'{text}" for text in DANGEROUS]
    assert {tuple(row[1:]) for row in rows[1:]} == {("-3", "true", "")}


def test_xlsx_never_writes_a_formula(tmp_path):
    path = str(tmp_path / "out.xlsx")
    write_xlsx(path, [sheet([[text, -3, False, None] for text in DANGEROUS])])

    worksheet = load_workbook(path)["Table"]
    cells = list(worksheet.iter_rows(min_row=2))

    assert [row[0].value for row in cells] == [f"'{text}" for text in DANGEROUS]
    assert {row[0].data_type for row in cells} == {"s"}
    assert {(row[1].value, row[2].value, row[3].value) for row in cells} == {(-3, False, None)}


def test_a_long_xlsx_sheet_continues_on_another_with_the_header(tmp_path):
    path = str(tmp_path / "out.xlsx")
    written = write_xlsx(
        path, [sheet([[f"row {i}", i, True, None] for i in range(5)], counts_for_progress=True)], max_rows=3
    )

    workbook = load_workbook(path, read_only=True)

    assert written == 5
    assert workbook.sheetnames == ["Table", "Table 2", "Table 3"]
    parts = [list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames]
    assert all(part[0] == ("text", "number", "flag", "empty") for part in parts)
    assert [row[1] for part in parts for row in part[1:]] == [0, 1, 2, 3, 4]


def test_progress_counts_only_the_sheets_that_count(tmp_path):
    seen = []
    write_csv_zip(
        str(tmp_path / "out.zip"),
        [sheet([["a", 1, True, None]] * 3, counts_for_progress=True), Sheet("Notes", "notes.csv", ["x"], [["y"]])],
        seen.append,
    )

    assert seen == [1, 2, 3]
