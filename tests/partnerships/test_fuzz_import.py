"""Fuzzed action plan import: CSV and XLSX files with random cells, headers, encodings and bytes either
import every row exactly or show the form again with its problems and import nothing; never a 500."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from partnerships import action_import as importer
from partnerships import spreadsheets
from partnerships.models import ActionItem
from tests.support.builders import ACTION_IMPORT, good_row
from tests.support.fuzzing import assert_storable, database_state, fuzz_settings, numbers, rolled_back, saved, texts

cells = st.one_of(
    texts,
    numbers,
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
)
rows = st.lists(
    st.integers(min_value=1, max_value=1000).flatmap(
        lambda i: st.one_of(st.just({}), st.dictionaries(st.sampled_from(importer.COLUMNS), cells, max_size=2)).map(
            lambda changes: good_row(i, **changes)
        )
    ),
    max_size=5,
    unique_by=lambda row: row["Description"] if isinstance(row["Description"], str) else id(row),
)
headers = st.one_of(
    st.just(importer.COLUMNS),
    st.permutations(importer.COLUMNS),
    st.lists(st.sampled_from(importer.COLUMNS) | texts, max_size=12),
)


def csv_bytes(header, data_rows, encoding) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in data_rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


def xlsx_bytes(header, data_rows) -> bytes:
    def cell(value):
        # openpyxl will not write control characters, or floats it cannot store.
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value.encode("utf-8", "replace").decode("utf-8"))
        if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return value

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([cell(name) for name in header])
    for row in data_rows:
        sheet.append([cell(row.get(name, "")) for name in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


files = st.one_of(
    st.builds(
        lambda header, data_rows, encoding, name: (name, csv_bytes(header, data_rows, encoding)),
        headers,
        rows,
        st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
        st.sampled_from(["plan.csv", "plan.CSV", "plan.xlsx", "plan.txt"]),
    ),
    st.builds(
        lambda header, data_rows, name: (name, xlsx_bytes(header, data_rows)),
        headers,
        rows,
        st.sampled_from(["plan.xlsx", "plan.csv", "plan.xls"]),
    ),
    st.tuples(
        st.sampled_from(["plan.csv", "plan.xlsx", "plan.xls", "plan"]),
        st.one_of(st.binary(max_size=3000), st.binary(max_size=3000).map(b"PK\x03\x04".__add__), st.just(b"")),
    ),
)


@pytest.fixture
def lead_client(client, personas, world):
    """Northmere's lead; the world gives Northmere its Health and Police agencies."""
    client.force_login(personas["lead"])
    return client


def expected_descriptions(content: bytes, name: str) -> list[str]:
    """The descriptions the importer reads from the file, in its own normalisation of a cell to text."""
    sheet = spreadsheets.open_sheet(io.BytesIO(content), name=name)
    positions, _ = importer.check_header(sheet)
    index = positions[importer.DESCRIPTION]
    return sorted(spreadsheets.unescape_formula(importer._cell_text(cells[index])) for _, cells in sheet)


@fuzz_settings(examples=60)
@given(upload=files)
def test_import_takes_every_row_exactly_or_nothing(lead_client, upload):
    name, content = upload
    with rolled_back():
        before = database_state()
        existing = set(ActionItem.objects.values_list("pk", flat=True))
        response = lead_client.post(ACTION_IMPORT, {"file": SimpleUploadedFile(name, content)})
        if saved(response, before):
            imported = list(ActionItem.objects.exclude(pk__in=existing))
            assert imported, "a redirect means rows were imported"
            for item in imported:
                assert_storable(item)
                assert item.recommendations.exists()
                assert item.due_date >= item.start_date
                assert item.history.count() == 1
            assert sorted(item.description for item in imported) == expected_descriptions(content, name)


def test_a_control_character_in_a_cell_is_a_problem_named_by_row_and_column(world, partnership):
    """The CSV reader refuses such files whole; a cell that reaches the checks by another way is refused too."""
    positions = {name: index for index, name in enumerate(importer.COLUMNS)}
    cells = [good_row(1)[name] for name in importer.COLUMNS]
    cells[positions[importer.LEAD]] = "Jo\x00 Smith"
    row, problems = importer.check_row(2, cells, positions, importer.Lookups(partnership), {})
    assert row is None
    assert [str(p) for p in problems] == [
        "Row 2, column “Named lead”: contains hidden control characters: type it again, or paste it as plain text"
    ]
