"""A numerator larger than its denominator refuses the whole file, naming row and column; nothing is saved."""

import pytest

from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    TEMPLATE_HEADER,
    assert_problem,
    csv_file,
    everything,
    lead,
    refused,
    xlsx_file,
)

pytestmark = pytest.mark.usefixtures("lead")


@pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_numerator_over_denominator(client, make):
    before = everything()
    rows = [
        ["I-R2-TRAINED", "2024-25", "50", "", "20", "40", ""],
        ["I-R2-TRAINED", "2025-26", "80", "", "45", "40", ""],
        ["I-R2-TRAINED", "2023-24", "80", "", "-4", "40", ""],
    ]
    response = refused(client.post(IMPORT, {"file": make(TEMPLATE_HEADER, rows)}), before)
    assert_problem(response, 3, "Numerator", "45 is larger than the denominator, 40")
    assert_problem(response, 4, "Numerator", "-4 is negative")
    assert len(response.context["problems"]) == 2
