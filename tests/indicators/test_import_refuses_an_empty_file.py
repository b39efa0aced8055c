"""An empty file, one with only a header, or one with nothing filled in is refused with a message; nothing is
saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    TEMPLATE_HEADER,
    csv_file,
    everything,
    file_error,
    lead,
    refused,
    tidy_rows,
    xlsx_file,
)

pytestmark = pytest.mark.usefixtures("lead")


def test_an_empty_file(client):
    before = everything()
    response = refused(client.post(IMPORT, {"file": SimpleUploadedFile("figures.csv", b"")}), before)
    assert "The selected file is empty" in file_error(response)


def test_blank_lines_only(client):
    before = everything()
    response = refused(client.post(IMPORT, {"file": SimpleUploadedFile("figures.csv", b"\r\n,,,\r\n")}), before)
    assert "has no header row" in file_error(response)


@pytest.mark.parametrize("make", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_a_template_with_nothing_filled_in(client, make):
    before = everything()
    rows = [["I-R2-ABE", "", "", "", "", "", ""]]
    response = refused(client.post(IMPORT, {"file": make(TEMPLATE_HEADER, rows)}), before)
    assert "has no figures to import" in file_error(response)


def test_a_tidy_file_with_only_its_header(client):
    header, _rows = tidy_rows()
    before = everything()
    response = refused(client.post(IMPORT, {"file": csv_file(header, [], "tidy.csv")}), before)
    assert "“tidy.csv” has no rows under its header row" in file_error(response)
