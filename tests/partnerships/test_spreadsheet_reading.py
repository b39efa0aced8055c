"""Reading CSV and XLSX files (partnerships/spreadsheets.py): encodings, row numbers, cells, refusals."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from partnerships.spreadsheets import SpreadsheetError, open_sheet, write_csv, write_xlsx


def read(data: bytes, name: str, **kwargs):
    sheet = open_sheet(io.BytesIO(data), name=name, **kwargs)
    return sheet.header, list(sheet)


def xlsx(rows, *, sheet=None) -> bytes:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    for row in rows:
        worksheet.append(row)
    if sheet:
        sheet(worksheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_with_byte_order_mark_reads_the_first_column_name_cleanly():
    header, rows = read("\ufeffName,Date\r\nÉva,2026-04-01\r\n".encode(), "plan.csv")
    assert header == ["Name", "Date"]
    assert rows == [(2, ["Éva", "2026-04-01"])]


def test_csv_saved_by_excel_as_windows_1252_is_read():
    header, rows = read("Name\r\nChildren’s social care\r\n".encode("cp1252"), "plan.csv")
    assert rows == [(2, ["Children’s social care"])]


def test_blank_rows_are_skipped_but_counted_in_row_numbers():
    header, rows = read(b"\r\n\r\nA,B\r\n1,2\r\n,\r\n   ,\r\n3,4\r\n", "plan.csv")
    assert header == ["A", "B"]
    assert rows == [(4, ["1", "2"]), (7, ["3", "4"])]


def test_a_quoted_cell_over_several_lines_is_one_row_as_in_excel():
    header, rows = read(b'A,B\r\n"line one\r\nline two",x\r\ny,z\r\n', "plan.csv")
    assert rows == [(2, ["line one\r\nline two", "x"]), (3, ["y", "z"])]


def test_header_cells_are_stripped_and_trailing_empty_ones_dropped():
    header, _ = read(b" Description ,Status,,\r\nx,y\r\n", "plan.csv")
    assert header == ["Description", "Status"]


def test_xlsx_gives_dates_numbers_booleans_and_formulas_as_their_text():
    def more(worksheet):
        worksheet["F2"] = ArrayFormula("F2:F2", "=SUM(C2:C2)")

    data = xlsx(
        [["Text", "Date", "Number", "Flag", "Formula"], ["a", datetime.date(2026, 4, 1), 3, True, '=HYPERLINK("x")']],
        sheet=more,
    )
    header, rows = read(data, "plan.xlsx")
    assert header == ["Text", "Date", "Number", "Flag", "Formula"]
    number, cells = rows[0]
    assert number == 2
    assert cells[:5] == ["a", datetime.datetime(2026, 4, 1), 3, True, '=HYPERLINK("x")']
    assert cells[5] == "=SUM(C2:C2)"


def test_xlsx_row_numbers_match_excel_with_gaps_and_a_header_lower_down():
    def layout(worksheet):
        worksheet["A3"] = "Name"
        worksheet["A4"] = "first"
        worksheet["A9"] = "second"

    header, rows = read(xlsx([], sheet=layout), "plan.xlsx")
    assert header == ["Name"]
    assert [(number, cells[0]) for number, cells in rows] == [(4, "first"), (9, "second")]


def test_what_the_writers_write_the_reader_reads_back():
    rows = [["=1+1", datetime.date(2026, 4, 1), "plain"]]
    for name, data in (("x.csv", write_csv(["A", "B", "C"], rows)), ("x.xlsx", write_xlsx(["A", "B", "C"], rows))):
        header, read_rows = read(data, name)
        assert header == ["A", "B", "C"]
        cells = read_rows[0][1]
        assert cells[0] == "'=1+1"
        assert str(cells[1]).startswith("2026-04-01")
        assert cells[2] == "plain"


def test_more_rows_than_allowed_is_refused_while_reading():
    data = b"A\r\n" + b"x\r\n" * 11
    sheet = open_sheet(io.BytesIO(data), name="plan.csv", max_rows=10)
    with pytest.raises(SpreadsheetError, match="more than 10 rows"):
        list(sheet)
    header, rows = read(b"A\r\n" + b"x\r\n" * 10, "plan.csv", max_rows=10)
    assert len(rows) == 10


def test_a_file_bigger_than_allowed_is_refused_without_reading_it_all():
    with pytest.raises(SpreadsheetError, match="smaller than 1 MB"):
        read(b"A\r\n" + b"x" * (1024 * 1024), "plan.csv", max_bytes=1024 * 1024)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "plan.csv", "is empty"),
        (b"\r\n  \r\n", "plan.csv", "has no header row"),
        (b"A,B\r\n", "plan.txt", "must be a CSV or Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "plan.xls", r"old Excel format \(.xls\)"),
        (b"PK\x03\x04 not really a zip", "plan.xlsx", "cannot be read as an Excel workbook"),
        (b"A,B\r\n1,2\r\n", "plan.xlsx", "not an Excel workbook but its name ends in .xlsx"),
        (b"A\x00B\r\n", "plan.csv", "not a CSV text file"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, name, message):
    with pytest.raises(SpreadsheetError, match=message):
        read(data, name)


def test_a_workbook_named_csv_is_refused():
    with pytest.raises(SpreadsheetError, match="is an Excel workbook but its name ends in .csv"):
        read(xlsx([["A"], ["x"]]), "plan.csv")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(SpreadsheetError, match="cannot be read as an Excel workbook"):
        read(buffer.getvalue(), "plan.xlsx")


def test_a_workbook_that_unpacks_to_far_more_than_it_weighs_is_refused(monkeypatch):
    from partnerships import reading_budget

    monkeypatch.setattr(reading_budget, "MAX_UNPACKED_BYTES", 1024)
    with pytest.raises(SpreadsheetError, match="unpacks to more than"):
        read(xlsx([["A"], ["x" * 5000]]), "plan.xlsx")


def test_a_csv_cell_too_big_to_parse_is_refused_naming_its_row():
    data = b"A\r\nx\r\n" + b'"' + b"y" * 200_000 + b'"\r\n'
    with pytest.raises(SpreadsheetError, match="Row 3"):
        read(data, "plan.csv")
