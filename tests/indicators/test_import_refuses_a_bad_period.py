"""A period that is not one refuses the whole file, naming row and column and saying what is expected."""

import pytest

from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    TEMPLATE_HEADER,
    assert_problem,
    csv_file,
    everything,
    import_tidy,
    lead,
    refused,
    set_cell,
    tidy_file,
)

pytestmark = pytest.mark.usefixtures("lead")


def test_in_the_template(client):
    rows = [
        ["I-R2-ABE", "last year", "12", "", "", "", ""],
        ["I-R2-ABE", "2024-26", "12", "", "", "", ""],
        ["I-R2-ABE", "", "12", "", "", "", ""],
    ]
    before = everything()
    response = refused(client.post(IMPORT, {"file": csv_file(TEMPLATE_HEADER, rows)}), before)
    assert_problem(response, 2, "Period", "'last year' is not a period: give a year such as 2024 or 2024-25")
    assert_problem(response, 3, "Period", "is not two years in a row: write it like 2024-25")
    assert_problem(response, 4, "Period", "The period is missing")


@pytest.mark.parametrize(
    ("where", "column", "value", "fragment"),
    [
        ({"la_name": "Northmere", "time_period": "202324"}, "time_period", "2023", "does not fit 'Financial year'"),
        ({"geographic_level": "National", "time_period": "202223"}, "time_period", "202225", "not two years in a row"),
        (
            {"region_code": "E12000901", "geographic_level": "Regional", "time_period": "202223"},
            "time_identifier",
            "Week 3",
            "is not a year or a quarter",
        ),
    ],
)
def test_in_a_tidy_file(client, where, column, value, fragment):
    row = {"time_period": {"202324": 13}, "geographic_level": {"National": 2, "Regional": 3}}
    number = 13 if "la_name" in where else (2 if where["geographic_level"] == "National" else 3)
    del row

    def change(header, rows):
        set_cell(rows, header, where=where, column=column, value=value)

    before = everything()
    response = refused(import_tidy(client, tidy_file(change=change)), before)
    assert_problem(response, number, "time_period", fragment)
    assert len(response.context["problems"]) == 1
