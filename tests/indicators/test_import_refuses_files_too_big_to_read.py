"""Files beyond the limits the action plan's import keeps (5 MB, 20,000 rows, the reading budget) are refused
with a message saying why, before anything is checked: a tiny workbook declaring a million rows, a CSV too
large, too many rows. Nothing is saved."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators import imports
from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    TEMPLATE_HEADER,
    csv_file,
    everything,
    file_error,
    lead,
    refused,
    xlsx_file,
)

pytestmark = pytest.mark.usefixtures("lead")


def test_the_limits_are_the_action_imports():
    from partnerships import action_import

    assert (imports.MAX_BYTES, imports.MAX_ROWS) == (action_import.MAX_BYTES, action_import.MAX_ROWS)


def declaring_a_million_rows() -> SimpleUploadedFile:
    """A small workbook whose sheet says it spans a million rows and holds a row at the millionth."""
    source = xlsx_file(TEMPLATE_HEADER, [["I-R2-ABE", "2024-25", "12", "", "", "", ""]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source.read())) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for member in original.infolist():
            data = original.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace('<dimension ref="A1:G2"/>', '<dimension ref="A1:XFD1048576"/>')
                rows = "".join(
                    f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(3, 40)
                )
                far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>I-R2-ABE</t></is></c></row>'
                text = text.replace("</sheetData>", rows + far + "</sheetData>")
                data = text.encode()
            copy.writestr(member, data)
    assert len(out.getvalue()) < 20_000
    return SimpleUploadedFile("tiny.xlsx", out.getvalue())


def test_a_tiny_workbook_declaring_a_million_rows(client):
    before = everything()
    response = refused(client.post(IMPORT, {"file": declaring_a_million_rows()}), before)
    assert "was not read to the end" in file_error(response) or "more than 20,000 rows" in file_error(response)


def test_a_csv_larger_than_5_mb(client):
    note = "n" * 900
    rows = [["I-R2-ABE", f"{2000 + i % 90}", "1", "", "", "", note] for i in range(6_000)]
    upload = csv_file(TEMPLATE_HEADER, rows, "huge.csv")
    assert upload.size > imports.MAX_BYTES
    before = everything()
    response = refused(client.post(IMPORT, {"file": upload}), before)
    assert "“huge.csv” must be smaller than 5 MB" in file_error(response)


def test_more_rows_than_the_limit(client):
    rows = [["I-R2-ABE", "2024", "1", "", "", "", ""]] * (imports.MAX_ROWS + 1)
    before = everything()
    response = refused(client.post(IMPORT, {"file": csv_file(TEMPLATE_HEADER, rows, "long.csv")}), before)
    assert "The file has more than 20,000 rows: split it into smaller files" in file_error(response)
