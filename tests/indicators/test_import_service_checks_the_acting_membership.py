"""The import's services check the acting membership themselves (can_import_values), whatever the view did."""

import pytest
from django.core.exceptions import PermissionDenied

from indicators import imports
from tests.indicators.test_import_support import TIDY
from tests.support.builders import as_member


@pytest.mark.parametrize("persona", ["scrutineer", "contributor", "viewer"])
def test_only_leads_import(personas, persona):
    membership = as_member(personas[persona])
    with TIDY.open("rb") as handle, pytest.raises(PermissionDenied):
        imports.upload(membership=membership, file=handle, name="tidy.csv")
    with TIDY.open("rb") as handle, pytest.raises(PermissionDenied):
        imports.import_tidy(membership=membership, file=handle, name="tidy.csv", mapping={}, authority="E06000901")


def test_a_lead_may(personas):
    with TIDY.open("rb") as handle:
        result = imports.upload(membership=as_member(personas["lead"]), file=handle, name="tidy.csv")
    assert result.ok and [a.code for a in result.survey.authorities][:2] == ["E09000904", "E06000902"]
