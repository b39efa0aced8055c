"""A scrutineer writes the yearly statement on its pages (a second one of the same twelve months is refused
with a clear message, a stale edit is never saved over a colleague's), builds its reports from the
statement's page, and the final is offered to and signed off by the three lead safeguarding partners as a
review's final is; a new version supersedes it."""

import datetime

import pytest

from scrutiny import sign_off
from scrutiny.models import Report, YearlyStatement
from scrutiny.report_build import build_report
from scrutiny.reports import request_report
from tests.support.builders import as_member, errors_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sign_off_notices_in_process")]

NEW = {
    "period_start_0": "1",
    "period_start_1": "4",
    "period_start_2": "2025",
    "overall_statement": "The partnership has begun well.",
    "methods": "Observed two executive meetings.",
}


def post_new(client, **changes):
    return client.post("/partnerships/northmere/statements/new/", {**NEW, **changes})


def test_a_scrutineer_writes_one_and_a_second_of_the_same_months_is_refused(client, personas):
    client.force_login(personas["scrutineer"])
    response = post_new(client)
    statement = YearlyStatement.objects.get()
    assert response.status_code == 302 and response["Location"] == statement.get_absolute_url()
    assert (statement.period_start, statement.period_end) == (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    assert statement.history.get().history_user == personas["scrutineer"]
    again = post_new(client, overall_statement="A second one.")
    assert again.status_code == 200
    assert errors_of(again)["period_start"] == [
        "Yearly statement, April 2025 to March 2026 exists already: open it from the list"
    ]
    assert "A second one." in again.content.decode()
    assert YearlyStatement.objects.count() == 1


def test_a_stale_edit_is_refused_and_keeps_the_persons_text(client, personas):
    client.force_login(personas["scrutineer"])
    post_new(client)
    statement = YearlyStatement.objects.get()
    edit = f"{statement.get_absolute_url()}edit/"
    client.post(edit, {"version": "0", "overall_statement": "A colleague's words.", "methods": ""})
    response = client.post(edit, {"version": "0", "overall_statement": "Mine, written meanwhile.", "methods": ""})
    assert response.status_code == 200 and "Mine, written meanwhile." in response.content.decode()
    statement.refresh_from_db()
    assert statement.overall_statement == "A colleague's words." and statement.version == 1


def test_markup_is_text_on_the_statement_page(client, personas):
    client.force_login(personas["scrutineer"])
    post_new(client, overall_statement="<script>alert(1)</script> words")
    page = client.get(YearlyStatement.objects.get().get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; words" in page


def test_the_final_is_signed_off_by_the_three_partners_and_a_new_version_supersedes_it(personas, partners):
    scrutineer = as_member(personas["scrutineer"])
    statement = YearlyStatement.objects.create(
        partnership=scrutineer.partnership,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        created_by=scrutineer.user,
    )
    first, _ = request_report(membership=scrutineer, statement=statement, kind=Report.Kind.FINAL)
    build_report(first.pk)  # here, whether or not a worker on Redis would take it
    first.refresh_from_db()
    assert first.status == Report.Status.READY and first.number == 1
    sign_off.offer_for_sign_off(membership=scrutineer, report=first)
    for partner in partners.values():
        sign_off.decide(membership=partner.membership, report=first, decision="signed")
    first.refresh_from_db()
    assert first.sign_off_state == Report.SignOffState.SIGNED_OFF

    second, _ = request_report(membership=scrutineer, statement=statement, kind=Report.Kind.FINAL)
    build_report(second.pk)
    second.refresh_from_db()
    assert second.number == 2 and first.superseded_by == second
    assert sign_off.offer_refusal(second) == ""
    with pytest.raises(sign_off.SignOffRefused):
        sign_off.offer_for_sign_off(membership=scrutineer, report=first)
