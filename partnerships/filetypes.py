"""What kind of file an upload really is, judged by its content and never by its name.

Pure Python (no Django): `detect(stream)` reads the bytes and names one of the
accepted types, or None; `from_name(name)` reads the name's extension. An upload is
accepted only when both agree (see partnerships/evidence.py).

A CSV is clean UTF-8 text that is not markup: text that starts with a tag (HTML, SVG, XML),
as browsers tell a page by its first bytes, is no accepted type, whatever its name.
"""

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO


@dataclass(frozen=True)
class FileType:
    code: str
    label: str  # for people: "PDF", "Word document (DOCX)"
    content_type: str
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the usual one


PDF = FileType("pdf", "PDF", "application/pdf", (".pdf",))
DOCX = FileType(
    "docx",
    "Word document (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileType(
    "xlsx",
    "Excel spreadsheet (XLSX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
ODT = FileType("odt", "OpenDocument text (ODT)", "application/vnd.oasis.opendocument.text", (".odt",))
CSV = FileType("csv", "CSV", "text/csv", (".csv",))
PNG = FileType("png", "PNG image", "image/png", (".png",))
JPEG = FileType("jpeg", "JPEG image", "image/jpeg", (".jpg", ".jpeg"))

ACCEPTED = (PDF, DOCX, XLSX, CSV, ODT, PNG, JPEG)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

UTF8_BOM = b"\xef\xbb\xbf"
WHITE_SPACE = b" \t\r\n\x0c"
MARKUP_HEAD_BYTES = 1024  # how much of a text, after its white space, is looked at for markup
# A tag at the very start: a letter after "<", or "<!" (doctype, comment), "<?" (XML declaration), "</".
_TAG_START = re.compile(rb"<[A-Za-z!?/]")
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|meta|link|title|style|base|form|div|span|table|p|a|b|br"
    rb"|h[1-6]|font|img)[\s/>]",
    re.IGNORECASE,
)

# Control characters a text file must not hold: all of C0 but tab, LF and CR; DEL; all of C1.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CHUNK = 64 * 1024


def from_name(name: str) -> FileType | None:
    """The accepted type the name's extension claims, or None."""
    suffix = PurePath(name or "").suffix.lower()
    return next((kind for kind in ACCEPTED if suffix in kind.extensions), None)


def detect(stream: BinaryIO) -> FileType | None:
    """The accepted type of the content of `stream` (read from its start), or None.

    Leaves the stream at its start again. An empty stream is None.
    """
    stream.seek(0)
    try:
        head = stream.read(8)
        if not head:
            return None
        if head.startswith(PDF_SIGNATURE):
            return PDF
        if head.startswith(PNG_SIGNATURE):
            return PNG
        if head.startswith(JPEG_SIGNATURE):
            return JPEG
        if head.startswith(ZIP_SIGNATURE):
            return _office_document(stream)
        return CSV if _is_text(stream) and not _markup(stream) else None
    finally:
        stream.seek(0)


def markup_in(data: bytes) -> str | None:
    """The markup the text `data` starts with, after a byte-order mark and white space: "HTML", "SVG" or "XML".

    None for anything else: CSV does not start with a tag ("<5 years" is not one).
    """
    head = data.removeprefix(UTF8_BOM).lstrip(WHITE_SPACE)[:MARKUP_HEAD_BYTES]
    if not _TAG_START.match(head):
        return None
    if re.search(rb"<svg[\s/>]", head, re.IGNORECASE):
        return "SVG"
    if _HTML_START.match(head) or re.search(rb"<(?:!doctype\s+)?html[\s/>]", head, re.IGNORECASE):
        return "HTML"
    return "XML"


def _markup(stream: BinaryIO) -> str | None:
    """What markup_in says of the stream's text, however much white space comes first."""
    stream.seek(0)
    if stream.read(len(UTF8_BOM)) != UTF8_BOM:
        stream.seek(0)
    while chunk := stream.read(_CHUNK):
        if chunk := chunk.lstrip(WHITE_SPACE):
            return markup_in(chunk + stream.read(MARKUP_HEAD_BYTES))
    return None


def _office_document(stream: BinaryIO) -> FileType | None:
    """DOCX, XLSX or ODT by the members the zip holds; None for any other or a broken zip."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                # Read no more than the expected value: a zip can claim any size.
                if info.file_size <= len(ODT_MIMETYPE):
                    with archive.open(info) as member:
                        if member.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE:
                            return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError):
        return None
    return None


def _is_text(stream: BinaryIO) -> bool:
    """UTF-8 (a byte-order mark allowed) with no control character but tab, LF and CR."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        while chunk := stream.read(_CHUNK):
            if _CONTROL.search(decoder.decode(chunk)):
                return False
        return not _CONTROL.search(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return False
