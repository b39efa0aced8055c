"""The text of an attachment, with where each piece came from, for the identifier check.

PDF through pypdf, XLSX through openpyxl (read-only), DOCX and ODT by streaming their XML
from the zip (expat: no tree is built), CSV as text; images have no text to read.

Reading is bounded by the reading budget (partnerships/reading_budget.py), which counts
the work done, not the text found: the zip's directory is checked before anything in it is
parsed, and every page, row, cell, XML element, paragraph and line read counts, empty ones
included, against a number of steps and seconds per file; a PDF page's content is measured
before pypdf parses it, and a page beyond the budget's cap is not read. At most
MAX_CHARACTERS of text are read, white space too. A file that cannot be read (protected by
a password, damaged, or more than the budget allows) is not an error: the result says why
it could not be checked, and the person checks it themselves (they have already confirmed,
for the evidence as a whole, that it identifies no child or family).
"""

import codecs
import datetime
import logging
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO, ClassVar
from xml.parsers import expat

from common.identifiers import Finding, find_identifiers
from partnerships import filetypes, reading_budget, spreadsheets

logger = logging.getLogger(__name__)

MAX_CHARACTERS = 1_000_000
XML_CHUNK = 64 * 1024

# Element names as expat gives them with namespace_separator="}": "namespace}local".
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
# The parts of a Word document people write in, and how to name them.
WORD_PARTS = (("word/document.xml", ""), ("word/footnotes.xml", "footnotes"), ("word/comments.xml", "comments"))
WORD_PART_PREFIXES = (("word/header", "header"), ("word/footer", "footer"))
SHOWS_TEXT = (b"Tj", b"'", b'"')  # PDF operators that show a string (TJ shows those of its array)


class Unreadable(Exception):
    """The file's text could not be read; the message says why, for people."""


def _too_much_text() -> Unreadable:
    return Unreadable(f"it holds more text than the check reads ({MAX_CHARACTERS:,} characters)")


class _Characters:
    """The characters of text kept from one file, at most MAX_CHARACTERS."""

    def __init__(self):
        self.count = 0

    def take(self, count: int):
        self.count += count
        if self.count > MAX_CHARACTERS:
            raise _too_much_text()


@dataclass(frozen=True)
class UncheckedFile(Finding):
    """A file whose text could not be read (a password, damage, beyond the reading budget): held for the
    person's confirmation like a finding, its name shown whole and `where` saying why."""

    KIND: ClassVar[str] = "A file that could not be checked"

    @property
    def masked(self) -> str:
        return self.text


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
    budget = reading_budget.Budget(reading_budget.SCAN)
    kept = _Characters()
    stream.seek(0)
    try:
        # The readers count the characters they gather, white space too, against a tally of their own.
        for where, text in reader(stream, name, budget, _Characters()):
            budget.spend()  # each page, paragraph, cell or line, empty or not
            if text and text.strip():
                kept.take(len(text))
                result.parts.append((where, text))
    except (Unreadable, reading_budget.OverBudget) as why:
        result.problem = str(why)
    except Exception as error:  # a damaged file can fail in any library in many ways; it must not fail the request
        # The error's type only: the libraries' messages and tracebacks can quote the file's bytes.
        logger.warning("Could not read the text of an attachment of type %s: %s", kind.code, type(error).__name__)
        result.problem = "it could not be read (it may be damaged)"
    finally:
        stream.seek(0)
    return result


def _pdf(stream, name, budget, characters):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    reader = PdfReader(stream)
    if reader.is_encrypted:
        try:
            reader.decrypt("")  # many PDFs are "encrypted" with an empty password only to restrict printing
        except Exception:
            raise Unreadable("it is protected by a password") from None

    largest_form = 0  # of the page being read

    def visit(operator, operands, *matrices):
        # Each operator counts a step, and each string it shows PDF_STRING_STEPS more: pypdf's work for a
        # shown string is many times an operator's. A form (Do) is parsed whole when drawn, each time: it
        # costs as much as the largest form the page has, and the clock is looked at before it. pypdf
        # swallows what is raised inside a form, so the budget is checked again after each page.
        steps = 1
        for operand in operands:
            if isinstance(operand, list):  # a TJ array: its strings and spacings
                steps += sum(
                    reading_budget.PDF_STRING_STEPS if isinstance(item, str | bytes) else 1 for item in operand
                )
            elif isinstance(operand, str | bytes) and operator in SHOWS_TEXT:
                steps += reading_budget.PDF_STRING_STEPS
        if operator == b"Do":
            steps += largest_form
            budget.look_at_clock()
        budget.spend(steps)

    try:
        pages = reader.pages
        for number, page in enumerate(pages, start=1):
            # pypdf parses the content whole before its extraction loop: bound that first, by the bytes it holds.
            content, largest_form = _page_content_bytes(page)
            reading_budget.pdf_page_bytes(content, budget)
            text = page.extract_text(visitor_operand_before=visit) or ""
            budget.check()  # after every page, however few steps it counted
            characters.take(len(text))  # white space too
            yield f"{name}, page {number}", text
    except FileNotDecryptedError:
        raise Unreadable("it is protected by a password") from None


