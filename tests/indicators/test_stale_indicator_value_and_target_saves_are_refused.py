"""A save from a form opened before a colleague's save is refused, writing nothing, with a message naming who
changed what; the person's own text is kept and the form now carries the newer version (common/versioning.py).
The indicator, a value and the target each refuse so; saving again is then deliberate and goes through."""

from decimal import Decimal

import pytest

from indicators import values as service
from tests.support import indicator_world
from tests.support.builders import as_member, errors_of

BASE = "/partnerships/northmere/indicators"


@pytest.fixture
def sarc(partnership, personas):
    return indicator_world.own_indicator(partnership, personas["lead"])


def test_a_stale_indicator_save_is_refused(client, sarc, personas, partnership):
    fields = indicator_world.indicator_form_data(code=sarc.code, name="Renamed by the scrutineer")
    service.update_indicator(
        membership=as_member(personas["scrutineer"]),
        indicator=sarc,
        seen_version=0,
        **fields | {"recommendations": list(partnership.framework.recommendations.filter(code="R3"))},
    )
    client.force_login(personas["lead"])
    url = f"{BASE}/{sarc.pk}/edit/"
    stale = indicator_world.indicator_form_data(code=sarc.code, name="The lead's name", version="0")
    before = indicator_world.snapshot()
    response = client.post(url, stale)
    assert response.status_code == 200
    [message] = errors_of(response)["__all__"]
    assert message.startswith("scrutineer changed") and "name" in message and "nothing was saved" in message
    assert indicator_world.snapshot() == before
    assert response.context["form"].data["version"] == 1
    assert client.post(url, stale | {"version": "1"}).status_code == 302
    sarc.refresh_from_db()
    assert sarc.name == "The lead's name"


def test_a_stale_value_save_is_refused(client, sarc, personas, partnership):
    value = indicator_world.value(partnership, sarc, personas["lead"], "2024-25", 60)
    service.change_value(
        membership=as_member(personas["contributor"]), record=value, seen_version=0, period="2024-25", value=Decimal(61)
    )
    client.force_login(personas["lead"])
    before = indicator_world.snapshot()
    response = client.post(
        f"{BASE}/{sarc.pk}/values/{value.pk}/edit/",
        indicator_world.value_form_data(period="2024-25", value="65", version="0"),
    )
    assert errors_of(response)["__all__"][0].startswith("contributor changed entered by and value")
    assert indicator_world.snapshot() == before


def test_a_stale_target_save_or_removal_is_refused(client, sarc, personas, partnership):
    client.force_login(personas["lead"])
    url = f"{BASE}/{sarc.pk}/target/"
    # Opened with no target; a colleague sets one meanwhile.
    indicator_world.target(partnership, sarc, personas["lead"], 70)
    before = indicator_world.snapshot()
    response = client.post(url, {"value": "80", "by_period": ""})
    assert "after you opened it" in errors_of(response)["__all__"][0]
    response = client.post(url, {"value": "80", "by_period": "", "version": "0"})
    assert response.status_code == 302
    before = indicator_world.snapshot()
    response = client.post(url, {"remove": "1", "version": "0"})  # opened before the change to 80
    assert response.status_code == 200
    assert "after you opened it" in errors_of(response)["__all__"][0]
    assert indicator_world.snapshot() == before
    assert sarc.targets.get().value == 80
