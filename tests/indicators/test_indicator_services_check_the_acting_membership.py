"""Each service of indicators/values.py checks the acting membership by the permission its view declares, and
that what it changes is of the membership's partnership, before it writes: PermissionDenied and nothing written
for a role without the permission, for a member of another partnership, for a suggested indicator (fixed), and
for a comparator value (imported, never changed by hand)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from indicators import values as service
from indicators.models import Area
from tests.support import indicator_world
from tests.support.builders import as_member


@pytest.fixture
def sarc(partnership, personas):
    return indicator_world.own_indicator(partnership, personas["lead"])


def _recommendations(partnership, *codes):
    return list(partnership.framework.recommendations.filter(code__in=codes))


def calls(partnership, sarc, personas):
    """Each service with arguments that would succeed for a membership allowed to make the call."""
    lead = personas["lead"]
    value = indicator_world.value(partnership, sarc, lead, "2024-25", 60)
    fields = indicator_world.indicator_form_data() | {"recommendations": _recommendations(partnership, "R3")}
    figures = {"value": Decimal(70), "suppressed": "", "numerator": None, "denominator": None, "note": ""}
    return {
        "create_indicator": lambda m: service.create_indicator(membership=m, **fields),
        "update_indicator": lambda m: service.update_indicator(
            membership=m, indicator=sarc, seen_version=0, **fields | {"code": "NM-R6-SARC"}
        ),
        "record_value": lambda m: service.record_value(membership=m, indicator=sarc, period="2025-26", **figures),
        "change_value": lambda m: service.change_value(
            membership=m, record=value, seen_version=0, period="2024-25", **figures
        ),
        "set_target": lambda m: service.set_target(membership=m, indicator=sarc, value=Decimal(80), seen_version=0),
        "clear_target": lambda m: service.clear_target(membership=m, indicator=sarc, seen_version=0),
    }


REFUSED = {
    "create_indicator": ["contributor", "viewer"],  # the outsider may: in their own partnership
    "update_indicator": ["contributor", "viewer", "outsider"],
    "record_value": ["scrutineer", "viewer", "outsider"],
    "change_value": ["scrutineer", "viewer", "outsider"],
    "set_target": ["scrutineer", "contributor", "viewer", "outsider"],
    "clear_target": ["scrutineer", "contributor", "viewer", "outsider"],
}
CASES = [(name, persona) for name, personas in REFUSED.items() for persona in personas]


@pytest.mark.parametrize(("name", "persona"), CASES, ids=[f"{n}:{p}" for n, p in CASES])
def test_a_membership_without_the_permission_is_refused_and_nothing_is_written(
    partnership, sarc, personas, name, persona
):
    call = calls(partnership, sarc, personas)[name]
    if name in ("set_target", "clear_target"):
        indicator_world.target(partnership, sarc, personas["lead"], 75)
    before = indicator_world.snapshot()
    with pytest.raises(PermissionDenied):
        call(as_member(personas[persona]))
    assert indicator_world.snapshot() == before


def test_a_suggested_indicator_cannot_be_changed(partnership, personas):
    suggested = indicator_world.suggested_indicator(partnership, "I-R6-HEALTH-PRESENT")
    fields = indicator_world.indicator_form_data(code=suggested.code) | {
        "recommendations": _recommendations(partnership, "R6")
    }
    before = indicator_world.snapshot()
    with pytest.raises(PermissionDenied):
        service.update_indicator(
            membership=as_member(personas["scrutineer"]), indicator=suggested, seen_version=0, **fields
        )
    assert indicator_world.snapshot() == before


def test_a_comparator_is_not_changed_by_hand(partnership, sarc, personas):
    england = indicator_world.value(partnership, sarc, personas["lead"], "2024-25", 55, area=Area.ENGLAND)
    before = indicator_world.snapshot()
    with pytest.raises(PermissionDenied):
        service.change_value(
            membership=as_member(personas["lead"]), record=england, seen_version=0, period="2024-25", value=Decimal(1)
        )
    assert indicator_world.snapshot() == before


def test_another_partnerships_own_indicator_takes_no_values_or_target(other_partnership, personas):
    theirs = indicator_world.own_indicator(other_partnership, personas["outsider"], code="CB-1")
    lead = as_member(personas["lead"])
    before = indicator_world.snapshot()
    with pytest.raises(PermissionDenied):
        service.record_value(membership=lead, indicator=theirs, period="2025-26", value=Decimal(5))
    with pytest.raises(PermissionDenied):
        service.set_target(membership=lead, indicator=theirs, value=Decimal(5))
    assert indicator_world.snapshot() == before


@pytest.mark.parametrize("persona", ["scrutineer", "lead"])
def test_the_allowed_roles_succeed(partnership, sarc, personas, persona):
    indicator_world.target(partnership, sarc, personas["lead"], 75)
    allowed = {
        "scrutineer": ["create_indicator", "update_indicator"],
        "lead": ["create_indicator", "update_indicator", "record_value", "change_value", "clear_target", "set_target"],
    }[persona]
    every = calls(partnership, sarc, personas)
    for name in allowed:
        every[name](as_member(personas[persona]))
