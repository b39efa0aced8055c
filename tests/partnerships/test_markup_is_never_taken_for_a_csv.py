"""HTML, SVG and XML are not CSV, whatever the file is named; no message suggests a name that would let them in.

Issue 11: a text file named .csv was accepted whatever it held, and an HTML file named .pdf
was told to rename itself .csv. partnerships/filetypes.py now tells markup by its first tag,
as browsers tell a page by its first bytes, and no accepted type is markup.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships import filetypes
from partnerships.models import Attachment, Evidence
from partnerships.spreadsheets import SpreadsheetError, open_sheet
from tests.support.builders import evidence_form_data

NEW = "/partnerships/northmere/evidence/new/"
TITLE = "Training needs assessment"
REFUSED = "must be a PDF, DOCX, XLSX, CSV, ODT, PNG or JPEG file"

MARKUP = {
    "html page": (b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>", "HTML"),
    "html after a byte-order mark and blank lines": (b"\xef\xbb\xbf\r\n\r\n  <html lang='en'><p>Hi</p></html>", "HTML"),
    "html fragment": (b"<script>fetch('/partnerships/')</script>\nagency,count\n", "HTML"),
    "html after a comment": (b"<!-- saved from url -->\n<html></html>", "HTML"),
    "html after a long run of white space": (b" " * 100_000 + b"<iframe src='x'></iframe>", "HTML"),
    "svg image": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>', "SVG"),
    "svg with an xml declaration": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "SVG",
    ),
    "xml": (b'<?xml version="1.0"?>\n<agencies><agency name="Police"/></agencies>', "XML"),
    "xml with no declaration": (b"<agencies><agency>Police</agency></agencies>", "XML"),
}
REAL_CSVS = {
    "plain": b"agency,count\r\nPolice,4\r\n",
    "a heading that starts with <": b"<5 years,5 to 10 years\r\n4,6\r\n",
    "markup inside a cell": b'agency,note\r\nPolice,"said <b>no further action</b>"\r\n',
    "a cell that is a less-than comparison": b"< 18,count\n",
}


@pytest.mark.parametrize(("content", "kind"), list(MARKUP.values()), ids=list(MARKUP))
def test_markup_is_recognised_and_is_no_accepted_type(content, kind):
    assert filetypes.markup_in(content.lstrip()) == kind
    assert filetypes.detect(io.BytesIO(content)) is None


@pytest.mark.parametrize("content", list(REAL_CSVS.values()), ids=list(REAL_CSVS))
def test_real_csvs_are_still_csvs(content):
    assert filetypes.markup_in(content) is None
    assert filetypes.detect(io.BytesIO(content)) == filetypes.CSV


def refusal(client, name, content):
    attachments = Attachment.objects.count()
    response = client.post(NEW, evidence_form_data(title=TITLE, attachments=[SimpleUploadedFile(name, content)]))
    assert response.status_code == 200
    assert not Evidence.objects.filter(title=TITLE).exists()
    assert Attachment.objects.count() == attachments
    return [str(error) for error in response.context["form"].errors["attachments"]]


@pytest.mark.parametrize("case", ["html page", "svg image", "xml"])
def test_html_svg_and_xml_named_csv_are_refused_as_evidence(client, personas, world, case):
    client.force_login(personas["lead"])
    assert refusal(client, "training.csv", MARKUP[case][0]) == [f"“training.csv” {REFUSED}"]


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report.png", "report.txt"])
def test_an_html_file_under_another_name_is_refused_and_not_told_to_become_a_csv(client, personas, world, name):
    client.force_login(personas["lead"])
    errors = refusal(client, name, MARKUP["html page"][0])
    assert errors == [f"“{name}” {REFUSED}"]
    assert not any(".csv" in error or "rename" in error for error in errors)


def test_a_real_csv_is_still_accepted_as_evidence(client, personas, world):
    client.force_login(personas["lead"])
    response = client.post(
        NEW,
        evidence_form_data(
            title=TITLE, attachments=[SimpleUploadedFile("ages.csv", REAL_CSVS["a heading that starts with <"])]
        ),
    )
    assert response.status_code == 302
    assert Evidence.objects.get(title=TITLE).attachments.get().original_name == "ages.csv"


@pytest.mark.parametrize("case", ["html page", "svg image", "xml"])
def test_the_import_refuses_markup_named_csv_saying_what_it_holds(case):
    content, kind = MARKUP[case]
    with pytest.raises(SpreadsheetError, match=f"“plan.csv” holds {kind} markup, not the rows of a spreadsheet"):
        open_sheet(io.BytesIO(content), name="plan.csv")
