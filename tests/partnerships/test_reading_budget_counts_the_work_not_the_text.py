"""The reading budget counts work done, not text found: empty rows, lines, paragraphs and elements, zip parts, time.

With the allowance made small, files that hold almost no text stop at the budget, in the
identifier scan (the file is reported as not checked) and in the import (refused, saying
why). partnerships/reading_budget.py holds the one budget both use.
"""

import io
import re
import zipfile

import pytest

from partnerships import filetypes, reading_budget
from partnerships.attachment_text import read_text
from partnerships.spreadsheets import SpreadsheetError, open_sheet
from tests.support import crafted_files
from tests.support.builders import docx

SMALL = reading_budget.Allowance(steps=1_000, seconds=60, steps_named="rows, cells, paragraphs or lines")
SCAN_STOPPED = "it has more rows, cells, paragraphs or lines than can be read (1,000, counting empty ones)"
IMPORT_STOPPED = re.escape("it has more rows and cells than can be read (1,000, counting empty ones)")


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(reading_budget, "SCAN", SMALL)
    monkeypatch.setattr(
        reading_budget, "IMPORT", reading_budget.Allowance(steps=1_000, seconds=60, steps_named="rows and cells")
    )


def scan(content: bytes, name: str):
    stream = io.BytesIO(content)
    return read_text(stream, filetypes.detect(stream), name)


def test_empty_lines_of_a_csv_count_in_the_scan(small):
    result = scan(b"Agency,Count\n" + b"\n" * 2_000 + b"Police,4\n", "blank.csv")
    assert result.problem == SCAN_STOPPED
    assert result.unchecked == f"“blank.csv” could not be checked for identifiers: {SCAN_STOPPED}. Check it yourself."


def test_empty_paragraphs_of_a_docx_count_in_the_scan(small):
    assert scan(docx(*[""] * 600).getvalue(), "empty.docx").problem == SCAN_STOPPED
    assert scan(docx(*[""] * 100, "NHS 943 476 5919").getvalue(), "short.docx").problem == ""


def test_empty_rows_of_a_workbook_count_in_the_scan(small):
    content = crafted_files.xlsx_declaring("A1:A1", {1: ["Name"], 5_000: ["x"]})
    assert scan(content, "gap.xlsx").problem == SCAN_STOPPED


def test_empty_rows_count_in_the_import(small):
    with pytest.raises(SpreadsheetError, match=IMPORT_STOPPED):
        list(open_sheet(io.BytesIO(b"A,B\r\n" + b"\r\n" * 2_000 + b"x,y\r\n"), name="plan.csv"))
    content = crafted_files.xlsx_declaring("A1:A1", {1: ["A"], 100: ["x"]})  # 99 rows of 50 empty cells
    with pytest.raises(SpreadsheetError, match=IMPORT_STOPPED):
        list(open_sheet(io.BytesIO(content), name="plan.xlsx"))


def test_the_tags_of_parts_openpyxl_parses_whole_count_before_it_opens_the_workbook(small, monkeypatch):
    # A sheet with no declared size is read to its end by openpyxl as it opens: its tags are counted first.
    monkeypatch.setattr("openpyxl.load_workbook", lambda *args, **kwargs: pytest.fail("the workbook was opened"))
    content = crafted_files.xlsx_declaring("A1:A1", {n: ["x"] for n in range(1, 400)})
    with pytest.raises(SpreadsheetError, match=IMPORT_STOPPED):
        open_sheet(io.BytesIO(content), name="plan.xlsx")


def test_reading_stops_when_its_time_is_spent(monkeypatch):
    monkeypatch.setattr(reading_budget, "SCAN", reading_budget.Allowance(steps=10**9, seconds=0, steps_named="x"))
    result = scan(b"Agency\n" + b"Police\n" * 5_000, "slow.csv")
    assert result.problem == "reading it took longer than the 0 seconds allowed"


def test_a_zip_of_too_many_parts_is_not_parsed(monkeypatch):
    monkeypatch.setattr(reading_budget, "MAX_ZIP_MEMBERS", 10)
    buffer = io.BytesIO(docx("Audit").getvalue())
    with zipfile.ZipFile(buffer, "a") as archive:
        for number in range(20):
            archive.writestr(f"word/media/image{number}.png", b"")
    assert scan(buffer.getvalue(), "parts.docx").problem == "it is packed from more than 10 parts"


def test_a_zip_that_unpacks_beyond_the_limit_is_not_parsed(monkeypatch):
    monkeypatch.setattr(reading_budget, "MAX_UNPACKED_BYTES", 1024 * 1024)
    content = docx("x" * (2 * 1024 * 1024)).getvalue()  # packs well under the ratio, unpacks past 1 MB
    assert scan(content, "big.docx").problem == "it unpacks to more than 1 MB"


def test_a_small_part_may_pack_as_well_as_it_likes():
    # Under RATIO_GRACE_BYTES unpacked, a part that packs a thousand times over is ordinary (a blank style sheet).
    content = docx("Audit of strategy discussions", header=" " * 500_000).getvalue()
    assert scan(content, "fine.docx").problem == ""
