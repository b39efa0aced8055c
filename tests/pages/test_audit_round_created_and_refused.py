"""A partnership manager starts an audit round from its form; bad input is refused on its field and nothing is
saved: the period out of order, a due date before the period ends, no agency, another tool's code, an NHS number
in the title (the identifier check asks first). Contributors and viewers cannot start one (403)."""

import pytest

from case_audits.models import AuditRound
from tests.support.audit_world import police_agency
from tests.support.builders import errors_of, in_days

URL = "/partnerships/northmere/audits/new/"


def _date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def round_data(taking_part, **overrides):
    data = {
        "title": "Intrafamilial sexual abuse audit",
        "theme": "How agencies respond to sexual abuse in the family.",
        "tool": "CSA-FAMILY-MACA",
        **_date("period_start", in_days(-365)),
        **_date("period_end", in_days(-180)),
        **_date("due_date", in_days(30)),
        "agencies": [agency.pk for agency in taking_part],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_lead_starts_a_round_with_two_agencies(client, personas, partnership, health_agency):
    police = police_agency(partnership)
    client.force_login(personas["lead"])
    page = client.get(URL).content.decode()
    assert "Suggested by this service (not the Panel" in page
    assert "For a sample of cases where child sexual abuse" in page  # the tool's description
    response = client.post(URL, round_data([health_agency, police]))
    made = AuditRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/partnerships/northmere/audits/{made.pk}/"
    assert set(made.agencies.all()) == {health_agency, police}
    assert made.tool.code == "CSA-FAMILY-MACA"
    assert made.created_by == personas["lead"]
    assert made.history.get().history_user == personas["lead"]


BAD = [
    ({**_date("period_end", in_days(-400))}, "period_end", "The end of the period must be the same as or after"),
    ({**_date("due_date", in_days(-200))}, "due_date", "The date returns are due must be the same as or after"),
    ({"agencies": []}, "agencies", "Select at least one agency taking part"),
    ({"tool": "NOT-A-TOOL"}, "tool", "Select one of the audit tools listed"),
    ({"title": ""}, "title", "Enter a title for the round"),
    ({"title": "Audit of 943 476 5919"}, "identifier_confirmed", "Remove what could identify a child or family"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[field for _, field, _ in BAD])
def test_bad_input_is_refused_on_its_field(client, personas, health_agency, change, field, message):
    client.force_login(personas["scrutineer"])
    response = client.post(URL, round_data([health_agency], **change))
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors_of(response).get(field, [])), errors_of(response)
    assert not AuditRound.objects.exists()


def test_another_partnerships_agency_is_refused(client, personas, other_partnership, health_agency):
    from partnerships.models import Agency

    theirs = Agency.objects.create(partnership=other_partnership, name="Castlebrook Police", type="police")
    client.force_login(personas["lead"])
    response = client.post(URL, round_data([theirs]))
    assert errors_of(response)["agencies"] == ["Select only the agencies listed"]
    assert not AuditRound.objects.exists()


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_only_those_who_run_audits_start_one(client, personas, health_agency, persona):
    client.force_login(personas[persona])
    assert client.get(URL).status_code == 403
    assert client.post(URL, round_data([health_agency])).status_code == 403
    assert not AuditRound.objects.exists()
