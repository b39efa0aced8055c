"""Importing again replaces the figures held for the same indicator, period, area and area code, with a history
record of each change, instead of adding a second; figures that did not change are left alone."""

from decimal import Decimal

import pytest

from indicators.models import Area, Indicator, Value
from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    TEMPLATE_HEADER,
    csv_file,
    import_tidy,
    lead,
    set_cell,
    tidy_file,
)

pytestmark = pytest.mark.usefixtures("lead")


def test_a_tidy_file_twice(client, partnership):
    assert import_tidy(client).status_code == 302
    count = Value.objects.filter(partnership=partnership).count()

    def change(header, rows):
        set_cell(
            rows,
            header,
            where={"la_name": "Northmere", "time_period": "202324"},
            column="cpp_sexual_abuse_rate",
            value="5.1",
        )
        set_cell(
            rows,
            header,
            where={"la_name": "Northmere", "time_period": "202223"},
            column="s47_multi_agency_percent",
            value="64",
        )

    response = import_tidy(client, tidy_file(change=change, name="tidy-revised.csv"))
    assert response.status_code == 302
    assert Value.objects.filter(partnership=partnership).count() == count
    changed = Value.objects.get(
        partnership=partnership, indicator__code="I-R3-CPP-SA", period="2023-24", area=Area.LOCAL
    )
    assert (changed.value, changed.source_file, changed.version) == (Decimal("5.1"), "tidy-revised.csv", 1)
    revealed = Value.objects.get(
        partnership=partnership, indicator__code="I-R3-S47-MULTI", period="2022-23", area=Area.LOCAL
    )
    assert (revealed.value, revealed.suppressed) == (Decimal("64"), "")
    history = list(changed.history.order_by("history_date").values_list("history_type", "value"))
    assert history == [("+", Decimal("4.8")), ("~", Decimal("5.1"))]
    assert Value.history.filter(partnership_id=partnership.pk, history_type="~").count() == 2
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [f"2 figures imported from “tidy-revised.csv” (0 new, 2 replaced; {count - 2} unchanged)"]


def test_a_template_twice(client, partnership):
    rows = [["I-R2-ABE", "2024-25", "12", "", "", "", "First count"]]
    assert client.post(IMPORT, {"file": csv_file(TEMPLATE_HEADER, rows)}).status_code == 302
    rows = [
        ["I-R2-ABE", "2024-25", "", "c", "", "", "Suppressed on review"],
        ["I-R2-ABE", "2025-26", "9", "", "", "", ""],
    ]
    assert client.post(IMPORT, {"file": csv_file(TEMPLATE_HEADER, rows)}).status_code == 302
    got = sorted(Value.objects.filter(partnership=partnership).values_list("period", "value", "suppressed", "note"))
    assert got == [("2024-25", None, "c", "Suppressed on review"), ("2025-26", Decimal("9"), "", "")]


def test_a_figure_entered_by_hand_is_the_authoritys(client, partnership, personas):
    """The partnership's own figure held without an area code is the one the file gives for the chosen
    authority: replaced, not doubled."""
    indicator = Indicator.objects.get(code="I-R3-CPP-SA", partnership=None)
    by_hand = Value(partnership=partnership, indicator=indicator, value=Decimal("4"), entered_by=personas["lead"])
    from indicators.periods import parse

    by_hand.set_period(parse("2023-24"))
    by_hand.save()
    assert import_tidy(client).status_code == 302
    local = Value.objects.filter(partnership=partnership, indicator=indicator, period="2023-24", area=Area.LOCAL)
    assert list(local.values_list("pk", "area_code", "value")) == [(by_hand.pk, "E06000901", Decimal("4.8"))]
