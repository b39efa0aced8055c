"""The identifier check reads the text of DOCX, PDF, XLSX and CSV attachments, and survives files it cannot read."""

import io

import pytest
from openpyxl import Workbook
from pypdf import PdfWriter

from common.identifiers import DATE_OF_BIRTH, EMAIL_ADDRESS, NHS_NUMBER, PHONE_NUMBER, POSTCODE
from partnerships import attachment_text, filetypes
from partnerships.attachment_text import read_text
from tests.support.builders import docx


def pdf(*pages) -> io.BytesIO:
    from weasyprint import HTML

    html = "".join(f'<p style="page-break-after: always">{text}</p>' for text in pages)
    return io.BytesIO(HTML(string=f"<html><body>{html}</body></html>").write_pdf())


def kinds_and_places(result):
    return [(finding.kind, finding.text, finding.where) for finding in result.findings()]


def test_nhs_number_in_a_docx_paragraph_is_found_with_its_paragraph():
    result = read_text(
        docx("Audit of 20 case files.", "One file quoted NHS number 943 476 5919 in full."),
        filetypes.DOCX,
        "audit.docx",
    )
    assert kinds_and_places(result) == [(NHS_NUMBER, "943 476 5919", "audit.docx, paragraph 2")]
    assert not result.unchecked


def test_docx_headers_are_read_too():
    result = read_text(docx("Nothing here."), filetypes.DOCX, "a.docx")
    assert result.findings() == []
    result = read_text(docx("Nothing here.", header="Family at NE1 4ST"), filetypes.DOCX, "a.docx")
    assert kinds_and_places(result) == [(POSTCODE, "NE1 4ST", "a.docx, header, paragraph 1")]


def test_identifiers_on_a_pdf_page_are_found_with_the_page():
    result = read_text(
        pdf("Training needs assessment", "Contact the family on 07700 900123"), filetypes.PDF, "training.pdf"
    )
    assert kinds_and_places(result) == [(PHONE_NUMBER, "07700 900123", "training.pdf, page 2")]


def test_date_under_a_date_of_birth_heading_in_xlsx_is_found_with_its_cell():
    import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cases"
    sheet.append(["Reference", "DOB", "Contact"])
    sheet.append(["A1", datetime.date(2014, 3, 12), "carer@example.org"])
    sheet.append(["A2", "n/a", 9434765919])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    result = read_text(buffer, filetypes.XLSX, "cases.xlsx")
    assert kinds_and_places(result) == [
        (DATE_OF_BIRTH, "12/03/2014", "cases.xlsx, sheet “Cases”, cell B2"),
        (EMAIL_ADDRESS, "carer@example.org", "cases.xlsx, sheet “Cases”, cell C2"),
        (NHS_NUMBER, "9434765919", "cases.xlsx, sheet “Cases”, cell C3"),
    ]


def test_csv_lines_are_read():
    result = read_text(io.BytesIO(b"agency,note\r\nPolice,DOB 3/5/2012\r\n"), filetypes.CSV, "notes.csv")
    assert kinds_and_places(result) == [(DATE_OF_BIRTH, "3/5/2012", "notes.csv, line 2")]


def test_images_have_no_text_and_are_not_reported():
    result = read_text(io.BytesIO(b"\x89PNG\r\n\x1a\n"), filetypes.PNG, "photo.png")
    assert (result.findings(), result.unchecked) == ([], "")


def test_password_protected_pdf_is_reported_as_not_checked():
    writer = PdfWriter(clone_from=pdf("NHS 943 476 5919"))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    buffer.seek(0)
    result = read_text(buffer, filetypes.PDF, "locked.pdf")
    assert result.findings() == []
    assert (
        result.unchecked
        == "“locked.pdf” could not be checked for identifiers: it is protected by a password. Check it yourself."
    )


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (docx(document_xml="<w:document><unclosed>"), "it could not be read (it may be damaged)"),
        (
            docx(document_xml='<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document>&a;</w:document>'),
            "it holds markup the check does not read",
        ),
        (io.BytesIO(b"%PDF-1.4 nothing else"), "it could not be read (it may be damaged)"),
    ],
)
def test_damaged_or_hostile_files_are_reported_not_raised(content, why):
    kind = filetypes.PDF if content.getvalue().startswith(b"%PDF") else filetypes.DOCX
    result = read_text(content, kind, "file")
    assert result.problem == why
    assert content.tell() == 0  # left at its start for storing


def test_reading_stops_at_the_character_limit(monkeypatch):
    monkeypatch.setattr(attachment_text, "MAX_CHARACTERS", 100)
    result = read_text(docx("x" * 60, "y" * 60, "NHS 943 476 5919"), filetypes.DOCX, "long.docx")
    assert result.problem == "it holds more text than the check reads (100 characters)"
    assert "long.docx" in result.unchecked
