"""A contributor enters and changes values only of the indicators that name their agency's type (Northmere
Health's contributor: an indicator for health, not one for the police or for nobody); the partnership manager
enters values of every indicator. The pages offer "Add a value" and "Change" only where the person may use them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from indicators import values as service
from recommendations.models import AgencyType
from tests.support import indicator_world
from tests.support.builders import as_member

BASE = "/partnerships/northmere/indicators"


@pytest.fixture
def indicators(partnership, personas):
    lead = personas["lead"]
    return {
        "health": indicator_world.own_indicator(partnership, lead, code="NM-HEALTH", agency_types=[AgencyType.HEALTH]),
        "police": indicator_world.own_indicator(partnership, lead, code="NM-POLICE", agency_types=[AgencyType.POLICE]),
        "nobody": indicator_world.own_indicator(partnership, lead, code="NM-NOBODY", agency_types=[]),
    }


def test_the_contributor_records_values_of_their_agency_types_indicator_only(indicators, personas):
    contributor = as_member(personas["contributor"])
    saved = service.record_value(
        membership=contributor, indicator=indicators["health"], period="2025-26", value=Decimal(40)
    )
    assert saved.entered_by == personas["contributor"]
    for kind in ("police", "nobody"):
        with pytest.raises(PermissionDenied):
            service.record_value(membership=contributor, indicator=indicators[kind], period="2025-26", value=Decimal(4))
    assert not indicators["police"].values.exists() and not indicators["nobody"].values.exists()


def test_the_contributor_changes_values_of_their_agency_types_indicator_only(indicators, personas, partnership):
    lead = personas["lead"]
    health = indicator_world.value(partnership, indicators["health"], lead, "2024-25", 30)
    police = indicator_world.value(partnership, indicators["police"], lead, "2024-25", 30)
    contributor = as_member(personas["contributor"])
    service.change_value(membership=contributor, record=health, seen_version=0, period="2024-25", value=Decimal(31))
    with pytest.raises(PermissionDenied):
        service.change_value(membership=contributor, record=police, seen_version=0, period="2024-25", value=Decimal(31))
    police.refresh_from_db()
    assert police.value == 30


def test_the_partnership_manager_records_values_of_every_indicator(indicators, personas):
    for indicator in indicators.values():
        service.record_value(membership=as_member(personas["lead"]), indicator=indicator, period="2025", value=1)
        assert indicator.values.count() == 1


def test_the_pages_offer_value_entry_only_where_the_contributor_may(client, indicators, personas, partnership):
    indicator_world.value(partnership, indicators["police"], personas["lead"], "2024-25", 30)
    client.force_login(personas["contributor"])
    health = client.get(f"{BASE}/{indicators['health'].pk}/").content.decode()
    police = client.get(f"{BASE}/{indicators['police'].pk}/").content.decode()
    assert f"{BASE}/{indicators['health'].pk}/values/new/" in health
    assert "/values/new/" not in police and "/edit/" not in police
    assert "Partnership managers and contributors of police" in police
    assert client.get(f"{BASE}/{indicators['police'].pk}/values/new/").status_code == 403
