"""The indicator pages against every persona (see tests/support/permission_table.py).

Scrutineers, partnership managers and contributors read the indicators, their values and targets; viewers do
not (403), as they do not read the evidence. Scrutineers and partnership managers add and change the
partnership's own indicators; a suggested indicator's edit page is 404 to them (there is no indicator of the
partnership's own by that id). Values are entered by partnership managers, and by contributors whose agency's
type the indicator names (Northmere Health for NM-R6-SARC; nobody's for I-R5-CONFIDENT). Only the partnership's
own area's values are changed by hand: a comparator's edit page is 404. Targets are set by partnership managers.
Anyone without a role in Northmere, and every indicator or value of the other partnership under Northmere's
slug, gets 404. Refused posts change nothing.
"""

import pytest

from indicators.models import Area
from tests.support import indicator_world
from tests.support.permission_table import Row, cases, check

N = "/partnerships/northmere/indicators"
C = "/partnerships/castlebrook/indicators"

READ = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 403}
READ_ONLY_POSTED = {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 403}
MANAGE_GET = {"scrutineer": 200, "lead": 200, "contributor": 403, "viewer": 403}
MANAGE_POST = {"scrutineer": 302, "lead": 302, "contributor": 403, "viewer": 403}
SUGGESTED_EDIT = {"scrutineer": 404, "lead": 404, "contributor": 403, "viewer": 403}
HEALTH_VALUES_GET = {"scrutineer": 403, "lead": 200, "contributor": 200, "viewer": 403}
HEALTH_VALUES_POST = {"scrutineer": 403, "lead": 302, "contributor": 302, "viewer": 403}
NOBODYS_VALUES_GET = {"scrutineer": 403, "lead": 200, "contributor": 403, "viewer": 403}
NOBODYS_VALUES_POST = {"scrutineer": 403, "lead": 302, "contributor": 403, "viewer": 403}
NO_SUCH_VALUE = {"scrutineer": 404, "lead": 404, "contributor": 404, "viewer": 403}
TARGET_GET = {"scrutineer": 403, "lead": 200, "contributor": 403, "viewer": 403}
TARGET_POST = {"scrutineer": 403, "lead": 302, "contributor": 403, "viewer": 403}
NOT_OURS_TO_MANAGE = {"contributor": 403, "viewer": 403}  # refused by role before the id is looked at

INDICATOR = indicator_world.indicator_form_data()
INDICATOR_EDIT = indicator_world.indicator_form_data(code="NM-R6-SARC", version="0")
VALUE = indicator_world.value_form_data()
VALUE_EDIT = indicator_world.value_form_data(period="2024-25", value="71", version="0")
TARGET = {"value": "80", "by_period": "2026-27", "version": "0"}
REMOVE_TARGET = {"remove": "1", "version": "0"}

