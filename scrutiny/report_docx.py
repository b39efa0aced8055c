"""The report's Word edition: the PDF's own HTML, written as a .docx with Word's styles.

The build renders templates/reports/report.html once from `report_context`; WeasyPrint makes the PDF of
it and `render_docx` walks the same HTML into a Word document, so the two editions hold the same words
in the same order without the report being written twice. The HTML's structure becomes Word's:
h1 the Title style, h2 to h4 Heading 1 to 3, tables a bordered table style with a repeating header
row, lists Word's list styles (each numbered list counting from 1), blockquotes the Quote style,
captions and figure titles the Caption style. A chart's SVG has no place in Word (python-docx embeds
PNG, not SVG): the figure's title, its text alternative and the table of its numbers, all in the
HTML beside the SVG, carry it (docs/decisions/0026-word-edition.md). Every section's header holds the
protective marking, the running header and, on a draft, that it is a draft; the footer the marking
and the page number.
"""

import datetime
import functools
import io
import re
import zipfile

from django.conf import settings
from django.template.loader import render_to_string
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

DRAFT_MARKING = "DRAFT: not for circulation"
FONT = "Arial"
INK = RGBColor(0x0B, 0x0C, 0x0C)
HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
STYLES = [*HEADINGS.values(), "Normal", "Quote", "Caption", "List Bullet", "List Bullet 2", "List Number"]
TABLE_TEXT = "Table Text"  # our own paragraph style, made in _set_styles
STYLES += ["List Number 2", "Table Grid", TABLE_TEXT]
# Containers whose children are walked in turn; everything else that is not a block below is inline.
CONTAINERS = {"section", "div", "nav", "figure", "body", "article", "main", "header", "footer"}
BLOCKS = CONTAINERS | set(HEADINGS) | {"p", "ul", "ol", "dl", "table", "blockquote"}
# Not text for the reader: the SVG (its title and description are in the figure beside it) and the like.
SKIPPED = {"svg", "style", "script", "head", "title", "colgroup", "col"}
BOLD = {"strong", "b", "th"}
ITALIC = {"em", "i"}
LISTS = ("ul", "ol")
EMPHASISED = {"marking", "level"}  # paragraphs the PDF sets in bold: the cover's marking, a judgement's level
BREAK = object()
DESCRIPTION_INDENT = 284  # twips: 5 mm
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters XML 1.0 cannot hold (a control character pasted from elsewhere): dropped, not an error.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WIDTH = re.compile(r"width:\s*([\d.]+)%")


def render_docx(context: dict, html: str | None = None, *, title: str, author: str, subject: str) -> bytes:
    """The Word edition of the report whose `report_context` is `context`, with the PDF's title, author and
    subject (report_build.pdf_metadata); `html`, when the caller has already rendered reports/report.html
    from the same context, saves rendering it again."""
    if html is None:
        html = render_to_string("reports/report.html", context)
    document = Document()
    _set_up(document, context, title=title, author=author, subject=subject)
    writer = _Writer(document)
    writer.container(etree.fromstring(html, etree.HTMLParser()).find("body"))
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_body(buffer.getvalue(), writer.body_xml())


def _with_body(package: bytes, body: bytes) -> bytes:
    """The saved package with `body` (WordprocessingML) before the section properties that end its empty
    body. Written apart and put in as text: moving 60,000 elements into python-docx's tree one by one, or
    making them there, took longer than making the whole document from the same HTML should."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", body + b"<w:sectPr", 1)
            target.writestr(info, data)
    return out.getvalue()


# ---------------------------------------------------------------- the document around the content


def _set_up(document, context: dict, *, title: str, author: str, subject: str) -> None:
    marking = context.get("marking") or settings.REPORT_PROTECTIVE_MARKING
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = author
    properties.subject = subject
    properties.category = marking
    properties.content_status = "Draft" if context["is_draft"] else "Final"
    properties.comments = context.get("version_label", "")
    properties.language = "en-GB"
    # python-docx writes the time as UTC whatever its zone: give it UTC.
    properties.created = properties.modified = context["built_at"].astimezone(datetime.UTC)
    properties.revision = 1
    _set_styles(document)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
        _header(section.header, marking, context)
        _footer(section.footer, marking)


def _set_styles(document) -> None:
    """Arial in near-black, British English, for every style; the template's blue theme colours and
    fonts would undo both (and its blue captions fail contrast)."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    fonts.attrib.clear()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = defaults.find(qn("w:lang"))
    language.set(qn("w:val"), "en-GB")
    language.set(qn("w:eastAsia"), "en-GB")
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        theme_fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
        if theme_fonts is not None:
            theme_fonts.getparent().remove(theme_fonts)
        if style.font.color.type is not None:
            style.font.color.rgb = INK
    document.styles["Normal"].font.size = Pt(11)
    # Table cells' text, smaller as in the PDF so that a narrow column keeps its words whole: a paragraph
    # style, as LibreOffice ignores a table style's font.
    cells = document.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = document.styles["Normal"]
    cells.font.size = Pt(9)
    cells.paragraph_format.space_after = Pt(0)
    cells.paragraph_format.line_spacing = 1


