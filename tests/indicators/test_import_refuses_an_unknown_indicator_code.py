"""A template row naming an indicator the partnership does not record refuses the whole file; nothing is saved."""

import pytest

from indicators.models import Indicator
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
def test_unknown_codes(client, make, partnership, other_partnership):
    Indicator.objects.create(
        framework=partnership.framework,
        partnership=other_partnership,
        code="C-OWN",
        name="Castlebrook's own",
        definition="Theirs.",
        unit="count",
        better="higher",
        source="Castlebrook",
    )
    rows = [
        ["i-r2-abe", "2024-25", "12", "", "", "", ""],  # codes match whatever their case
        ["I-R9-NOTHING", "2024-25", "12", "", "", "", ""],
        ["C-OWN", "2024-25", "3", "", "", "", ""],
        ["", "2024-25", "3", "", "", "", ""],
    ]
    before = everything()
    response = refused(client.post(IMPORT, {"file": make(TEMPLATE_HEADER, rows)}), before)
    problem = assert_problem(
        response, 3, "Indicator code", "“I-R9-NOTHING” is not an indicator of this partnership: use one of"
    )
    assert "I-R3-CPP-SA" in problem.reason
    assert_problem(response, 4, "Indicator code", "“C-OWN” is not an indicator of this partnership")
    assert_problem(response, 5, "Indicator code", "is empty")
    assert len(response.context["problems"]) == 3
