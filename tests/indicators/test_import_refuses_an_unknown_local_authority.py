"""A local authority the file does not hold, or a row of a local authority that names none, refuses the whole
import with row and column named; nothing is saved."""

import pytest

from indicators.models import Value
from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    assert_problem,
    choose,
    everything,
    file_error,
    import_tidy,
    lead,
    refused,
    set_cell,
    tidy_file,
)

pytestmark = pytest.mark.usefixtures("lead")


@pytest.mark.parametrize("authority", ["E06099999", "Nowhere Borough", ""])
def test_an_authority_not_in_the_file(client, authority):
    before = everything()
    response = refused(import_tidy(client, authority=authority), before)
    reason = "is not a local authority in this file: choose one of its 5" if authority else "no local authority"
    assert_problem(response, 1, "new_la_code", reason)
    assert "authority" in response.context["form"].errors  # the error summary links to the choice


def test_a_row_of_a_local_authority_that_names_none(client):
    def change(header, rows):
        where = {"la_name": "Dale Vale", "time_period": "202223"}
        set_cell(rows, header, where=where, column="new_la_code", value="")
        set_cell(rows, header, where={"new_la_code": "", "la_name": "Dale Vale"}, column="la_name", value="")

    before = everything()
    response = refused(client.post(IMPORT, {"file": tidy_file(change=change)}), before)
    assert "has no rows for a named local authority" in file_error(response)
    assert not Value.objects.exists()


def test_the_choice_is_checked_against_the_file_not_the_page(client):
    """A page sent with another authority's name than the file's (an old page, or one altered) is refused."""
    first = client.post(IMPORT, {"file": tidy_file()})
    before = everything()
    response = refused(choose(client, first, authority="Castlebrook Partnership"), before)
    assert_problem(response, 1, "new_la_code", "“Castlebrook Partnership” is not a local authority in this file")
