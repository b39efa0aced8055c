"""The indicator list and an indicator's page make the same queries whatever the number of indicators and
values: 2 own indicators with a value each, or 30 with ten years of values, England's and a target."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators import periods
from indicators.models import Area, Target, Value
from tests.support import indicator_world

BASE = "/partnerships/northmere/indicators"


def add_indicators(partnership, user, count, years, *, prefix="NM"):
    made = [
        indicator_world.own_indicator(partnership, user, code=f"{prefix}-{n}", recommendations=("R3", "R6"))
        for n in range(count)
    ]
    rows = []
    for indicator in made:
        for year in range(2025 - years, 2025):
            for area in (Area.LOCAL, Area.ENGLAND):
                value = Value(
                    partnership=partnership, indicator=indicator, area=area, value=Decimal(year % 50), entered_by=user
                )
                value.set_period(periods.parse(f"{year}-{(year + 1) % 100:02d}"))
                rows.append(value)
    Value.objects.bulk_create(rows)
    Target.objects.bulk_create(Target(partnership=partnership, indicator=i, value=60, set_by=user) for i in made)
    return made


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("page", ["list", "detail"])
def test_the_queries_do_not_grow_with_indicators_or_values(client, partnership, personas, other_partnership, page):
    client.force_login(personas["scrutineer"])
    few = add_indicators(partnership, personas["lead"], 2, 1)
    url = f"{BASE}/" if page == "list" else f"{BASE}/{few[0].pk}/"
    client.get(url)  # the session and the caches, once
    small = queries_for(client, url)
    add_indicators(other_partnership, personas["outsider"], 3, 2)  # another partnership's: never read
    many = add_indicators(partnership, personas["lead"], 28, 10, prefix="MORE")
    if page == "detail":
        url = f"{BASE}/{many[0].pk}/"
    large = queries_for(client, url)
    assert len(large) == len(small), "\n".join(large)
