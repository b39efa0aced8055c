"""A cell a spreadsheet could run as a formula refuses the whole file, naming row and column: an XLSX formula
cell is read as its formula, never as the result Excel saved beside it. Nothing is saved."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    TEMPLATE_HEADER,
    assert_problem,
    csv_file,
    everything,
    import_tidy,
    lead,
    refused,
    tidy_rows,
)

pytestmark = pytest.mark.usefixtures("lead")


def workbook(header, rows, name):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_formula_in_the_template(client):
    rows = [
        ["I-R2-ABE", "2024-25", "=10+2", "", "", "", ""],
        ["I-R2-ABE", "2025-26", 4, "", "", "", '=HYPERLINK("https://evil.example/","Open")'],
        ["I-R2-TRAINED", "2025-26", 40, "", "=SUM(A1:A3)", 90, ""],
    ]
    before = everything()
    response = refused(client.post(IMPORT, {"file": workbook(TEMPLATE_HEADER, rows, "figures.xlsx")}), before)
    assert_problem(response, 2, "Value", "starts with “=”, which a spreadsheet could run as a formula")
    assert_problem(response, 3, "Note", "starts with “=”, which a spreadsheet could run as a formula")
    assert_problem(response, 4, "Numerator", "starts with “=”")


def test_a_formula_in_a_csv(client):
    rows = [
        ["I-R2-ABE", "2024-25", "@SUM(1,2)", "", "", "", ""],
        ["I-R2-ABE", "2025-26", "+cmd|' /C calc'!A0", "", "", "", ""],
    ]
    before = everything()
    response = refused(client.post(IMPORT, {"file": csv_file(TEMPLATE_HEADER, rows)}), before)
    assert_problem(response, 2, "Value", "starts with “@”")
    assert_problem(response, 3, "Value", "starts with “+”")


def test_a_formula_in_a_tidy_workbook(client):
    header, rows = tidy_rows()
    cells = [[float(c) if c.replace(".", "").isdigit() and i >= 10 else c for i, c in enumerate(row)] for row in rows]
    cells[11][10] = "=4.8"  # Northmere, 2023-24: Excel would save 4.8 beside the formula
    before = everything()
    response = refused(import_tidy(client, workbook(header, cells, "tidy.xlsx")), before)
    assert_problem(response, 13, "cpp_sexual_abuse_rate", "starts with “=”, which a spreadsheet could run as a formula")
    assert len(response.context["problems"]) == 1
