"""A file that is not a CSV or an XLSX (a PDF, an image, an old .xls, HTML named .csv) is refused with a message
saying what to do; nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.indicators.test_import_support import (  # noqa: F401 (lead: a fixture)
    IMPORT,
    everything,
    file_error,
    lead,
    refused,
)
from tests.support.builders import png_bytes

pytestmark = pytest.mark.usefixtures("lead")


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("figures.pdf", b"%PDF-1.7\n...", "must be a CSV or Excel (.xlsx) file"),
        ("figures.csv", png_bytes(), "is not a CSV text file"),
        ("figures.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "is in the old Excel format (.xls)"),
        ("figures.csv", b"<html><body><script>alert(1)</script></body></html>", "holds HTML markup"),
        ("figures.xlsx", b"PK\x03\x04 not really a workbook", "cannot be read as an Excel workbook"),
        ("figures.csv", b"PK\x03\x04 a zip named .csv", "is an Excel workbook but its name ends in .csv"),
    ],
)
def test_refused(client, name, content, fragment):
    before = everything()
    response = refused(client.post(IMPORT, {"file": SimpleUploadedFile(name, content)}), before)
    assert fragment in file_error(response)
