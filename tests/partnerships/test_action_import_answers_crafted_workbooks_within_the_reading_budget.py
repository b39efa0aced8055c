"""Workbooks that lie about their size are answered on the import page in seconds: refused, saying why, nothing saved.

Issue 11: with a declared range of A1:AX2000000000 and its cell there the import would have
run for hours (it read two billion empty rows of 50 cells). The reading budget counts every
row and cell read, empty ones included, and ignores the size a sheet declares; a workbook
that unpacks far beyond its size is not parsed. Measured through the page (processor and
wall seconds, tracemalloc's peak) and in a fresh process (ru_maxrss).
"""

import functools
import html

import pytest

from partnerships.action_import import COLUMNS
from tests.support import crafted_files
from tests.support.crafted_files import CPU_SECONDS, MEMORY_MB, WALL_SECONDS, import_measured
from tests.support.permission_table import fingerprint

TOO_MUCH = (
    "was not read to the end: it has more rows and cells than can be read (4,000,000, counting empty ones). "
    "Save it again with only the rows and columns of the plan, or split it into smaller files, and try again"
)
BOMB = "part of it unpacks to more than 100 times its packed size, far more than documents do"
ROW = ["Audit strategy discussions", "R1", "Northmere Police"]  # the rest of the row is missing

CASES = {  # name: (how to build it, what the page says)
    "declared-a1-xfd50000.xlsx": (
        lambda: crafted_files.xlsx_declaring("A1:XFD50000", {1: COLUMNS, 50_000: ROW}),
        "has 4 problems, listed below. Nothing was imported",
    ),
    "declared-a1-ax2000000000.xlsx": (
        lambda: crafted_files.xlsx_declaring("A1:AX2000000000", {1: COLUMNS, 50_000: ROW}),
        "has 4 problems, listed below. Nothing was imported",
    ),
    "cell-at-ax2000000000.xlsx": (
        lambda: crafted_files.xlsx_declaring("A1:AX2000000000", {1: COLUMNS, 2_000_000_000: ROW}),
        TOO_MUCH,
    ),
    "zip-bomb.xlsx": (crafted_files.xlsx_bomb, BOMB),
}


@functools.cache
def crafted(name) -> tuple[bytes, str]:
    build, says = CASES[name]
    return build(), says


@pytest.mark.parametrize("name", list(CASES))
def test_the_import_page_refuses_the_file_quickly_says_why_and_saves_nothing(client, importer, name):
    content, says = crafted(name)
    before = fingerprint()
    response = import_measured(client, content, name)
    assert response.status_code == 200
    assert fingerprint() == before
    errors = [str(error) for error in response.context["form"].errors["file"]]
    assert len(errors) == 1 and errors[0].startswith(f"“{name}” ") and says in errors[0], errors
    assert html.escape(says, quote=False) in response.content.decode()


def test_a_row_far_below_a_false_declared_size_is_still_checked_with_its_number(client, importer):
    content, _ = crafted("declared-a1-xfd50000.xlsx")
    response = import_measured(client, content, "declared-a1-xfd50000.xlsx")
    problems = {(p.row, p.column) for p in response.context["problems"]}
    assert problems == {(50_000, "Named lead"), (50_000, "Start date"), (50_000, "Due date"), (50_000, "Status")}


@pytest.mark.parametrize("name", list(CASES))
def test_reading_the_file_alone_stays_within_seconds_and_memory(name, tmp_path):
    content, says = crafted(name)
    outcome = crafted_files.measured("import", content, name, tmp_path)
    assert outcome["cpu"] < CPU_SECONDS, outcome
    assert outcome["wall"] < WALL_SECONDS, outcome
    assert outcome["memory_mb"] < MEMORY_MB, outcome
    if says in (TOO_MUCH, BOMB):
        assert says in outcome["error"]
    else:
        assert outcome["rows"] == 1
