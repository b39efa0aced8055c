"""Yearly statements (see tests/support/permission_table.py): every member reads the list, a statement and its
final reports; scrutineers write statements; drafts are built and read by scrutineers and partnership
managers, finals built by scrutineers only. Another partnership's statement is 404 to everyone."""

import datetime

import pytest

from scrutiny.models import Report, YearlyStatement
from tests.support import builders
from tests.support.permission_table import READ_ONLY_POSTED, Row, cases, check

N = "/partnerships/northmere/statements"
C = "/partnerships/castlebrook/statements"
R = "/partnerships/northmere/reports"
ALL_MEMBERS = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200}
SCRUTINEER_ONLY = {"scrutineer": 200, "lead": 403, "contributor": 403, "viewer": 403}
SCRUTINEER_SAVES = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403}
DRAFT_BUILDERS = {"scrutineer": 302, "lead": 302, "contributor": 403, "viewer": 403}
DRAFT_READERS = {"scrutineer": 200, "lead": 200, "contributor": 403, "viewer": 403}
NEW = {
    "period_start_0": "1",
    "period_start_1": "4",
    "period_start_2": "2027",
    "overall_statement": "Reasonable progress.",
    "methods": "Observed the executive.",
}
EDIT = {"version": "0", "overall_statement": "Reasonable progress, slower on health.", "methods": ""}

ROWS = [
    Row(f"{N}/", ALL_MEMBERS),
    Row(f"{N}/", READ_ONLY_POSTED, method="post", data=NEW),
    Row(f"{C}/", {"outsider": 200}),
    Row(f"{N}/new/", SCRUTINEER_ONLY),
    Row(f"{N}/new/", SCRUTINEER_SAVES, method="post", data=NEW),
    Row(f"{N}/{{statement}}/", ALL_MEMBERS),
    Row(f"{N}/{{statement}}/", READ_ONLY_POSTED, method="post", data=EDIT),
    Row(f"{N}/{{statement}}/edit/", SCRUTINEER_ONLY),
    Row(f"{N}/{{statement}}/edit/", SCRUTINEER_SAVES, method="post", data=EDIT),
    Row(f"{N}/{{statement}}/reports/new/", DRAFT_BUILDERS, method="post", data={"kind": "draft"}),
    Row(f"{N}/{{statement}}/reports/new/", SCRUTINEER_SAVES, method="post", data={"kind": "final"}),
    Row(f"{N}/{{statement}}/reports/new/", {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 405}),
    Row(f"{R}/{{statement_draft}}/", DRAFT_READERS),
    Row(f"{R}/{{statement_draft}}/download/", DRAFT_READERS),
    Row(f"{R}/{{statement_final}}/", ALL_MEMBERS),
    Row(f"{R}/{{statement_final}}/download/", ALL_MEMBERS),
    Row(f"{R}/{{statement_final}}/download/docx/", ALL_MEMBERS),
    # Another partnership's statement under this slug, and this one's under the outsider's slug: 404.
    Row(f"{N}/{{other_statement}}/", {}),
    Row(f"{N}/{{other_statement}}/edit/", {"lead": 403, "contributor": 403, "viewer": 403}, method="post", data=EDIT),
    Row(f"{N}/{{other_statement}}/reports/new/", {}, method="post", data={"kind": "draft"}),
    Row(f"{C}/{{statement}}/", {}),
    Row(f"{C}/{{statement}}/reports/new/", {}, method="post", data={"kind": "draft"}),
    Row(f"{R}/{{other_statement_final}}/", {}),
]


@pytest.fixture(scope="module")
def shared(shared):
    """The module's world plus a statement of each partnership, a ready draft and final of Northmere's, and a
    ready final of the other partnership's."""
    world, personas = shared["world"], shared["personas"]
    scrutineer, outsider = personas["scrutineer"], personas["outsider"]

    def statement(partnership, by):
        start = datetime.date(2026, 4, 1)
        return YearlyStatement.objects.create(
            partnership=partnership,
            period_start=start,
            period_end=YearlyStatement.twelve_months_from(start),
            created_by=by,
        )

    ours = statement(shared["partnership"], scrutineer)
    theirs = statement(shared["other_partnership"], outsider)
    ready = Report.Status.READY
    return shared | {
        "world": world
        | {
            "statement": ours,
            "other_statement": theirs,
            "statement_draft": builders.report(ours, Report.Kind.DRAFT, scrutineer, ready),
            "statement_final": builders.report(ours, Report.Kind.FINAL, scrutineer, ready),
            "other_statement_final": builders.report(theirs, Report.Kind.FINAL, outsider, ready),
        }
    }


@pytest.mark.parametrize(**cases(ROWS))
def test_statements(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
