"""The database itself holds every value to one figure or one suppression code (never a suppressed figure
stored as zero, never neither), never negative, and never a numerator over its denominator."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.models import Indicator, Suppressed, Value

pytestmark = pytest.mark.django_db


@pytest.fixture
def value(partnership, personas):
    indicator = Indicator.objects.of(partnership).get(code="I-R6-HEALTH-PRESENT")
    return Value(
        partnership=partnership,
        indicator=indicator,
        period="2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
        period_kind="year",
        entered_by=personas["lead"],
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"value": None, "suppressed": ""},
        {"value": Decimal(0), "suppressed": Suppressed.CONFIDENTIAL},
        {"value": Decimal(-1)},
        {"value": Decimal(50), "numerator": Decimal(11), "denominator": Decimal(10)},
    ],
    ids=["neither", "both", "negative", "numerator-over-denominator"],
)
def test_the_database_refuses(value, fields):
    for name, given in fields.items():
        setattr(value, name, given)
    with pytest.raises(IntegrityError), transaction.atomic():
        value.save()
    assert not Value.objects.exists()


def test_a_suppressed_value_keeps_its_code_and_shows_it(value):
    value.suppressed = Suppressed.LOW
    value.save()
    stored = Value.objects.get()
    assert (stored.value, stored.suppressed, stored.shown) == (None, "low", "low")


@pytest.mark.parametrize(
    ("code", "given", "problem"),
    [
        ("I-R6-HEALTH-PRESENT", "100.001", "cannot be more than 100"),
        ("I-R6-HEALTH-PRESENT", "-0.5", "cannot be negative"),
        ("I-R3-CPP-SA", "10000.5", "cannot be more than 10,000"),
        ("I-R2-ABE", "-3", "cannot be negative"),
        ("I-R6-HEALTH-PRESENT", "100", None),
        ("I-R6-THERAPY-WAIT", "365", None),
        ("I-R2-ABE", "0", None),
    ],
)
def test_each_unit_has_its_range(partnership, code, given, problem):
    indicator = Indicator.objects.of(partnership).get(code=code)
    found = indicator.check_value(Decimal(given))
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("code", "given", "shown"),
    [
        ("I-R6-HEALTH-PRESENT", "62.500", "62.5%"),
        ("I-R6-THERAPY-WAIT", "41.000", "41 days"),
        ("I-R2-ABE", "1200", "1,200"),
        ("I-R3-CPP-SA", "4.25", "4.25"),
    ],
)
def test_values_are_shown_as_people_read_them(partnership, code, given, shown):
    assert Indicator.objects.of(partnership).get(code=code).shown(Decimal(given)) == shown
