"""Reading and writing the spreadsheets people swap with the tracker: CSV and Excel (XLSX).

Plain functions, no Django views and no models: action_import.py validates what is read
here, and the export views hand rows to the writers.

Reading streams: `open_sheet` returns the header and an iterator of (row number, cells),
row numbers as a spreadsheet shows them (the first line is row 1), blank rows skipped but
counted. A CSV is decoded as UTF-8 (with or without a byte-order mark), or as Windows-1252
when it is not UTF-8, which is what Excel's plain "CSV (Comma delimited)" saves. An XLSX
is read in openpyxl's read-only mode, first worksheet, formulas as their text ("=SUM(...)"),
so that the importer can refuse them rather than trust a cached result. A text file that
holds markup (HTML, SVG, XML) is not a CSV and is refused.

Reading is bounded by the reading budget (partnerships/reading_budget.py), which counts
the rows and cells read, blank ones included, and never trusts the size a sheet declares:
a file that needs more is refused, and the message says why.

Writing escapes formulas as OWASP's CSV injection advice says: a text cell that starts
with =, +, -, @, a tab or a carriage return gets a leading apostrophe, in CSV and XLSX
alike, so no spreadsheet runs it. CSV is written as UTF-8 with a byte-order mark so that
Excel reads its accents and curly quotes.
"""

import csv
import datetime
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from partnerships import filetypes, reading_budget

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMNS = 50  # more than any sheet of ours has; guards against a sheet millions of cells wide
MAX_CELL_CHARACTERS = 32_767  # Excel's own limit for a cell
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, the binary format before 2007


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message says why to the person who chose it."""


@dataclass
class Sheet:
    format: str
    header: list[str]  # the first non-blank row, each cell as stripped text
    header_row: int
    rows: Iterator[tuple[int, list]]  # (row number, cell values) for every later non-blank row

    def __iter__(self):
        return self.rows


def format_of(data: bytes, name: str) -> str:
    """CSV or XLSX, told by the content and checked against the name's extension."""
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    shown = PurePath(name or "").name or "The file"
    if data.startswith(OLD_EXCEL_MAGIC):
        raise SpreadsheetError(f"“{shown}” is in the old Excel format (.xls): save it as .xlsx or CSV and try again")
    kind = XLSX if data.startswith(XLSX_MAGIC) else CSV
    if extension not in FORMATS:
        raise SpreadsheetError(f"“{shown}” must be a CSV or Excel (.xlsx) file")
    if kind == CSV and (markup := filetypes.markup_in(data)):
        raise SpreadsheetError(
            f"“{shown}” holds {markup} markup, not the rows of a spreadsheet: save the plan from Excel "
            "as CSV or .xlsx and try again"
        )
    if kind != extension:
        label = "an Excel workbook" if kind == XLSX else "not an Excel workbook"
        raise SpreadsheetError(f"“{shown}” is {label} but its name ends in .{extension}: check the file and try again")
    return kind


def open_sheet(file, *, name: str = "", max_rows: int | None = None, max_bytes: int | None = None) -> Sheet:
    """The header and rows of an uploaded CSV or XLSX file (any binary file object).

    Raises SpreadsheetError for a file that cannot be read at all, is bigger than
    `max_bytes`, or has no header row; iterating the rows raises it when there are more
    than `max_rows` non-blank rows under the header, or when reading goes past the reading
    budget (the rest is not read). The budget's clock runs from here to the last row, so
    the caller's work on each row counts too.
    """
    name = name or getattr(file, "name", "") or ""
    shown = PurePath(name).name or "The file"
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read() if max_bytes is None else file.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise SpreadsheetError(f"“{shown}” must be smaller than {max_bytes // (1024 * 1024)} MB")
    if not data:
        raise SpreadsheetError(f"“{shown}” is empty")
    kind = format_of(data, name)
    budget = reading_budget.Budget(reading_budget.IMPORT)
    try:
        rows = _csv_rows(data, shown, budget) if kind == CSV else _xlsx_rows(data, shown, budget)
    except reading_budget.OverBudget as why:
        raise _beyond_budget(shown, why) from None
    return _with_header(kind, _within_budget(rows, shown), shown, max_rows)


def _beyond_budget(shown, why) -> SpreadsheetError:
    return SpreadsheetError(
        f"“{shown}” was not read to the end: {why}. Save it again with only the rows and columns of the plan, "
        "or split it into smaller files, and try again"
    )


def _within_budget(rows, shown) -> Iterator[tuple[int, list]]:
    try:
        yield from rows
    except reading_budget.OverBudget as why:
        raise _beyond_budget(shown, why) from None


