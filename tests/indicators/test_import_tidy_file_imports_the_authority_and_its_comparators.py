"""A tidy file shaped like the department's (England, two regions, five local authorities, two years,
suppressed cells) imports the chosen authority's figures as the partnership's own, England's and only the
authority's own region's as comparators, suppressed figures as their symbols, never as zero."""

from decimal import Decimal

import pytest

from indicators.models import Area, Value
from tests.indicators.test_import_support import import_tidy, lead, tidy_file  # noqa: F401 (lead: a fixture)

pytestmark = pytest.mark.usefixtures("lead")


def figures(partnership):
    return {
        (v.indicator.code, v.period, v.area, v.area_code): (v.value, v.suppressed)
        for v in Value.objects.filter(partnership=partnership).select_related("indicator")
    }


@pytest.mark.parametrize("as_xlsx", [False, True], ids=["csv", "xlsx"])
@pytest.mark.parametrize("authority", ["E06000901", "Northmere", "901", " northmere "])
def test_the_authority_england_and_its_region_are_imported(client, partnership, personas, as_xlsx, authority):
    response = import_tidy(client, tidy_file(as_xlsx=as_xlsx), authority=authority)
    assert response.status_code == 302, response.context and response.context["problems"]
    got = figures(partnership)
    local, england, region = (Area.LOCAL, "E06000901"), (Area.ENGLAND, "E92000001"), (Area.REGION, "E12000901")
    expected = {
        ("I-R3-CPP-SA", "2022-23", *local): (Decimal("4.2"), ""),
        ("I-R3-ASSESS-CSA", "2022-23", *local): (Decimal("51.3"), ""),
        ("I-R3-S47-MULTI", "2022-23", *local): (None, "c"),
        ("I-R3-CPP-SA", "2023-24", *local): (Decimal("4.8"), ""),
        ("I-R3-ASSESS-CSA", "2023-24", *local): (Decimal("55"), ""),
        ("I-R3-S47-MULTI", "2023-24", *local): (Decimal("71.4"), ""),
        ("I-R3-CPP-SA", "2022-23", *england): (Decimal("3.1"), ""),
        ("I-R3-ASSESS-CSA", "2022-23", *england): (Decimal("41.2"), ""),
        ("I-R3-S47-MULTI", "2022-23", *england): (Decimal("62.5"), ""),
        ("I-R3-CPP-SA", "2023-24", *england): (Decimal("3.3"), ""),
        ("I-R3-ASSESS-CSA", "2023-24", *england): (Decimal("42.8"), ""),
        ("I-R3-S47-MULTI", "2023-24", *england): (Decimal("63.9"), ""),
        ("I-R3-CPP-SA", "2022-23", *region): (Decimal("3.4"), ""),
        ("I-R3-ASSESS-CSA", "2022-23", *region): (Decimal("44"), ""),
        ("I-R3-S47-MULTI", "2022-23", *region): (Decimal("60.1"), ""),
        ("I-R3-CPP-SA", "2023-24", *region): (Decimal("3.6"), ""),
        ("I-R3-ASSESS-CSA", "2023-24", *region): (Decimal("45.1"), ""),
        ("I-R3-S47-MULTI", "2023-24", *region): (None, "x"),
    }
    assert got == expected
    value = Value.objects.get(partnership=partnership, area=Area.LOCAL, period="2023-24", indicator__code="I-R3-CPP-SA")
    assert (value.area_name, value.entered_by, value.source_file) == ("Northmere", personas["lead"], value.source_file)
    assert value.source_file == ("tidy.xlsx" if as_xlsx else "tidy.csv")
    assert (value.period_start.isoformat(), value.period_end.isoformat(), value.period_kind) == (
        "2023-04-01",
        "2024-03-31",
        "year",
    )
    names = set(Value.objects.filter(partnership=partnership).values_list("area", "area_name"))
    assert names == {(Area.LOCAL, "Northmere"), (Area.ENGLAND, "England"), (Area.REGION, "North Fells")}
    assert Value.history.filter(partnership_id=partnership.pk, history_type="+").count() == len(expected)


def test_a_suppressed_figure_is_kept_as_its_symbol_never_as_zero(client, partnership):
    """Another authority, in the other region: its own symbols, South Downs as its region, nothing of North Fells."""
    response = import_tidy(client, authority="E10000905")
    assert response.status_code == 302
    got = figures(partnership)
    assert got[("I-R3-CPP-SA", "2022-23", Area.LOCAL, "E10000905")] == (None, "z")
    assert got[("I-R3-ASSESS-CSA", "2022-23", Area.LOCAL, "E10000905")] == (None, ":")
    assert {code for _, _, area, code in got if area == Area.REGION} == {"E12000902"}
    assert not Value.objects.filter(partnership=partnership, value=0).exists()


def test_a_column_marked_do_not_import_is_left_out(client, partnership):
    mapping = {
        "cpp_sexual_abuse_rate": "I-R3-CPP-SA",
        "assessments_csa_rate": "skip",
        "s47_multi_agency_percent": "skip",
    }
    response = import_tidy(client, mapping=mapping)
    assert response.status_code == 302
    assert {code for code, *_ in figures(partnership)} == {"I-R3-CPP-SA"}
    assert Value.objects.filter(partnership=partnership).count() == 6


def test_the_other_partnership_gets_nothing(client, partnership, other_partnership):
    import_tidy(client)
    assert not Value.objects.filter(partnership=other_partnership).exists()
