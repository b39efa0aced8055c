"""The template downloads as CSV and XLSX with the partnership's own figures and a row to fill for each
indicator without any, and a downloaded template sent back unchanged imports and changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.imports import TEMPLATE_COLUMNS
from indicators.models import Indicator, Value
from partnerships.spreadsheets import open_sheet
from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    TEMPLATE_HEADER,
    csv_file,
    everything,
    import_tidy,
    lead,
)

pytestmark = pytest.mark.usefixtures("lead")

FIGURES = [
    ["I-R2-TRAINED", "2024-25", "62.5", "", "125", "200", "From the training records; =not a formula"],
    ["I-R2-ABE", "2024-25 Q2", "", "low", "", "", ""],
    ["I-R2-ABE", "2025", "17", "", "", "", ""],
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip(client, partnership, fmt):
    assert client.post(IMPORT, {"file": csv_file(TEMPLATE_HEADER, FIGURES)}).status_code == 302
    assert import_tidy(client).status_code == 302  # the authority's figures carry its area code
    response = client.get(f"{IMPORT}template.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="northmere-indicator-values-template.{fmt}"'
    sheet = open_sheet(io.BytesIO(response.content), name=f"template.{fmt}")
    assert sheet.header == TEMPLATE_COLUMNS
    rows = [cells for _, cells in sheet]
    local = Value.objects.filter(partnership=partnership, area="local").count()
    recorded = set(Value.objects.filter(partnership=partnership).values_list("indicator__code", flat=True))
    unrecorded = [i.code for i in Indicator.objects.of(partnership) if i.code not in recorded]
    assert len(rows) == local + len(unrecorded)
    assert [row[0] for row in rows[local:]] == unrecorded
    before = everything()
    back = client.post(IMPORT, {"file": SimpleUploadedFile(f"template.{fmt}", response.content)})
    assert back.status_code == 302, back.context and back.context["problems"]
    assert everything() == before, "a template sent back unchanged changed the figures"
    message = [str(m) for m in back.wsgi_request._messages][-1]
    assert message.startswith(f"0 figures imported from “template.{fmt}” (0 new, 0 replaced; {local} unchanged)")


def test_the_template_of_a_partnership_with_no_figures(client, partnership):
    response = client.get(f"{IMPORT}template.csv")
    sheet = open_sheet(io.BytesIO(response.content), name="template.csv")
    codes = [cells[0] for _, cells in sheet]
    assert codes == [i.code for i in Indicator.objects.of(partnership).order_by("partnership", "position", "code")]