def _header(header, marking: str, context: dict) -> None:
    first = header.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.add_run(marking).bold = True
    if context["is_draft"]:
        first.add_run(f" – {DRAFT_MARKING}").bold = True
    running = header.add_paragraph(context["header_text"])
    running.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _footer(footer, marking: str) -> None:
    pages = footer.paragraphs[0]
    pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pages.add_run("Page ")
    _field(pages, "PAGE")
    pages.add_run(" of ")
    _field(pages, "NUMPAGES")
    marked = footer.add_paragraph()
    marked.alignment = WD_ALIGN_PARAGRAPH.CENTER
    marked.add_run(marking).bold = True


def _field(paragraph, instruction: str) -> None:
    """A field Word fills in as it lays out the pages (PAGE, NUMPAGES)."""
    field = OxmlElement("w:fldSimple", {qn("w:instr"): instruction})
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# ---------------------------------------------------------------- the content, from the HTML


def _classes(element) -> set:
    return set((element.get("class") or "").split())


def _hidden(element) -> bool:
    # The watermark is decoration (aria-hidden); the running header goes into each section's header.
    return element.get("aria-hidden") == "true" or "running-header" in _classes(element)


def _pieces(element, out: list, *, bold=False, italic=False) -> list:
    """The inline text of `element` as (text, bold, italic) and BREAK, in order, tails included; nested
    lists are left out (a list item's own list has paragraphs of its own)."""
    if element.text:
        out.append((element.text, bold, italic))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag == "br":
            out.append(BREAK)
        elif tag and tag not in SKIPPED and tag not in LISTS and not _hidden(child):
            _pieces(child, out, bold=bold or tag in BOLD, italic=italic or tag in ITALIC)
        if child.tail:
            out.append((child.tail, bold, italic))
    return out


def _text(pieces: list) -> str:
    return " ".join(" ".join(piece[0].split()) for piece in pieces if piece is not BREAK).strip()


def _has_text(pieces: list) -> bool:
    return any(piece is not BREAK and piece[0].strip() for piece in pieces)


@functools.cache
def _w(name: str) -> str:
    return qn(f"w:{name}")


def _sub(parent, tag: str, **attributes):
    return etree.SubElement(parent, _w(tag), {_w(name): str(value) for name, value in attributes.items()})


def _runs(p, pieces: list) -> None:
    """Runs in `p` for `pieces`, white space collapsed as HTML collapses it, each stretch of the same
    formatting one run."""
    text, style, pending_space, started = [], None, False, False

    def flush():
        if text:
            run = _sub(p, "r")
            if style[0] or style[1]:
                properties = _sub(run, "rPr")
                if style[0]:
                    _sub(properties, "b")
                if style[1]:
                    _sub(properties, "i")
            t = _sub(run, "t")
            t.text = NOT_XML.sub("", "".join(text))
            t.set(XML_SPACE, "preserve")
            text.clear()

    for piece in pieces:
        if piece is BREAK:
            flush()
            _sub(_sub(p, "r"), "br")
            pending_space, started = False, False
            continue
        content, bold, italic = piece
        words = content.split()
        if not words:
            pending_space = pending_space or bool(content)
            continue
        if (bold, italic) != style:
            flush()
            style = (bold, italic)
        if started and (pending_space or content[0].isspace()):
            text.append(" ")
        text.append(" ".join(words))
        started, pending_space = True, content[-1].isspace()
    flush()


