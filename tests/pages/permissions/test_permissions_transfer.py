"""The spreadsheet URLs against every persona (see tests/support/permission_table.py).

Every member exports the action plan; scrutineers, leads and contributors export the
evidence register, viewers get 403 there (they do not see evidence); only leads import
and download the import template; an unknown format is 404; a POST to a download is 405
for members; anyone without a role in the partnership gets 404, and refused posts change
nothing.
"""

import io

import pytest

from partnerships.spreadsheets import open_sheet
from tests.support.builders import csv_upload, good_row, rows, xlsx_upload
from tests.support.permission_table import Row, cases, check

N = "/partnerships/northmere"
C = "/partnerships/castlebrook"

EVERY_MEMBER = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200}
SEES_EVIDENCE = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 403}
LEAD_GET = {"scrutineer": 403, "lead": 200, "contributor": 403, "viewer": 403}
LEAD_IMPORTS = {"scrutineer": 403, "lead": 302, "contributor": 403, "viewer": 403}
LEAD_IS_SHOWN_PROBLEMS = {"scrutineer": 403, "lead": 200, "contributor": 403, "viewer": 403}
NOT_ALLOWED = {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 405}


def northmere_csv():
    return csv_upload(rows(3))


def northmere_xlsx():
    return xlsx_upload(rows(3))


def bad_csv():
    return csv_upload([good_row(1, Status="Done")])


def castlebrook_csv():
    return csv_upload([good_row(1, **{"Owner agency": "Castlebrook Health", "Contributing agencies": ""})])


ROWS = [
    # The action plan's export: every member.
    Row(f"{N}/actions/export.csv", EVERY_MEMBER),
    Row(f"{N}/actions/export.xlsx", EVERY_MEMBER),
    Row(f"{N}/actions/export.pdf", {}),
    Row(f"{N}/actions/export.CSV", {}),
    Row(f"{N}/actions/export.csv", NOT_ALLOWED, method="post"),
    # The evidence register's export: not viewers.
    Row(f"{N}/evidence/export.csv", SEES_EVIDENCE),
    Row(f"{N}/evidence/export.xlsx", SEES_EVIDENCE),
    Row(f"{N}/evidence/export.csv?show_withdrawn=on&recommendation=R6&page=2", SEES_EVIDENCE),
    Row(f"{N}/evidence/export.json", {}),
    Row(f"{N}/evidence/export.xlsx", NOT_ALLOWED, method="post"),
    # The import and its template: leads only.
    Row(f"{N}/actions/import/", LEAD_GET),
    Row(f"{N}/actions/import/", LEAD_IMPORTS, method="post", files={"file": northmere_csv}),
    Row(f"{N}/actions/import/", LEAD_IMPORTS, method="post", files={"file": northmere_xlsx}),
    Row(f"{N}/actions/import/", LEAD_IS_SHOWN_PROBLEMS, method="post", files={"file": bad_csv}),
    Row(f"{N}/actions/import/", LEAD_IS_SHOWN_PROBLEMS, method="post", data={}),
    Row(f"{N}/actions/import/template.csv", LEAD_GET),
    Row(f"{N}/actions/import/template.xlsx", LEAD_GET),
    Row(f"{N}/actions/import/template.ods", {}),
    Row(f"{N}/actions/import/template.csv", NOT_ALLOWED, method="post"),
    # Castlebrook's: only its lead (the outsider) is in; Northmere's people get 404 and change nothing.
    Row(f"{C}/actions/export.csv", {"outsider": 200}),
    Row(f"{C}/evidence/export.xlsx", {"outsider": 200}),
    Row(f"{C}/actions/import/", {"outsider": 200}),
    Row(f"{C}/actions/import/", {"outsider": 302}, method="post", files={"file": castlebrook_csv}),
    Row(f"{C}/actions/import/template.xlsx", {"outsider": 200}),
    Row(f"{C}/actions/export.csv", {"outsider": 405}, method="post"),
    # No such partnership at all.
    Row("/partnerships/nowhere/actions/export.csv", {}),
    Row("/partnerships/nowhere/actions/import/", {}, method="post", files={"file": northmere_csv}),
]


@pytest.mark.parametrize(**cases(ROWS))
def test_transfer_urls(client, personas, world, row, persona):
    check(client, personas, world, row, persona)


def test_a_partnerships_export_holds_only_its_own_plan_and_evidence(client, personas, world):
    client.force_login(personas["outsider"])
    for url, expected in (
        (f"{C}/actions/export.xlsx", ["Castlebrook action"]),
        (f"{C}/evidence/export.csv", ["Castlebrook audit"]),
    ):
        response = client.get(url)
        sheet = open_sheet(io.BytesIO(response.content), name=url.rsplit("/", 1)[1])
        assert [cells[0] for _, cells in sheet] == expected


def test_an_import_adds_to_the_callers_partnership_only(client, personas, world):
    from partnerships.models import ActionItem

    before = {p: ActionItem.objects.filter(partnership__slug=p).count() for p in ("northmere", "castlebrook")}
    client.force_login(personas["outsider"])
    assert client.post(f"{C}/actions/import/", {"file": castlebrook_csv()}).status_code == 302
    assert ActionItem.objects.filter(partnership__slug="castlebrook").count() == before["castlebrook"] + 1
    assert ActionItem.objects.filter(partnership__slug="northmere").count() == before["northmere"]
    # Northmere's agency names mean nothing in Castlebrook.
    response = client.post(f"{C}/actions/import/", {"file": northmere_csv()})
    assert response.status_code == 200
    assert {p.column for p in response.context["problems"]} == {"Owner agency", "Contributing agencies"}
