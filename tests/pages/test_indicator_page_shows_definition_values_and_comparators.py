"""An indicator's page: its definition, unit, direction, source and recommendations; its target; the
partnership's own values newest first, each a number or a suppression code with what the code means, with
numerator, denominator, note and who entered it; then England's and the region's values, imported beside them.
Another partnership's own indicator is 404 here, as every object of another partnership is."""

import pytest

from indicators.models import Area
from tests.support import indicator_world

BASE = "/partnerships/northmere/indicators"


@pytest.fixture
def sarc(partnership, personas):
    lead = personas["lead"]
    indicator = indicator_world.own_indicator(partnership, lead)
    indicator_world.value(partnership, indicator, lead, "2023-24", 50, numerator=1204, denominator=2408, note="Q4 late")
    indicator_world.value(partnership, indicator, personas["contributor"], "2024-25", suppressed="c")
    indicator_world.value(partnership, indicator, lead, "2024-25", 62, area=Area.ENGLAND, area_name="England")
    indicator_world.value(partnership, indicator, lead, "2024-25", 58, area=Area.REGION, area_name="North West")
    indicator_world.target(partnership, indicator, lead, 75, "2026-27")
    return indicator


def test_the_page_shows_the_definition_and_the_values_own_first(client, personas, sarc):
    client.force_login(personas["lead"])
    html = client.get(f"{BASE}/{sarc.pk}/").content.decode()
    for text in (
        "Children referred within 72 hours",
        "Percentage",
        "Higher is better",
        "Sexual assault referral centre records",
        "R6:",
        "75% by 2026-27",
        "The partnership's own",
    ):
        assert text in html, text
    own = html.index("the partnership's own values")
    comparators = html.index("England's and the region's values")
    assert own < comparators
    assert html.index("2024-25", own) < html.index("2023-24", own)  # newest first
    assert "c: suppressed to protect confidentiality" in html[own:comparators]
    assert "1,204" in html and "2,408" in html and "Q4 late" in html
    assert "North West" in html[comparators:] and "62%" in html[comparators:]
    assert html.count("/values/") >= 3  # "Add a value" and a change link per own value, none for comparators
    assert f"{BASE}/{sarc.pk}/edit/" in html and f"{BASE}/{sarc.pk}/target/" in html


def test_a_suggested_indicator_offers_no_change_to_its_definition(client, personas, partnership):
    suggested = indicator_world.suggested_indicator(partnership, "I-R6-HEALTH-PRESENT")
    client.force_login(personas["scrutineer"])
    html = client.get(f"{BASE}/{suggested.pk}/").content.decode()
    assert "Suggested by this service (not the Panel's)" in html
    assert f"{BASE}/{suggested.pk}/edit/" not in html
    assert "/values/new/" not in html  # scrutineers do not enter values
    assert client.get(f"{BASE}/{suggested.pk}/edit/").status_code == 404


def test_another_partnerships_own_indicator_is_404(client, personas, other_partnership):
    theirs = indicator_world.own_indicator(other_partnership, personas["outsider"], code="CB-1")
    client.force_login(personas["lead"])
    for page in ("", "edit/", "values/new/", "target/"):
        assert client.get(f"{BASE}/{theirs.pk}/{page}").status_code == 404, page
