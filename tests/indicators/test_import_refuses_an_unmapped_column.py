"""A measure column left without a choice (neither an indicator nor "Do not import"), mapped to an indicator the
partnership does not record, or mapped to an indicator another column gives, refuses the import, naming the
column; nothing is saved."""

import pytest

from indicators.models import Indicator
from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    MAP,
    assert_problem,
    everything,
    field_of,
    import_tidy,
    lead,
    refused,
    tidy_file,
    token_of,
)

pytestmark = pytest.mark.usefixtures("lead")


def test_a_column_left_without_a_choice(client):
    before = everything()
    response = refused(import_tidy(client, leave_out={"assessments_csa_rate"}), before)
    assert_problem(
        response, 1, "assessments_csa_rate", "is not mapped: choose the indicator it gives, or “Do not import”"
    )
    assert len(response.context["problems"]) == 1
    errors = response.context["form"].errors
    assert list(errors) == [field_of(response, "assessments_csa_rate")]


def test_two_columns_mapped_to_one_indicator(client):
    mapping = {
        "cpp_sexual_abuse_rate": "I-R3-CPP-SA",
        "assessments_csa_rate": "I-R3-CPP-SA",
        "s47_multi_agency_percent": "skip",
    }
    before = everything()
    response = refused(import_tidy(client, mapping=mapping), before)
    assert_problem(response, 1, "assessments_csa_rate", "is mapped to I-R3-CPP-SA, as “cpp_sexual_abuse_rate” is")


def test_an_indicator_of_another_partnership(client, other_partnership, partnership, personas):
    theirs = Indicator.objects.create(
        framework=partnership.framework,
        partnership=other_partnership,
        code="C-OWN",
        name="Castlebrook's own",
        definition="Theirs.",
        unit="count",
        better="higher",
        source="Castlebrook",
    )
    first = client.post("/partnerships/northmere/indicators/import/", {"file": tidy_file()})
    data = {"upload": token_of(first), "authority": "E06000901"}
    data[field_of(first, "cpp_sexual_abuse_rate")] = str(theirs.pk)
    data[field_of(first, "assessments_csa_rate")] = "skip"
    data[field_of(first, "s47_multi_agency_percent")] = "not a number"
    before = everything()
    response = refused(client.post(MAP, data), before)
    assert_problem(response, 1, "cpp_sexual_abuse_rate", "is mapped to an indicator this partnership does not record")
    assert_problem(
        response, 1, "s47_multi_agency_percent", "is mapped to an indicator this partnership does not record"
    )