class _Writer:
    """Walks the report's HTML body into the document's body, as WordprocessingML written with lxml:
    python-docx's objects cost about 5 ms a paragraph (each style set by name searches every style),
    which for a report of 900 evidence items would take longer than the PDF."""

    def __init__(self, document):
        self.document = document
        self.style_ids = {name: document.styles[name].style_id for name in STYLES}
        self.body = etree.Element(_w("body"), nsmap={"w": W})  # a plain lxml tree, saved into the package
        self.page_break = False  # the next paragraph starts a new page (a chapter begins)
        self.numbering, self.next_num_id, self.abstract_numbers = None, None, {}
        section = document.sections[0]
        self.text_width = (section.page_width - section.left_margin - section.right_margin) // 635  # EMU to twips

    def body_xml(self) -> bytes:
        """What was written, without the w:body element around it."""
        written = etree.tostring(self.body, encoding="utf-8")
        return written[written.index(b">") + 1 : written.rindex(b"</")] if len(self.body) else b""

    # Paragraphs

    def paragraph(
        self,
        pieces: list,
        style: str = "Normal",
        *,
        parent=None,
        bold=False,
        keep_next=False,
        indent=None,
        align=None,
        number=None,
        tight=False,
    ):
        """A w:p of `pieces` in `style`. Its properties are written in the order the schema gives them."""
        p = _sub(self.body if parent is None else parent, "p")
        properties = _sub(p, "pPr")
        if style != "Normal":
            _sub(properties, "pStyle", val=self.style_ids[style])
        if keep_next:
            _sub(properties, "keepNext")
        if self.page_break and parent is None:
            _sub(properties, "pageBreakBefore")
            self.page_break = False
        if number is not None:
            numbering = _sub(properties, "numPr")
            _sub(numbering, "ilvl", val=0)
            _sub(numbering, "numId", val=number)
        if tight:  # no space after: a term sits on its description
            _sub(properties, "spacing", after=0)
        if indent:
            _sub(properties, "ind", left=indent)
        if align:
            _sub(properties, "jc", val=align)
        if bold:
            pieces = [piece if piece is BREAK else (piece[0], True, piece[2]) for piece in pieces]
        _runs(p, pieces)
        return p

    # Blocks

    def container(self, element, style: str = "Normal") -> None:
        """The children of `element` in order: blocks as they come, loose inline content as paragraphs."""
        inline = [(element.text, False, False)] if element.text else []

        def flush():
            if _has_text(inline):
                self.paragraph(inline, style)
            inline.clear()

        for child in element:
            tag = child.tag if isinstance(child.tag, str) else None
            if tag in BLOCKS:
                flush()
                self.block(child, style)
            elif tag == "br":
                inline.append(BREAK)
            elif tag and tag not in SKIPPED and not _hidden(child):
                _pieces(child, inline, bold=tag in BOLD, italic=tag in ITALIC)
            if child.tail:
                inline.append((child.tail, False, False))
        flush()

    def block(self, element, style: str = "Normal") -> None:
        if _hidden(element):
            return
        tag, classes = element.tag, _classes(element)
        if tag in HEADINGS:
            self.paragraph(_pieces(element, []), HEADINGS[tag], keep_next=True)
        elif tag == "p":
            figure_title = "figure-title" in classes
            self.paragraph(
                _pieces(element, []),
                "Caption" if figure_title else style,
                bold=bool(classes & EMPHASISED),
                keep_next=figure_title,
            )
        elif tag in LISTS:
            self.listing(element)
        elif tag == "dl":
            self.definitions(element)
        elif tag == "table":
            self.table(element)
        elif tag == "blockquote":
            self.container(element, "Quote")
        else:
            if "chapter" in classes:
                self.page_break = True
            self.container(element, style)

    def listing(self, element, depth: int = 1) -> None:
        ordered = element.tag == "ol"
        style = ("List Number" if ordered else "List Bullet") + ("" if depth == 1 else " 2")
        number = self._numbering(style) if ordered else None
        for item in element.iterchildren("li"):
            self.paragraph(_pieces(item, []), style, number=number)
            for nested in item.iterchildren(*LISTS):
                self.listing(nested, depth=2)

    def _numbering(self, style: str) -> int:
        """A new numbering instance of `style`'s list that starts at 1: without one, every numbered list
        of the document would carry on counting from the one before."""
        if self.numbering is None:
            self.numbering = self.document.part.numbering_part.element
            self.next_num_id = max(int(n) for n in self.numbering.xpath("./w:num/@w:numId")) + 1
        if style not in self.abstract_numbers:
            style_num = self.document.styles[style].element.pPr.numPr.numId.val
            self.abstract_numbers[style] = self.numbering.num_having_numId(style_num).abstractNumId.val
        num_id, self.next_num_id = self.next_num_id, self.next_num_id + 1
        num = _sub(self.numbering, "num", numId=num_id)  # after every w:abstractNum, as the schema asks
        _sub(num, "abstractNumId", val=self.abstract_numbers[style])
        _sub(_sub(num, "lvlOverride", ilvl=0), "startOverride", val=1)
        return num_id

    def definitions(self, element) -> None:
        """A description list: each term a bold line kept with what follows, each description under it."""
        for child in element:
            if child.tag == "dt":
                self.paragraph(_pieces(child, []), bold=True, keep_next=True, tight=True)
            elif child.tag == "dd":
                self.paragraph(_pieces(child, []), indent=DESCRIPTION_INDENT)

    def table(self, element) -> None:
        """A bordered table whose header rows repeat on every page it runs to, its caption above it and
        in the table's own alternative text."""
        caption = element.find("caption")
        caption_text = ""
        if caption is not None:
            caption_pieces = _pieces(caption, [])
            self.paragraph(caption_pieces, "Caption", keep_next=True)
            caption_text = _text(caption_pieces)
        head = element.findall("thead/tr")
        body = element.findall("tbody/tr") + element.findall("tr")
        columns = max((len(_cells(row)) for row in head + body), default=0)
        if not columns:
            return
        widths = self._widths(element, columns)
        tbl = _sub(self.body, "tbl")
        properties = _sub(tbl, "tblPr")
        _sub(properties, "tblStyle", val=self.style_ids["Table Grid"])
        if widths:
            _sub(properties, "tblW", w=sum(widths), type="dxa")
            _sub(properties, "tblLayout", type="fixed")
        else:  # no widths in the HTML: the page's width, its columns sized to what they hold
            _sub(properties, "tblW", w=5000, type="pct")
            widths = [None] * columns
        _sub(
            properties, "tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0, noHBand=0, noVBand=1
        )
        if caption_text:
            _sub(properties, "tblCaption", val=caption_text)
        grid = _sub(tbl, "tblGrid")
        for width in widths:
            _sub(grid, "gridCol", w=width or self.text_width // columns)
        for tr in head:
            self._row(tbl, tr, widths, header=True)
        for tr in body:
            self._row(tbl, tr, widths)

    def _widths(self, element, columns: int) -> list[int]:
        """Each column's width in twips, as the HTML's colgroup shares of the text width; [] without them."""
        shares = [WIDTH.search(col.get("style") or "") for col in element.findall("colgroup/col")]
        if len(shares) != columns or not all(shares):
            return []
        return [int(self.text_width * float(share.group(1)) / 100) for share in shares]

    def _row(self, tbl, tr, widths: list, *, header: bool = False) -> None:
        row = _sub(tbl, "tr")
        properties = _sub(row, "trPr")
        _sub(properties, "cantSplit")
        if header:
            _sub(properties, "tblHeader")
        for td, width in zip(_cells(tr), widths, strict=False):
            cell = _sub(row, "tc")
            if width:
                _sub(_sub(cell, "tcPr"), "tcW", w=width, type="dxa")
            align = "right" if "num" in _classes(td) and not header else None
            self.paragraph(_pieces(td, [], bold=td.tag == "th"), TABLE_TEXT, parent=cell, align=align)


def _cells(tr) -> list:
    return [cell for cell in tr if cell.tag in ("td", "th")]