def _with_header(kind, rows: Iterator[tuple[int, list]], shown, max_rows) -> Sheet:
    for number, cells in rows:
        if not _is_blank(cells):
            header = [_text(cell) for cell in cells]
            while header and not header[-1]:
                header.pop()
            return Sheet(kind, header, number, _data_rows(rows, max_rows))
    raise SpreadsheetError(f"“{shown}” has no header row: it needs the column names in its first row")


def _data_rows(rows, max_rows) -> Iterator[tuple[int, list]]:
    count = 0
    for number, cells in rows:
        if _is_blank(cells):
            continue
        count += 1
        if max_rows is not None and count > max_rows:
            raise SpreadsheetError(f"The file has more than {max_rows:,} rows: split it into smaller files")
        yield number, cells


def _is_blank(cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _decode(data: bytes, shown: str) -> str:
    if b"\x00" in data:
        raise SpreadsheetError(f"“{shown}” is not a CSV text file: save it as CSV UTF-8 and try again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SpreadsheetError(f"“{shown}” is not text that can be read: save it as CSV UTF-8 and try again") from None


def _csv_rows(data: bytes, shown: str, budget: reading_budget.Budget) -> Iterator[tuple[int, list]]:
    """Rows of a CSV, numbered by record: a quoted cell over several lines is still one row, as in Excel."""
    reader = csv.reader(io.StringIO(_decode(data, shown), newline=""))
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SpreadsheetError(f"Row {number + 1} of “{shown}” cannot be read as CSV ({error})") from None
        number += 1
        budget.spend(1 + len(cells))
        yield number, cells[:MAX_COLUMNS]


def open_workbook(file, budget: reading_budget.Budget, *, data_only: bool):
    """An openpyxl workbook of `file` (a binary file object) in read-only mode, opened within `budget`.

    First the zip's directory is checked, and the tags of every member, whatever its name, are
    counted: openpyxl opens whatever parts [Content_Types].xml and the relationships name. It
    parses all but the sheets whole as it opens the file (shared strings, styles, the workbook
    and its names), with no clock to look at, so their tags cost their measured price and are
    capped (reading_budget.WholeParts); the sheets, streamed by `sheet_rows`, a step a tag.
    Raises OverBudget, or what zipfile and openpyxl raise for a damaged file. Close the
    workbook after use.
    """
    from openpyxl import load_workbook

    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        reading_budget.check_zip(archive, budget)
        whole = reading_budget.WholeParts(budget)
        members = archive.infolist()
        # The package's own parts first (parsed whole by openpyxl, and by us to learn which parts are sheets).
        package = [m for m in members if m.filename == CONTENT_TYPES_PART or m.filename.endswith(".rels")]
        for member in package:
            whole.count(archive, member)
        sheets = _streamed_sheets(archive, package)
        # Every other member, whatever its name: openpyxl opens what [Content_Types].xml and the rels name.
        for member in members:
            if member in package:
                continue
            if member.filename in sheets:  # streamed row by row, each row and cell counted again as read
                reading_budget.count_markup(archive, member, budget)
            elif _may_be_markup(archive, member):  # not an image: openpyxl's parser stops at its first byte
                whole.count(archive, member)
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about features it skips (validation, styles)
        return load_workbook(file, read_only=True, data_only=data_only)


CONTENT_TYPES_PART = "[Content_Types].xml"
_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OVERRIDE = "http://schemas.openxmlformats.org/package/2006/content-types}Override"
_WORKSHEET_TYPE = "/worksheet"
_WORKSHEET_CONTENT = "spreadsheetml.worksheet+xml"


def _elements(archive, member, name: str) -> Iterator[dict]:
    """The attributes of each element called `name` in an XML member (already counted), streamed by expat."""
    from xml.parsers import expat

    found: list[dict] = []

    def refuse(*args):
        raise SpreadsheetError("a DOCTYPE in a workbook's package")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = lambda tag, attributes: found.append(attributes) if tag == name else None
    with archive.open(member) as handle:
        while chunk := handle.read(reading_budget.CHUNK):
            parser.Parse(chunk, False)
            yield from found
            found.clear()
        parser.Parse(b"", True)
    yield from found


def _may_be_markup(archive, member) -> bool:
    """Whether an XML parser could read `member` past its first bytes: it starts, after any byte-order
    mark and white space (in UTF-8 or UTF-16), with "<"."""
    with archive.open(member) as handle:
        start = handle.read(4096)
    start = start.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    start = start.lstrip(b" \t\r\n\x00")
    return not start or start.startswith(b"<")


def _streamed_sheets(archive, package) -> set[str]:
    """The members openpyxl's read-only mode streams as worksheets, found as openpyxl finds them (by the rels).

    A member also named in [Content_Types].xml as anything but a worksheet (shared strings, say)
    is parsed whole by openpyxl, so it is not among them; nor are styles, which openpyxl finds by name.
    """
    import posixpath

    sheets, claimed = set(), {"xl/styles.xml"}
    for member in package:
        if member.filename == CONTENT_TYPES_PART:
            for override in _elements(archive, member, _OVERRIDE):
                if _WORKSHEET_CONTENT not in override.get("ContentType", ""):
                    claimed.add(override.get("PartName", "").lstrip("/"))
            continue
        folder = posixpath.split(posixpath.split(member.filename)[0])[0]  # "xl/_rels/workbook.xml.rels": "xl"
        for relationship in _elements(archive, member, _RELATIONSHIP):
            target = relationship.get("Target", "")
            if not relationship.get("Type", "").endswith(_WORKSHEET_TYPE) or relationship.get("TargetMode"):
                continue
            sheets.add(target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target)))
    return sheets - claimed


