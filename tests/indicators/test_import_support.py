"""What the indicator import's tests share (tests/indicators/test_import_*.py): no tests of its own.

The files are posted through the pages as Northmere's lead, as a person would: the upload page, then, for a
tidy file from Explore Education Statistics, the mapping page with the token the first page gave.
"""

import csv
import html
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Value
from tests.support.paths import ROOT
from tests.support.permission_table import fingerprint

IMPORT = "/partnerships/northmere/indicators/import/"
MAP = f"{IMPORT}map/"
DATA = ROOT / "tests" / "data" / "indicators"
TIDY = DATA / "tidy_two_regions.csv"
# The fixture's measures, mapped to the bundled framework's suggested indicators.
MAPPING = {
    "cpp_sexual_abuse_rate": "I-R3-CPP-SA",
    "assessments_csa_rate": "I-R3-ASSESS-CSA",
    "s47_multi_agency_percent": "I-R3-S47-MULTI",
}
TEMPLATE_HEADER = ["Indicator code", "Period", "Value", "Suppressed", "Numerator", "Denominator", "Note"]


@pytest.fixture
def lead(client, personas):
    """Northmere's lead, signed in on `client`."""
    client.force_login(personas["lead"])
    return personas["lead"]


def everything():
    """Every row of our tables, the indicator values and their history included: a refused import changes none."""
    return fingerprint() | {
        "values": list(Value.objects.order_by("pk").values()),
        "history": list(Value.history.order_by("history_id").values()),
    }


def csv_file(header, rows, name="figures.csv") -> SimpleUploadedFile:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def xlsx_file(header, rows, name="figures.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def tidy_rows(path=TIDY) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def tidy_file(*, change=None, as_xlsx=False, header=None, name=None):
    """The fixture as an upload; `change(header, rows)` may alter its rows (lists of text) first."""
    found_header, rows = tidy_rows()
    header = header or found_header
    if change:
        change(header, rows)
    if as_xlsx:
        return xlsx_file(header, rows, name or "tidy.xlsx")
    return csv_file(header, rows, name or "tidy.csv")


def set_cell(rows, header, *, where: dict, column: str, value):
    """Set `column` to `value` in the rows whose cells match `where` (column: text)."""
    found = 0
    for row in rows:
        if all(row[header.index(name)] == text for name, text in where.items()):
            row[header.index(column)] = value
            found += 1
    assert found, f"no row matches {where}"


def token_of(response) -> str:
    match = re.search(r'name="upload"\s+value="([^"]+)"', response.content.decode())
    assert match, "the mapping page carries no token"
    return html.unescape(match.group(1))


def field_of(response, column_title: str) -> str:
    """The mapping page's field name for a measure column."""
    survey = response.context["survey"]
    return next(f"column_{index}" for index, title in survey.measures if title == column_title)


def indicator_choice(code: str) -> str:
    from indicators.models import Indicator

    return str(Indicator.objects.get(code=code, partnership=None).pk)


def choose(client, first_response, *, authority="E06000901", mapping=None, leave_out=()):
    """Send the mapping page: each measure mapped as `mapping` says (code, or "skip"), unless left out."""
    mapping = MAPPING if mapping is None else mapping
    data = {"upload": token_of(first_response), "authority": authority}
    for title, code in mapping.items():
        if title in leave_out:
            continue
        data[field_of(first_response, title)] = code if code == "skip" else indicator_choice(code)
    return client.post(MAP, data)


def import_tidy(client, upload=None, **choices):
    """Upload a tidy file and send its mapping: the second page's response."""
    first = client.post(IMPORT, {"file": upload or tidy_file()})
    assert first.status_code == 200, first.get("Location")
    assert "survey" in first.context, first.context.get("form").errors if first.context else first
    return choose(client, first, **choices)


def problems_of(response):
    return [(p.row, p.column, p.reason) for p in response.context["problems"]]


def assert_problem(response, row, column, fragment):
    """The problem is in the list and in the page's table, with its row and column."""
    matches = [p for p in response.context["problems"] if p.row == row and p.column == column and fragment in p.reason]
    assert matches, f"no problem at row {row}, column {column} with {fragment!r}: {problems_of(response)}"
    page = response.content.decode()
    expected = (
        f'<td class="govuk-table__cell govuk-table__cell--numeric">{row}</td>\n'
        f'          <td class="govuk-table__cell">{html.escape(column)}</td>\n'
        f'          <td class="govuk-table__cell">{html.escape(matches[0].reason)}</td>'
    )
    assert expected in page
    return matches[0]


def refused(response, before):
    """The page answered with its errors, and nothing in the database changed."""
    assert response.status_code == 200, response.get("Location")
    assert everything() == before, "a refused import changed the database"
    page = response.content.decode()
    assert page.count("<title>Error: ") == 1
    assert "govuk-error-summary" in page
    return response


def file_error(response) -> str:
    errors = response.context["form"].errors
    return " ".join(str(message) for messages in errors.values() for message in messages)