def _page_content_bytes(page) -> tuple[int, int]:
    """The decoded bytes of a page's content streams, the forms it draws (nested ones too) and its fonts'
    character maps; and the bytes of its largest form.

    A stream other pages use too counts for each page: pypdf parses it for each.
    """
    from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

    total = largest_form = 0
    pending = [(page.get("/Contents"), page.get("/Resources"), False)]
    seen_resources: set[int] = set()
    while pending:
        contents, resources, is_form = pending.pop()
        contents = contents.get_object() if contents is not None else None
        for stream in contents if isinstance(contents, ArrayObject) else [contents]:
            stream = stream.get_object() if stream is not None else None
            if isinstance(stream, StreamObject):
                size = len(stream.get_data())
                total += size
                if is_form:
                    largest_form = max(largest_form, size)
                if total > reading_budget.MAX_PDF_PAGE_BYTES:
                    return total, largest_form
        resources = resources.get_object() if resources is not None else None
        if not isinstance(resources, DictionaryObject) or id(resources) in seen_resources:
            continue
        seen_resources.add(id(resources))
        for font in _dictionary(resources.get("/Font")).values():
            font = font.get_object()
            if isinstance(font, DictionaryObject) and "/ToUnicode" in font:
                pending.append((font["/ToUnicode"], None, False))
        for xobject in _dictionary(resources.get("/XObject")).values():
            xobject = xobject.get_object()
            if isinstance(xobject, StreamObject) and xobject.get("/Subtype") == "/Form":
                pending.append((xobject, xobject.get("/Resources"), True))
    return total, largest_form


def _dictionary(value) -> dict:
    from pypdf.generic import DictionaryObject

    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else {}


def _open_zip(stream, budget) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(stream)
    try:
        reading_budget.check_zip(archive, budget)
    except BaseException:
        archive.close()
        raise
    return archive


def _refuse_declarations(*args):
    # A DOCTYPE can declare entities that expand without bound; office documents never need one.
    raise Unreadable("it holds markup the check does not read")


def _xml_paragraphs(archive, member, budget, characters, *, paragraphs, text=None, spaces=()):
    """The text of each paragraph (an element named in `paragraphs`) of an XML member, streamed: no tree is built.

    Character data counts inside a paragraph, and only inside a `text` element when one is
    named; `spaces` elements read as a space. Each element counts as a step of the budget,
    and every character kept counts, white space too, so neither an endless run of empty
    elements nor one enormous paragraph is read past the budget. A paragraph inside another
    (a text box) is read on its own, and before the one around it ends.
    """
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    open_paragraphs: list[list[str]] = []
    finished: list[str] = []
    inside_text = 0

    def start(tag, attributes):
        nonlocal inside_text
        budget.spend()
        if tag in paragraphs:
            open_paragraphs.append([])
        elif tag == text:
            inside_text += 1
        elif tag in spaces and open_paragraphs:
            open_paragraphs[-1].append(" ")

    def end(tag):
        nonlocal inside_text
        if tag in paragraphs:
            finished.append("".join(open_paragraphs.pop()))
        elif tag == text:
            inside_text -= 1

    def character_data(data):
        if open_paragraphs and (text is None or inside_text):
            characters.take(len(data))
            open_paragraphs[-1].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = character_data
    with archive.open(member) as handle:
        while chunk := handle.read(XML_CHUNK):
            parser.Parse(chunk, False)
            done = finished[:]
            finished.clear()
            yield from done
        parser.Parse(b"", True)
    yield from finished


def _docx(stream, name, budget, characters):
    with _open_zip(stream, budget) as archive:
        names = archive.namelist()
        parts = [(member, label) for member, label in WORD_PARTS if member in names]
        parts += sorted(
            (member, label)
            for member in names
            for prefix, label in WORD_PART_PREFIXES
            if member.startswith(prefix) and member.endswith(".xml")
        )
        for member, label in parts:
            place = f"{name}, {label}" if label else name
            # Tables' cells hold paragraphs too; tabs and line breaks read as spaces.
            paragraphs = _xml_paragraphs(
                archive,
                member,
                budget,
                characters,
                paragraphs={f"{WORD_NS}p"},
                text=f"{WORD_NS}t",
                spaces={f"{WORD_NS}tab", f"{WORD_NS}br"},
            )
            for number, text in enumerate(paragraphs, start=1):
                yield f"{place}, paragraph {number}", text


def _odt(stream, name, budget, characters):
    with _open_zip(stream, budget) as archive:
        paragraphs = _xml_paragraphs(
            archive,
            "content.xml",
            budget,
            characters,
            paragraphs={f"{ODF_TEXT_NS}p", f"{ODF_TEXT_NS}h"},
            spaces={f"{ODF_TEXT_NS}s", f"{ODF_TEXT_NS}tab", f"{ODF_TEXT_NS}line-break"},
        )
        for number, text in enumerate(paragraphs, start=1):
            yield f"{name}, paragraph {number}", text


def _cell_text(value) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _xlsx(stream, name, budget, characters):
    workbook = spreadsheets.open_workbook(stream, budget, data_only=True)
    try:
        for sheet in workbook.worksheets:
            headers = {}
            for row in spreadsheets.sheet_rows(sheet, budget, values_only=False):
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


def _csv(stream, name, budget, characters):
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
    pending = ""
    number = 0
    while chunk := stream.read(64 * 1024):
        pending += decoder.decode(chunk)
        *lines, pending = pending.split("\n")
        if len(pending) > MAX_CHARACTERS:  # one endless line: splitting it again and again would take long
            raise _too_much_text()
        for line in lines:
            number += 1
            yield f"{name}, line {number}", line
    pending += decoder.decode(b"", final=True)
    if pending:
        yield f"{name}, line {number + 1}", pending
