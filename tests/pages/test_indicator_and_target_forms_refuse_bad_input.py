"""An indicator of the partnership's own and a target are refused, with a message on the field and the database
unchanged, for every bad input: no recommendation, a code the partnership records already (its own or a
suggested one), a code of the wrong shape, a missing name; a target beyond the unit's range, or a "to reach by"
that is not a period."""

import pytest

from tests.support import indicator_world
from tests.support.builders import errors_of

BASE = "/partnerships/northmere/indicators"

BAD_INDICATORS = [
    ({"recommendations": []}, "recommendations", "Select at least one recommendation the indicator measures"),
    ({"code": "NM-R6-SARC"}, "code", "The partnership records an indicator with the code NM-R6-SARC already"),
    ({"code": "i-r6-health-present"}, "code", "The partnership records an indicator with the code"),
    ({"code": "NM R6 <b>"}, "code", "The code can use only letters, numbers"),
    ({"name": "  "}, "name", "Enter the indicator's name"),
    ({"unit": "furlongs"}, "unit", "Select the indicator's unit"),
    ({"recommendations": ["R99"]}, "recommendations", "Select only this partnership's framework's recommendations"),
    ({"agency_types": ["spies"]}, "agency_types", "Select only the kinds of agency listed"),
]


@pytest.fixture
def sarc(partnership, personas):
    return indicator_world.own_indicator(partnership, personas["lead"])


@pytest.mark.parametrize(("change", "field", "message"), BAD_INDICATORS, ids=[f for _, f, _ in BAD_INDICATORS])
@pytest.mark.parametrize("page", ["new", "edit"])
def test_a_bad_indicator_is_refused_and_nothing_changes(client, personas, sarc, page, change, field, message):
    client.force_login(personas["scrutineer"])
    before = indicator_world.snapshot()
    if page == "new":
        url, data = f"{BASE}/new/", indicator_world.indicator_form_data(**change)
    else:
        other = indicator_world.own_indicator(sarc.partnership, personas["lead"], code="NM-OTHER")
        before = indicator_world.snapshot()
        url, data = f"{BASE}/{other.pk}/edit/", indicator_world.indicator_form_data(version="0", **change)
    response = client.post(url, data)
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors_of(response)[field]), errors_of(response)
    assert indicator_world.snapshot() == before


BAD_TARGETS = [
    ({"value": "101"}, "value", "The target cannot be more than 100 for a percentage"),
    ({"value": "-5"}, "value", "The target cannot be negative"),
    ({"value": ""}, "value", "Enter the target value"),
    ({"by_period": "soon"}, "by_period", "'soon' is not a period"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_TARGETS, ids=[f"{f}:{c}" for c, f, _ in BAD_TARGETS])
def test_a_bad_target_is_refused_and_nothing_changes(client, personas, sarc, change, field, message):
    client.force_login(personas["lead"])
    before = indicator_world.snapshot()
    response = client.post(f"{BASE}/{sarc.pk}/target/", {"value": "80", "by_period": "2026-27"} | change)
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors_of(response)[field]), errors_of(response)
    assert indicator_world.snapshot() == before


def test_a_target_is_set_changed_and_removed(client, personas, sarc):
    client.force_login(personas["lead"])
    url = f"{BASE}/{sarc.pk}/target/"
    assert client.post(url, {"value": "80", "by_period": "2026/27"}).status_code == 302
    target = sarc.targets.get()
    assert (target.value, target.by_period, target.set_by) == (80, "2026-27", personas["lead"])
    assert client.post(url, {"value": "85", "by_period": "", "version": "0"}).status_code == 302
    target.refresh_from_db()
    assert (target.value, target.by_period, target.version) == (85, "", 1)
    assert client.post(url, {"remove": "1", "version": "1"}).status_code == 302
    assert not sarc.targets.exists()


def test_a_new_indicator_is_the_partnerships_own_with_its_recommendations(client, personas, partnership):
    client.force_login(personas["lead"])
    data = indicator_world.indicator_form_data(recommendations=["R3", "R6"], agency_types=["police", "health"])
    response = client.post(f"{BASE}/new/", data)
    indicator = partnership.own_indicators.get(code="NM-R3-REFERRALS")
    assert response["Location"] == f"{BASE}/{indicator.pk}/"
    assert sorted(r.code for r in indicator.recommendations.all()) == ["R3", "R6"]
    assert indicator.agency_types == ["police", "health"]  # in the vocabulary's order
    assert (indicator.framework, indicator.created_by) == (partnership.framework, personas["lead"])
