"""Every change made through the indicator services is in the history, by the acting person: an indicator and
its recommendations as one record per save, each value entered or changed (with who entered it), a target set,
changed and removed. A save that changes nothing records nothing."""

from decimal import Decimal

import pytest

from common.history import history_entries
from indicators import values as service
from indicators.models import Target
from tests.support import indicator_world
from tests.support.builders import as_member


def _fields(partnership, **changes):
    data = indicator_world.indicator_form_data(**changes)
    codes = data.pop("recommendations")
    return data | {"recommendations": list(partnership.framework.recommendations.filter(code__in=codes))}


def test_an_indicator_and_its_recommendations_are_one_record_per_save(partnership, personas):
    scrutineer = as_member(personas["scrutineer"])
    indicator = service.create_indicator(membership=scrutineer, **_fields(partnership))
    assert indicator.history.count() == 1
    lead = as_member(personas["lead"])
    fields = _fields(partnership, recommendations=["R3", "R4"])
    assert service.update_indicator(membership=lead, indicator=indicator, seen_version=0, **fields)
    assert not service.update_indicator(membership=lead, indicator=indicator, seen_version=1, **fields)
    changed, created = history_entries(indicator)
    assert (created.what, created.who) == ("Created", "scrutineer")
    assert changed.who == "lead"
    [change] = changed.changes
    assert change.field == "Recommendations" and "R4" in change.new and "R4" not in change.old


@pytest.fixture
def sarc(partnership, personas):
    return indicator_world.own_indicator(partnership, personas["lead"])


def test_a_value_entered_and_changed_is_in_its_history(sarc, personas):
    value = service.record_value(
        membership=as_member(personas["lead"]), indicator=sarc, period="2024-25", value=Decimal(60)
    )
    contributor = as_member(personas["contributor"])
    service.change_value(membership=contributor, record=value, seen_version=0, period="2024-25", value=Decimal(62))
    assert not service.change_value(
        membership=contributor, record=value, seen_version=1, period="2024-25", value=Decimal(62)
    )
    value.refresh_from_db()
    assert value.entered_by == personas["contributor"]
    changed, created = history_entries(value)
    assert (created.who, changed.who) == ("lead", "contributor")
    assert {c.field: (c.old, c.new) for c in changed.changes}["Value"] == ("60.000", "62.000")


def test_a_target_set_changed_and_removed_is_in_its_history(sarc, personas):
    lead = as_member(personas["lead"])
    service.set_target(membership=lead, indicator=sarc, value=Decimal(70), by_period="2026-27")
    service.set_target(membership=lead, indicator=sarc, value=Decimal(75), by_period="2026-27", seen_version=0)
    service.clear_target(membership=lead, indicator=sarc, seen_version=1)
    records = list(Target.history.filter(indicator=sarc).order_by("history_id"))
    assert [r.history_type for r in records] == ["+", "~", "-"]
    assert [r.value for r in records] == [70, 75, 75]
    assert {r.history_user for r in records} == {personas["lead"]}
