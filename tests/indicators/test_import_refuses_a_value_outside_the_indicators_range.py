"""A figure outside its indicator's range (negative, a percentage over 100) refuses the whole file, naming row
and column, in the template and in a tidy file alike; nothing is saved."""

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
    xlsx_file,
)

pytestmark = pytest.mark.usefixtures("lead")


@pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
@pytest.mark.parametrize(
    ("code", "value", "fragment"),
    [
        ("I-R2-TRAINED", "100.5", "cannot be more than 100 for a percentage"),
        ("I-R2-ABE", "-3", "cannot be negative"),
        ("I-R3-CPP-SA", "10001", "cannot be more than 10,000"),
    ],
)
def test_the_template_refuses_it(client, make, code, value, fragment):
    before = everything()
    rows = [["I-R2-ABE", "2024-25", "12", "", "", "", ""], [code, "2025-26", value, "", "", "", ""]]
    response = refused(client.post(IMPORT, {"file": make(TEMPLATE_HEADER, rows)}), before)
    assert_problem(response, 3, "Value", fragment)
    assert len(response.context["problems"]) == 1


def test_a_tidy_file_refuses_it(client):
    def change(header, rows):
        set_cell(
            rows,
            header,
            where={"la_name": "Northmere", "time_period": "202324"},
            column="s47_multi_agency_percent",
            value="112.5",
        )
        set_cell(
            rows,
            header,
            where={"geographic_level": "National", "time_period": "202223"},
            column="cpp_sexual_abuse_rate",
            value="-1",
        )

    before = everything()
    response = refused(import_tidy(client, tidy_file(change=change)), before)
    assert_problem(response, 13, "s47_multi_agency_percent", "cannot be more than 100 for a percentage")
    assert_problem(response, 2, "cpp_sexual_abuse_rate", "cannot be negative")
    assert len(response.context["problems"]) == 2


def test_another_authoritys_figures_are_not_checked(client, partnership):
    """Only the rows imported are checked: a bad figure of an authority not chosen does not stop the import."""

    def change(header, rows):
        set_cell(rows, header, where={"la_name": "Wendle"}, column="s47_multi_agency_percent", value="250")

    assert import_tidy(client, tidy_file(change=change)).status_code == 302
