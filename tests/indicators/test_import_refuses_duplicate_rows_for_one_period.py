"""Two rows of one file for the same indicator, period and area refuse the whole file; nothing is saved."""

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
    tidy_file,
    xlsx_file,
)

pytestmark = pytest.mark.usefixtures("lead")


@pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_in_the_template(client, make):
    rows = [
        ["I-R2-ABE", "2024-25", "12", "", "", "", ""],
        ["I-R2-ABE", "2024/25", "13", "", "", "", ""],  # the same period, written another way
        ["I-R2-ABE", "2024-25 Q1", "3", "", "", "", ""],  # a quarter of it is another period
    ]
    before = everything()
    response = refused(client.post(IMPORT, {"file": make(TEMPLATE_HEADER, rows)}), before)
    assert_problem(response, 3, "Period", "repeats row 2: the same indicator, period and area code")
    assert len(response.context["problems"]) == 1


def test_in_a_tidy_file(client):
    def change(header, rows):
        rows.append(list(rows[11]))  # Northmere, 2023-24, again
        rows.append(list(rows[0]))  # England, 2022-23, again

    before = everything()
    response = refused(import_tidy(client, tidy_file(change=change)), before)
    for column in ("cpp_sexual_abuse_rate", "assessments_csa_rate", "s47_multi_agency_percent"):
        assert_problem(response, 18, column, "repeats row 13: the same place and period (2023-24)")
        assert_problem(response, 19, column, "repeats row 2: the same place and period (2022-23)")
