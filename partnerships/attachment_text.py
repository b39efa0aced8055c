"""The text of an attachment, with where each piece came from, for the identifier check.

PDF through pypdf, XLSX through openpyxl (read-only), DOCX and ODT by reading their XML
from the zip, CSV as text; images have no text to read. Reading is bounded: at most
MAX_CHARACTERS of text and TIME_LIMIT_SECONDS per file. A file that cannot be read
(protected by a password, damaged, or too big to read in time) is not an error: the
result says why it could not be checked, and the person checks it themselves (they have
already confirmed, for the evidence as a whole, that it identifies no child or family).
"""

import codecs
import datetime
import logging
import time
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree import ElementTree

from common.identifiers import Finding, find_identifiers
from partnerships import filetypes

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 1_000_000
TIME_LIMIT_SECONDS = 5.0
MAX_XML_BYTES = 50 * 1024 * 1024  # an XML part larger than this unpacked is not read (a zip can claim anything)

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
# The parts of a Word document people write in, and how to name them.
WORD_PARTS = (("word/document.xml", ""), ("word/footnotes.xml", "footnotes"), ("word/comments.xml", "comments"))
WORD_PART_PREFIXES = (("word/header", "header"), ("word/footer", "footer"))


class Unreadable(Exception):
    """The file's text could not be read; the message says why, for people."""


class _Budget:
    """Characters and seconds left for one file."""

    def __init__(self):
        self.characters = 0
        self.deadline = time.monotonic() + TIME_LIMIT_SECONDS

    def take(self, text: str):
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise Unreadable(f"it holds more text than the check reads ({MAX_CHARACTERS:,} characters)")
        if time.monotonic() > self.deadline:
            raise Unreadable("reading it took too long")


@dataclass
class AttachmentText:
    name: str
    parts: list[tuple[str, str]] = field(default_factory=list)  # (where, text)
    problem: str = ""  # why it could not be checked (in full)

    def findings(self) -> list[Finding]:
        return [finding for where, text in self.parts for finding in find_identifiers(text, where)]

    @property
    def unchecked(self) -> str:
        """For people, when the file could not be checked (in full); else empty."""
        if not self.problem:
            return ""
        return f"“{self.name}” could not be checked for identifiers: {self.problem}. Check it yourself."


def read_text(stream: BinaryIO, kind: filetypes.FileType, name: str) -> AttachmentText:
    """The text of `stream` (an accepted upload of type `kind`), split into parts that say where they are."""
    result = AttachmentText(name=name)
    readers = {
        filetypes.PDF: _pdf,
        filetypes.DOCX: _docx,
        filetypes.XLSX: _xlsx,
        filetypes.ODT: _odt,
        filetypes.CSV: _csv,
    }
    reader = readers.get(kind)
    if reader is None:
        return result  # images: nothing to read
    budget = _Budget()
    stream.seek(0)
    try:
        for where, text in reader(stream, name):
            if text and text.strip():
                budget.take(text)
                result.parts.append((where, text))
    except Unreadable as why:
        result.problem = str(why)
    except Exception as error:  # a damaged file can fail in any library in many ways; it must not fail the request
        # The error's type only: the libraries' messages and tracebacks can quote the file's bytes.
        logger.warning("Could not read the text of an attachment of type %s: %s", kind.code, type(error).__name__)
        result.problem = "it could not be read (it may be damaged)"
    finally:
        stream.seek(0)
    return result


def _pdf(stream, name):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    reader = PdfReader(stream)
    if reader.is_encrypted:
        try:
            reader.decrypt("")  # many PDFs are "encrypted" with an empty password only to restrict printing
        except Exception:
            raise Unreadable("it is protected by a password") from None
    try:
        pages = reader.pages
        for number, page in enumerate(pages, start=1):
            yield f"{name}, page {number}", page.extract_text() or ""
    except FileNotDecryptedError:
        raise Unreadable("it is protected by a password") from None


def _xml_parts(archive: zipfile.ZipFile, member: str):
    info = archive.getinfo(member)
    if info.file_size > MAX_XML_BYTES:
        raise Unreadable("it is too large to read")
    with archive.open(info) as handle:
        data = handle.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise Unreadable("it is too large to read")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise Unreadable("it holds markup the check does not read")  # entities could expand without bound
    return ElementTree.fromstring(data)  # noqa: S314 - no DOCTYPE, so no entity can reach the parser


def _word_paragraphs(root):
    """Each paragraph's text (tables' cells hold paragraphs too); tabs and line breaks as spaces."""
    for paragraph in root.iter(f"{WORD_NS}p"):
        pieces = []
        for child in paragraph.iter():
            if child.tag == f"{WORD_NS}t":
                pieces.append(child.text or "")
            elif child.tag in (f"{WORD_NS}tab", f"{WORD_NS}br"):
                pieces.append(" ")
        yield "".join(pieces)


def _docx(stream, name):
    with zipfile.ZipFile(stream) as archive:
        names = archive.namelist()
        parts = [(member, label) for member, label in WORD_PARTS if member in names]
        parts += sorted(
            (member, label)
            for member in names
            for prefix, label in WORD_PART_PREFIXES
            if member.startswith(prefix) and member.endswith(".xml")
        )
        for member, label in parts:
            root = _xml_parts(archive, member)
            place = f"{name}, {label}" if label else name
            for number, text in enumerate(_word_paragraphs(root), start=1):
                yield f"{place}, paragraph {number}", text


def _odt(stream, name):
    with zipfile.ZipFile(stream) as archive:
        root = _xml_parts(archive, "content.xml")
        paragraphs = {f"{ODF_TEXT_NS}p", f"{ODF_TEXT_NS}h"}
        for number, element in enumerate((e for e in root.iter() if e.tag in paragraphs), start=1):
            yield f"{name}, paragraph {number}", "".join(element.itertext())


def _cell_text(value) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _xlsx(stream, name):
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about features it skips; they hold no text we need
        workbook = load_workbook(stream, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            headers = {}
            for row in sheet.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None or not hasattr(cell, "coordinate"):
                        continue
                    text = _cell_text(value)
                    if cell.row == 1:
                        headers[cell.column] = text
                    # A date under a "Date of birth" heading is a date of birth: say so to the scanner.
                    elif headers.get(cell.column):
                        text = f"{headers[cell.column]}: {text}"
                    yield f"{name}, sheet “{sheet.title}”, cell {cell.coordinate}", text
    finally:
        workbook.close()


def _csv(stream, name):
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    pending = ""
    number = 0
    while chunk := stream.read(64 * 1024):
        pending += decoder.decode(chunk)
        *lines, pending = pending.split("\n")
        for line in lines:
            number += 1
            yield f"{name}, line {number}", line
    pending += decoder.decode(b"", final=True)
    if pending:
        yield f"{name}, line {number + 1}", pending
