"""What kind of file an upload really is, judged by its content and never by its name.

Pure Python (no Django): `detect(stream)` reads the bytes and names one of the
accepted types, or None; `from_name(name)` reads the name's extension. An upload is
accepted only when both agree (see partnerships/evidence.py).
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
        return CSV if _is_text(stream) else None
    finally:
        stream.seek(0)


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