ROWS = [
    Row(f"{N}/", READ),
    Row(f"{N}/", READ_ONLY_POSTED, method="post", data=INDICATOR),
    Row(f"{C}/", {"outsider": 200}),
    Row(f"{N}/new/", MANAGE_GET),
    Row(f"{N}/new/", MANAGE_POST, method="post", data=INDICATOR),
    Row(f"{N}/{{own}}/", READ),
    Row(f"{N}/{{own}}/", READ_ONLY_POSTED, method="post", data=INDICATOR_EDIT),
    Row(f"{N}/{{health_present}}/", READ),
    Row(f"{N}/{{own}}/edit/", MANAGE_GET),
    Row(f"{N}/{{own}}/edit/", MANAGE_POST, method="post", data=INDICATOR_EDIT),
    Row(f"{N}/{{health_present}}/edit/", SUGGESTED_EDIT),
    Row(f"{N}/{{health_present}}/edit/", SUGGESTED_EDIT, method="post", data=INDICATOR_EDIT),
    Row(f"{N}/{{own}}/values/new/", HEALTH_VALUES_GET),
    Row(f"{N}/{{own}}/values/new/", HEALTH_VALUES_POST, method="post", data=VALUE),
    Row(f"{N}/{{health_present}}/values/new/", HEALTH_VALUES_POST, method="post", data=VALUE),
    Row(f"{N}/{{confident}}/values/new/", NOBODYS_VALUES_GET),
    Row(f"{N}/{{confident}}/values/new/", NOBODYS_VALUES_POST, method="post", data=VALUE),
    Row(f"{N}/{{own}}/values/{{own_value}}/edit/", HEALTH_VALUES_GET),
    Row(f"{N}/{{own}}/values/{{own_value}}/edit/", HEALTH_VALUES_POST, method="post", data=VALUE_EDIT),
    Row(f"{N}/{{own}}/values/{{england_value}}/edit/", NO_SUCH_VALUE),
    Row(f"{N}/{{own}}/values/{{england_value}}/edit/", NO_SUCH_VALUE, method="post", data=VALUE_EDIT),
    Row(f"{N}/{{own}}/target/", TARGET_GET),
    Row(f"{N}/{{own}}/target/", TARGET_POST, method="post", data=TARGET),
    Row(f"{N}/{{own}}/target/", TARGET_POST, method="post", data=REMOVE_TARGET),
    Row(f"{N}/{{health_present}}/target/", TARGET_POST, method="post", data=TARGET),
    # Another partnership's indicator and value under this slug, and this one's under the outsider's slug: 404.
    Row(f"{C}/{{other_own}}/", {"outsider": 200}),
    Row(f"{C}/{{health_present}}/", {"outsider": 200}),
    Row(f"{N}/{{other_own}}/", {"viewer": 403}),
    Row(f"{N}/{{other_own}}/edit/", NOT_OURS_TO_MANAGE),
    Row(f"{N}/{{other_own}}/edit/", NOT_OURS_TO_MANAGE, method="post", data=INDICATOR_EDIT),
    Row(f"{N}/{{other_own}}/values/new/", {"viewer": 403}, method="post", data=VALUE),
    Row(
        f"{N}/{{other_own}}/target/", {"scrutineer": 403, "contributor": 403, "viewer": 403}, method="post", data=TARGET
    ),
    Row(f"{N}/{{health_present}}/values/{{other_value}}/edit/", {"viewer": 403}, method="post", data=VALUE_EDIT),
    Row(f"{C}/{{own}}/", {}),
    Row(f"{C}/{{own}}/values/new/", {}, method="post", data=VALUE),
    Row(f"{C}/{{own}}/values/{{own_value}}/edit/", {}, method="post", data=VALUE_EDIT),
    Row(f"{C}/{{own}}/target/", {}, method="post", data=TARGET),
]


@pytest.fixture(scope="module")
def shared(shared):
    """The module's world plus Northmere's own indicator (Northmere Health enters its values) with a value of
    2024-25, England's value of it and a target; two suggested indicators; the other partnership's own
    indicator, and its value of a suggested one."""
    world, personas = shared["world"], shared["personas"]
    partnership, other = shared["partnership"], shared["other_partnership"]
    lead, outsider = personas["lead"], personas["outsider"]
    own = indicator_world.own_indicator(partnership, lead)
    health_present = indicator_world.suggested_indicator(partnership, "I-R6-HEALTH-PRESENT")
    other_own = indicator_world.own_indicator(other, outsider, code="CB-R6-SARC")
    indicator_world.target(partnership, own, lead, 75)
    return shared | {
        "world": world
        | {
            "own": own,
            "health_present": health_present,
            "confident": indicator_world.suggested_indicator(partnership, "I-R5-CONFIDENT"),
            "other_own": other_own,
            "own_value": indicator_world.value(partnership, own, lead, "2024-25", 68),
            "england_value": indicator_world.value(
                partnership, own, lead, "2024-25", 62, area=Area.ENGLAND, area_name="England"
            ),
            "other_value": indicator_world.value(other, health_present, outsider, "2024-25", 50),
        }
    }


@pytest.mark.parametrize(**cases(ROWS))
def test_indicators(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
