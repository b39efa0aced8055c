"""partnerships/filetypes.py: the type of a file judged by its content, and the name's claim."""

import io
import zipfile

import pytest

from partnerships import filetypes
from tests.support.builders import MINIMAL_PDF


def zipped(members: dict[str, bytes | str], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), members.pop(stored_first))
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<o/>"}, stored_first="mimetype")
ODS = zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}, stored_first="mimetype")
ODT_LONG_MIMETYPE = zipped({"mimetype": "application/vnd.oasis.opendocument.text-template"})
PLAIN_ZIP = zipped({"readme.txt": "hello"})
JAR = zipped({"META-INF/MANIFEST.MF": "Main-Class: Evil\n"})

CONTENT_CASES = [
    ("pdf", MINIMAL_PDF, filetypes.PDF),
    ("png", PNG, filetypes.PNG),
    ("jpeg", JPEG, filetypes.JPEG),
    ("docx", DOCX, filetypes.DOCX),
    ("xlsx", XLSX, filetypes.XLSX),
    ("odt", ODT, filetypes.ODT),
    ("csv", b"agency,count\r\nPolice,4\r\n", filetypes.CSV),
    ("csv with bom", "\ufeffagency,count\nSanté,4\n".encode(), filetypes.CSV),
    ("csv with tabs", b"agency\tcount\nPolice\t4", filetypes.CSV),
    ("csv without newline", b"one line", filetypes.CSV),
    ("empty", b"", None),
    ("windows executable", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 40, None),
    ("elf executable", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, None),
    ("gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", None),
    ("text with nul", b"agency,count\x00\n", None),
    ("text with escape", b"agency\x1b[31m,count\n", None),
    ("text with form feed", b"page one\x0cpage two", None),
    ("text with delete", b"agency\x7f", None),
    ("text with c1 control", "agency\u0085".encode(), None),
    ("latin-1 text", "Santé,4\n".encode("latin-1"), None),
    ("utf-16 text", "agency,count\n".encode("utf-16"), None),
    ("plain zip", PLAIN_ZIP, None),
    ("jar", JAR, None),
    ("ods", ODS, None),
    ("odt template", ODT_LONG_MIMETYPE, None),
    ("truncated zip", DOCX[: len(DOCX) // 2], None),
    ("zip signature only", b"PK\x03\x04" + b"\x00" * 30, None),
    ("pdf not at start", b"\x00\x00%PDF-1.4\n", None),
    ("truncated utf-8 at end", "Santé".encode()[:-1], None),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in CONTENT_CASES], ids=[c[0] for c in CONTENT_CASES])
def test_detect_by_content(content, expected):
    stream = io.BytesIO(content)
    stream.seek(3 if content else 0)  # wherever the caller left it
    assert filetypes.detect(stream) == expected
    assert stream.tell() == 0  # and left at the start for whoever reads it next


def test_detect_reads_text_in_chunks():
    # A control character far beyond the first chunk is still found; a multi-byte letter across chunks is fine.
    text = ("é" * 40_000 + "\n").encode() * 3
    assert filetypes.detect(io.BytesIO(text)) == filetypes.CSV
    assert filetypes.detect(io.BytesIO(text + b"\x00")) is None


NAME_CASES = [
    ("report.pdf", filetypes.PDF),
    ("REPORT.PDF", filetypes.PDF),
    ("photo.jpg", filetypes.JPEG),
    ("photo.jpeg", filetypes.JPEG),
    ("chart.png", filetypes.PNG),
    ("plan.docx", filetypes.DOCX),
    ("data.xlsx", filetypes.XLSX),
    ("notes.odt", filetypes.ODT),
    ("data.csv", filetypes.CSV),
    ("report.pdf.exe", None),
    ("report.doc", None),
    ("report", None),
    ("", None),
    (".pdf", None),
]


@pytest.mark.parametrize(("name", "expected"), NAME_CASES, ids=[n or "(empty)" for n, _ in NAME_CASES])
def test_type_claimed_by_name(name, expected):
    assert filetypes.from_name(name) == expected


def test_every_accepted_type_has_a_content_type_and_extension():
    assert {kind.code for kind in filetypes.ACCEPTED} == {"pdf", "docx", "xlsx", "csv", "odt", "png", "jpeg"}
    for kind in filetypes.ACCEPTED:
        assert "/" in kind.content_type
        assert all(ext.startswith(".") and ext == ext.lower() for ext in kind.extensions)


def test_a_zip_claiming_a_huge_mimetype_is_not_read():
    # The mimetype member's declared size is checked before any of it is decompressed.
    big = zipped({"mimetype": "application/vnd.oasis.opendocument.text" + " " * 10_000_000})
    assert filetypes.detect(io.BytesIO(big)) is None
