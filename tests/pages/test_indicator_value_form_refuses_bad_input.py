"""Every bad value is refused on the form with a message on its field, and leaves the database as it was: a
period that is not one, neither a value nor a suppression code or both, a percentage over 100, a negative
figure, a numerator larger than its denominator, text for a number, and a period already recorded (whose
message links to the value to change instead)."""

import pytest

from tests.support import indicator_world
from tests.support.builders import errors_of

BASE = "/partnerships/northmere/indicators"


@pytest.fixture
def sarc(partnership, personas):
    """A percentage indicator of Northmere's own with its 2024-25 value, entered by the partnership manager."""
    indicator = indicator_world.own_indicator(partnership, personas["lead"])
    indicator_world.value(partnership, indicator, personas["lead"], "2024-25", 68)
    return indicator


BAD = [
    ({"period": "last year"}, "period", "'last year' is not a period: give a year such as 2024 or 2024-25"),
    ({"period": "2024-26"}, "period", "'2024-26' is not two years in a row: write it like 2024-25"),
    ({"period": ""}, "period", "The period is missing"),
    ({"value": ""}, "value", "Enter the value, or choose a suppression code if the figure was not published"),
    ({"suppressed": "c"}, "value", "Enter the value or choose a suppression code, not both"),
    ({"value": "100.5"}, "value", "The value cannot be more than 100 for a percentage"),
    ({"value": "-1"}, "value", "The value cannot be negative"),
    ({"value": "twelve"}, "value", "Value must be a number, like 12.5"),
    ({"numerator": "12", "denominator": "10"}, "numerator", "The numerator cannot be larger than the denominator"),
    ({"denominator": "-3"}, "denominator", "The denominator cannot be negative"),
    ({"suppressed": "zero", "value": ""}, "suppressed", "Select one of the suppression codes listed"),
    ({"period": "2024/25"}, "period", "A value for 2024-25 is recorded already: change that one instead"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[f"{f}:{c}" for c, f, _ in BAD])
def test_a_bad_value_is_refused_and_nothing_changes(client, personas, sarc, change, field, message):
    client.force_login(personas["lead"])
    before = indicator_world.snapshot()
    response = client.post(f"{BASE}/{sarc.pk}/values/new/", indicator_world.value_form_data(**change))
    assert response.status_code == 200
    assert any(error.startswith(message) for error in errors_of(response)[field]), errors_of(response)
    assert "govuk-error-summary" in response.content.decode()
    assert indicator_world.snapshot() == before


def test_a_period_recorded_already_links_to_its_value(client, personas, sarc):
    client.force_login(personas["contributor"])
    existing = sarc.values.get()
    response = client.post(f"{BASE}/{sarc.pk}/values/new/", indicator_world.value_form_data(period="2024-25"))
    assert f'href="{BASE}/{sarc.pk}/values/{existing.pk}/edit/"' in response.content.decode()


def test_changing_a_value_to_a_period_recorded_already_is_refused(client, personas, sarc, partnership):
    later = indicator_world.value(partnership, sarc, personas["lead"], "2025-26", 70)
    client.force_login(personas["lead"])
    before = indicator_world.snapshot()
    response = client.post(
        f"{BASE}/{sarc.pk}/values/{later.pk}/edit/", indicator_world.value_form_data(period="2024-25", version="0")
    )
    assert errors_of(response)["period"][0].startswith("A value for 2024-25 is recorded already")
    assert indicator_world.snapshot() == before


def test_a_good_value_is_saved_with_its_period_dates(client, personas, sarc):
    client.force_login(personas["contributor"])
    data = indicator_world.value_form_data(period="2025 q2", value="71.5", numerator="143", denominator="200")
    response = client.post(f"{BASE}/{sarc.pk}/values/new/", data)
    assert response.status_code == 302
    saved = sarc.values.get(period="2025 Q2")
    assert (str(saved.period_start), str(saved.period_end), saved.period_kind) == (
        "2025-04-01",
        "2025-06-30",
        "quarter",
    )
    assert (saved.value, saved.numerator, saved.denominator) == (71.5, 143, 200)
    assert saved.entered_by == personas["contributor"]


def test_a_suppressed_value_is_saved_with_its_code_never_as_zero(client, personas, sarc):
    client.force_login(personas["lead"])
    response = client.post(f"{BASE}/{sarc.pk}/values/new/", indicator_world.value_form_data(value="", suppressed="low"))
    assert response.status_code == 302
    saved = sarc.values.get(period="2025-26")
    assert (saved.value, saved.suppressed) == (None, "low")
