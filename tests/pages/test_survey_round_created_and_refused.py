"""A partnership manager opens a survey round from its form: it lands on the round's page, where each agency's
link is shown in full to copy. Bad input is refused on its field and nothing is saved: the dates out of order, a
closing date in the past, no agency, an unknown template, no title. Contributors and viewers cannot open one."""

import pytest

from surveys.models import SurveyLink, SurveyRound
from tests.support.audit_world import police_agency
from tests.support.builders import errors_of, in_days

URL = "/partnerships/northmere/surveys/new/"


def _date(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def round_data(taking_part, **overrides):
    data = {
        "title": "Practitioners' voice: spring",
        "template": "PRACTITIONER-VOICE",
        **_date("opens_on", in_days(0)),
        **_date("closes_on", in_days(28)),
        "agencies": [agency.pk for agency in taking_part],
    }
    data.update(overrides)
    return data


def test_a_lead_opens_a_round_and_sees_its_links(client, personas, partnership, health_agency):
    police = police_agency(partnership)
    client.force_login(personas["lead"])
    page = client.get(URL).content.decode()
    assert "Suggested by this service (not the Panel" in page
    response = client.post(URL, round_data([health_agency, police]))
    made = SurveyRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/partnerships/northmere/surveys/{made.pk}/#links"
    page = client.get(response["Location"]).content.decode()
    for link in SurveyLink.objects.filter(round=made):
        assert f'value="http://testserver/answer/{link.token}/"' in page
    assert "Link for Northmere Police" in page and "Link for Northmere Health" in page


BAD = [
    ({**_date("opens_on", in_days(10)), **_date("closes_on", in_days(5))}, "closes_on", "The closing date must be"),
    ({**_date("opens_on", in_days(-10)), **_date("closes_on", in_days(-1))}, "closes_on", "The closing date must be"),
    ({"agencies": []}, "agencies", "Select at least one agency taking part"),
    ({"template": "NOT-A-TEMPLATE"}, "template", "Select one of the survey templates listed"),
    ({"title": ""}, "title", "Enter a title for the round"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=["order", "past", "agencies", "template", "title"])
def test_bad_input_is_refused_on_its_field(client, personas, health_agency, change, field, message):
    client.force_login(personas["scrutineer"])
    response = client.post(URL, round_data([health_agency], **change))
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors_of(response).get(field, [])), errors_of(response)
    assert not SurveyRound.objects.exists()
    assert not SurveyLink.objects.exists()


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_only_those_who_run_surveys_open_one(client, personas, health_agency, persona):
    client.force_login(personas[persona])
    assert client.get(URL).status_code == 403
    assert client.post(URL, round_data([health_agency])).status_code == 403
    assert not SurveyRound.objects.exists()