def sheet_rows(sheet, budget: reading_budget.Budget, *, values_only: bool, max_col: int | None = None):
    """The rows of a read-only worksheet from row 1, each counted with its cells against `budget`.

    The size the sheet declares (its dimension) is not trusted: it can claim millions of rows
    and columns. Rows missing between those the sheet holds are yielded empty, so counting
    the rows gives Excel's row numbers, and each counts against the budget.
    """
    sheet.reset_dimensions()
    for row in sheet.iter_rows(values_only=values_only, max_col=max_col):
        budget.spend(1 + len(row))
        yield row


def _xlsx_rows(data: bytes, shown: str, budget: reading_budget.Budget) -> Iterator[tuple[int, list]]:
    unreadable = f"“{shown}” cannot be read as an Excel workbook: save it again as .xlsx or CSV and try again"
    try:
        workbook = open_workbook(io.BytesIO(data), budget, data_only=False)
    except reading_budget.OverBudget:
        raise
    except Exception:  # zipfile and openpyxl raise many kinds for a damaged or foreign file
        raise SpreadsheetError(unreadable) from None
    try:
        sheet = workbook.worksheets[0]
    except Exception:
        workbook.close()
        raise SpreadsheetError(unreadable) from None
    return _xlsx_iter(workbook, sheet, budget, unreadable)


def _xlsx_iter(workbook, sheet, budget, unreadable) -> Iterator[tuple[int, list]]:
    try:
        for number, cells in enumerate(sheet_rows(sheet, budget, values_only=True, max_col=MAX_COLUMNS), start=1):
            yield number, [_xlsx_value(cell) for cell in cells]
    except (SpreadsheetError, reading_budget.OverBudget):
        raise
    except Exception:
        raise SpreadsheetError(unreadable) from None
    finally:
        workbook.close()


def _xlsx_value(value):
    """Cell values as read: text, numbers, dates, booleans; an array formula as its formula text."""
    if value is None or isinstance(value, str | int | float | bool | datetime.date | datetime.time):
        return value
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula and DataTableFormula
    if isinstance(text, str):
        return text if text.startswith("=") else f"={text}"
    return str(value)


# Writing


def escape_formula(value):
    """A text value a spreadsheet could run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    """The text escape_formula was given: the apostrophe our exports add before =, +, -, @ is taken off."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return escape_formula(str(value))


def write_csv(header: list[str], rows: Iterable[list]) -> bytes:
    """A CSV file in UTF-8 with a byte-order mark; dates as YYYY-MM-DD; formulas escaped."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(header: list[str], rows: Iterable[list], *, title: str = "Sheet1", widths: dict | None = None) -> bytes:
    """An XLSX workbook of one sheet: a bold, frozen header; real dates shown as YYYY-MM-DD; formulas escaped.

    `widths` maps a column's header to its width in characters.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (widths or {}).get(name, 18)
    bold = Font(bold=True)

    def cell(value, font=None):
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        if isinstance(value, str):
            # openpyxl refuses control characters and would store "=..." as a formula.
            value = escape_formula(ILLEGAL_CHARACTERS_RE.sub("", value))[:MAX_CELL_CHARACTERS]
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.datetime):
            written.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, datetime.date):
            written.number_format = "yyyy-mm-dd"
        if font is not None:
            written.font = font
        return written

    sheet.append([cell(name, bold) for name in header])
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return (cleaned or "Sheet1")[:31]


def write(fmt: str, header: list[str], rows: Iterable[list], *, title: str = "Sheet1", widths=None) -> bytes:
    if fmt == CSV:
        return write_csv(header, rows)
    if fmt == XLSX:
        return write_xlsx(header, rows, title=title, widths=widths)
    raise ValueError(f"Unknown spreadsheet format {fmt!r}")
