"""The site admin lists and opens indicators, values and targets; it adds none (the pages and the import do,
checking every rule), a suggested indicator is read only there (the framework file is its source), and a
correction bumps the record's version so that a member's form opened before it is refused."""

import pytest
from django.contrib.auth import get_user_model

from tests.support import indicator_world


@pytest.fixture
def admin_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("site-admin", "admin@example.org", "x"))
    return client


def test_the_lists_and_pages_open_and_nothing_is_added_there(admin_client, partnership, personas):
    lead = personas["lead"]
    own = indicator_world.own_indicator(partnership, lead)
    value = indicator_world.value(partnership, own, lead, "2024-25", 60)
    target = indicator_world.target(partnership, own, lead, 70)
    for model, pk in (("indicator", own.pk), ("value", value.pk), ("target", target.pk)):
        assert admin_client.get(f"/admin/indicators/{model}/").status_code == 200
        assert admin_client.get(f"/admin/indicators/{model}/{pk}/change/").status_code == 200
        assert admin_client.get(f"/admin/indicators/{model}/{pk}/history/").status_code == 200
        assert admin_client.get(f"/admin/indicators/{model}/add/").status_code == 403


def test_a_suggested_indicator_is_read_only(admin_client, partnership):
    suggested = indicator_world.suggested_indicator(partnership, "I-R6-HEALTH-PRESENT")
    html = admin_client.get(f"/admin/indicators/indicator/{suggested.pk}/change/").content.decode()
    assert 'name="name"' not in html and 'name="definition"' not in html


def test_a_correction_bumps_the_version(admin_client, partnership, personas):
    own = indicator_world.own_indicator(partnership, personas["lead"])
    value = indicator_world.value(partnership, own, personas["lead"], "2024-25", 60)
    data = {
        "area": "local",
        "area_code": "",
        "area_name": "",
        "value": "61",
        "suppressed": "",
        "numerator": "",
        "denominator": "",
        "note": "Corrected from the audit",
    }
    response = admin_client.post(f"/admin/indicators/value/{value.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    value.refresh_from_db()
    assert (value.value, value.version) == (61, 1)
