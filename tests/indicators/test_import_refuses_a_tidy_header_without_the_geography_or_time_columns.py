"""A tidy file whose header lacks any of the time or geography columns is refused with a message naming exactly
the missing ones; nothing is saved."""

import pytest

from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    everything,
    file_error,
    lead,
    refused,
    tidy_file,
    tidy_rows,
)

pytestmark = pytest.mark.usefixtures("lead")


def without(*names):
    header, rows = tidy_rows()
    keep = [i for i, name in enumerate(header) if name not in names]

    def change(found_header, found_rows):
        found_rows[:] = [[row[i] for i in keep] for row in found_rows]

    return tidy_file(header=[header[i] for i in keep], change=change)


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        (["time_period"], "lacks the column time_period."),
        (["time_period", "time_identifier"], "lacks the columns time_period and time_identifier."),
        (
            ["geographic_level", "new_la_code", "la_name"],
            "lacks the columns geographic_level, new_la_code and la_name.",
        ),
        (
            ["country_code", "region_code", "old_la_code"],
            "lacks the columns country_code, region_code and old_la_code.",
        ),
    ],
)
def test_the_missing_columns_are_named(client, missing, named):
    before = everything()
    response = refused(client.post(IMPORT, {"file": without(*missing)}), before)
    message = file_error(response)
    assert "looks like a file from Explore Education Statistics, but its header row " + named in message
    for present in {"time_period", "time_identifier", "geographic_level", "la_name"} - set(missing):
        assert f"lacks the columns {present}" not in message


def test_a_header_of_neither_kind(client):
    from tests.indicators.test_import_support import csv_file

    before = everything()
    response = refused(
        client.post(IMPORT, {"file": csv_file(["Area", "Year", "Rate"], [["Northmere", "2024", "4"]])}), before
    )
    assert "is neither this service's template nor a tidy file from Explore Education Statistics" in file_error(
        response
    )
