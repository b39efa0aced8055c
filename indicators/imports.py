"""Importing indicator values from a CSV or XLSX file: every row checked, all or nothing.

Two kinds of file, told apart by their header row:

- the tracker's own template (TEMPLATE_COLUMNS; `template_rows` fills the download): a row for each figure
  of the partnership's own area, its indicator named by code. Checked and imported in one step (`upload`).
- a tidy file from the Department for Education's Explore Education Statistics service (indicators/ees.py):
  a row for each place and period, a column for each measure. Two steps: `upload` reads the file's measures
  and local authorities (ees.Survey) and the page holds the file (`hold`); the person maps each measure to
  one of the partnership's indicators or to "Do not import" and picks their local authority, and
  `import_tidy` checks and imports that authority's rows as the partnership's own figures (area code and
  name from the file), with England's and the authority's own region's rows as comparators. The rows of
  other authorities and regions are passed over.

As the action plan's import (decision 7): in the request, rows streamed (partnerships/spreadsheets.py, within
its reading budget and the same limits of 5 MB and 20,000 rows), lookups read once, every problem collected
with its row and column, then bulk inserts and updates with their history in one transaction, or nothing.
A figure already held for the same indicator, period, area and area code is replaced, with a history record,
not doubled; an unchanged one is left alone. For the partnership's own area, a figure held without an area
code (entered by hand) and one the file gives for the chosen authority are the same figure. A figure the
source suppressed is kept with its symbol, never as zero.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.text import has_control_characters
from indicators import ees, periods
from indicators.models import DECIMAL_PLACES, LARGEST, NOTE_LIMIT, Area, Indicator, Suppressed, Value
from partnerships import action_import, filetypes, held_uploads, spreadsheets
from partnerships.action_import import Problem
from partnerships.evidence import Upload
from partnerships.permissions import require

MAX_BYTES = action_import.MAX_BYTES
MAX_ROWS = action_import.MAX_ROWS
BATCH_SIZE = 1_000
HISTORY_REASON = "Imported from a spreadsheet"
PERMISSION = "can_import_values"
TEMPLATE, TIDY = "template", "tidy"
SKIP = "skip"  # a measure mapped to "Do not import"

CODE = "Indicator code"
NAME = "Indicator name"
PERIOD = "Period"
VALUE = "Value"
SUPPRESSED = "Suppressed"
NUMERATOR = "Numerator"
DENOMINATOR = "Denominator"
NOTE = "Note"
AREA_CODE = "Area code"
TEMPLATE_COLUMNS = [CODE, NAME, PERIOD, VALUE, SUPPRESSED, NUMERATOR, DENOMINATOR, NOTE, AREA_CODE]
REQUIRED = [CODE, PERIOD, VALUE]
AREA_CODE_LIMIT = Value._meta.get_field("area_code").max_length
SYMBOLS = ", ".join(Suppressed.values)
GUIDANCE = {
    CODE: "The indicator's code, such as I-R3-CPP-SA. Required.",
    NAME: "The indicator's name, to read by: the import does not use it. Optional.",
    PERIOD: f"The period the figure is for: {periods.EXAMPLES}. Required.",
    VALUE: "The figure, a number such as 12 or 4.5 (no % sign), or a suppression symbol. Required unless "
    "Suppressed is given.",
    SUPPRESSED: f"Where the figure is not published, its symbol: {SYMBOLS}. It is kept as that symbol, never as "
    "zero. Leave Value empty then. Optional.",
    NUMERATOR: "What the figure counts, for a percentage or a rate. Optional.",
    DENOMINATOR: "Out of how many. Not smaller than the numerator. Optional.",
    NOTE: f"Anything a reader of the figure should know, up to {NOTE_LIMIT:,} characters. Optional.",
    AREA_CODE: "The code of the local authority the figure is for, such as the E06… code Explore Education "
    "Statistics gives; leave it empty for the partnership's area as a whole. Optional.",
}
EMPTY_FIGURE = f"is empty: enter the figure, or a suppression symbol ({SYMBOLS}) if it is not published"
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_SYMBOLS = {symbol.casefold(): symbol for symbol in Suppressed.values}
_STEP = Decimal(1).scaleb(-DECIMAL_PLACES)


@dataclass
class Result:
    kind: str = ""  # TEMPLATE or TIDY, once the header row says which
    file_error: str = ""  # the file as a whole could not be read: nothing else was checked
    problems: list[Problem] = field(default_factory=list)
    survey: ees.Survey | None = None  # a tidy file's measures and authorities, for the mapping page
    rows: int = 0  # rows read under the header
    passed_over: int = 0  # template rows with nothing filled in; tidy rows of other places
    created: int = 0
    replaced: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.problems

    @property
    def imported(self) -> int:
        return self.created + self.replaced


@dataclass
class Figure:
    """One value to write, as a row of the file gives it."""

    row: int
    indicator: Indicator
    period: periods.Period
    area: str
    area_code: str
    area_name: str
    value: Decimal | None
    suppressed: str
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str | None = None  # None: a tidy file has no notes, so a note held already is kept

    @property
    def key(self) -> tuple:
        return (self.indicator.pk, self.period.label, self.area, self.area_code)

    def changes(self, current: Value) -> bool:
        return (
            current.value != self.value
            or current.suppressed != self.suppressed
            or current.numerator != self.numerator
            or current.denominator != self.denominator
            or (self.note is not None and current.note != self.note)
            or (bool(self.area_code) and current.area_code != self.area_code)
            or (bool(self.area_name) and current.area_name != self.area_name)
        )

    def apply(self, current: Value, *, user, source_file: str, now):
        current.value, current.suppressed = self.value, self.suppressed
        current.numerator, current.denominator = self.numerator, self.denominator
        if self.note is not None:
            current.note = self.note
        current.area_code = self.area_code or current.area_code
        current.area_name = self.area_name or current.area_name
        current.source_file, current.entered_by, current.entered_at = source_file, user, now
        current.version += 1

    def new_value(self, partnership, *, user, source_file: str) -> Value:
        value = Value(
            partnership=partnership,
            indicator=self.indicator,
            area=self.area,
            area_code=self.area_code,
            area_name=self.area_name,
            value=self.value,
            suppressed=self.suppressed,
            numerator=self.numerator,
            denominator=self.denominator,
            note=self.note or "",
            source_file=source_file,
            entered_by=user,
        )
        value.set_period(self.period)
        return value


UPDATED_FIELDS = [
    "value",
    "suppressed",
    "numerator",
    "denominator",
    "note",
    "area_code",
    "area_name",
    "source_file",
    "entered_by",
    "entered_at",
    "version",
]


# Cells


def cell_text(raw) -> str:
    """A cell as text: whole numbers without ".0", dates as YYYY-MM-DD, surrounding spaces gone."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    return str(raw).strip()


def formula_in(text: str) -> str | None:
    """Why a cell's text could be a formula a spreadsheet runs, or None. A signed number is a number."""
    if text[:1] in ("=", "@") or (text[:1] in ("+", "-") and not _NUMBER.fullmatch(text.replace(",", ""))):
        return f"starts with “{text[0]}”, which a spreadsheet could run as a formula: enter the figure itself"
    return None


def read_number(raw, what: str) -> tuple[Decimal | None, str | None]:
    """(the number, None) or (None, why not): a number cell, or text such as 12, -3, 4.5 or 1,234."""
    if isinstance(raw, bool):
        return None, f"“{raw}” is not a number"
    if isinstance(raw, int | float):
        text = repr(raw) if isinstance(raw, float) else str(raw)
    else:
        text = cell_text(raw)
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        if problem := formula_in(text):
            return None, problem
        if not _NUMBER.fullmatch(text):
            return None, f"“{text}” is not a number: write it with digits, like 12 or 4.5"
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, f"“{text}” is not a number: write it with digits, like 12 or 4.5"
    if not number.is_finite() or abs(number) > LARGEST:
        return None, f"“{text}” is too large: {what} must be at most {LARGEST:,}"
    return number.quantize(_STEP, rounding=ROUND_HALF_UP), None


def read_figure(raw, indicator: Indicator) -> tuple[Decimal | None, str, str | None]:
    """(number, suppression symbol, problem) of a cell that holds a figure or the symbol of one not published."""
    text = cell_text(raw)
    if not text:
        return None, "", EMPTY_FIGURE
    symbol = _SYMBOLS.get(text.casefold())
    if symbol:
        return None, symbol, None
    number, problem = read_number(raw, "a figure")
    if problem is None:
        problem = indicator.check_value(number, what=f"A figure of {indicator.code}")
    return number, "", problem


def _plain(number: Decimal) -> str:
    """A number as it was most likely written: 40, not 40.000."""
    return f"{number.normalize():f}"


# Reading the file


def _open(file, name: str) -> spreadsheets.Sheet:
    return spreadsheets.open_sheet(file, name=name, max_rows=MAX_ROWS, max_bytes=MAX_BYTES)


def _shown(name: str) -> str:
    return name or "The file"


def indicators_of(partnership) -> list[Indicator]:
    """The indicators a file's figures may be for: the partnership's, in the order its pages list them."""
    return list(Indicator.objects.of(partnership).order_by("partnership", "position", "code"))


def upload(*, membership, file, name: str = "") -> Result:
    """The first step: a template file is checked and imported; a tidy file is surveyed for the mapping page."""
    require(membership, PERMISSION)
    try:
        sheet = _open(file, name)
        if ees.is_tidy_header(sheet.header):
            return survey_tidy(sheet, name)
        if ees.normal(CODE) in {ees.normal(title) for title in sheet.header}:
            return import_template(membership, sheet, name)
    except spreadsheets.SpreadsheetError as error:
        return Result(file_error=str(error))
    return Result(file_error=_neither(name))


def _neither(name: str) -> str:
    return (
        f"“{_shown(name)}” is neither this service's template nor a tidy file from Explore Education Statistics: "
        f"the template's first row names its columns ({', '.join(REQUIRED)} and more), a tidy file's starts with "
        "time_period, time_identifier and geographic_level. Download the template from this page, or the data "
        "from Explore Education Statistics as CSV, and try again"
    )


# The template


def _template_positions(sheet) -> tuple[dict[str, int], list[Problem]]:
    wanted = {ees.normal(name): name for name in TEMPLATE_COLUMNS}
    positions, problems = {}, []
    for index, title in enumerate(sheet.header):
        name = wanted.get(ees.normal(title))
        if name is None:
            continue  # other columns are left alone
        if name in positions:
            problems.append(Problem(sheet.header_row, name, "appears twice in the header row: keep one"))
        else:
            positions[name] = index
    for name in REQUIRED:
        if name not in positions:
            problems.append(
                Problem(sheet.header_row, name, "is missing from the header row: add a column with this name")
            )
    return positions, problems


def import_template(membership, sheet, name: str) -> Result:
    result = Result(kind=TEMPLATE)
    positions, result.problems = _template_positions(sheet)
    if result.problems:
        return result
    indicators = {ees.normal(indicator.code): indicator for indicator in indicators_of(membership.partnership)}
    codes = ", ".join(indicator.code for indicator in indicators.values())
    figures, seen = [], {}
    for number, cells in sheet:
        result.rows += 1
        row = _TemplateRow(number, cells, positions)
        if row.is_unfilled():
            result.passed_over += 1
            continue
        figure = row.figure(indicators, codes)
        if figure is not None:
            row.check_repeat(figure, seen)
        if row.problems:
            result.problems.extend(row.problems)
        else:
            figures.append(figure)
    if result.ok and not figures:
        result.file_error = (
            f"“{_shown(name)}” has no figures to import: fill in the period and the value (or its suppression "
            "symbol) of at least one row"
        )
    return _write_if_ok(result, membership, figures, name)


class _TemplateRow:
    """The checking of one template row, its problems collected as they are found."""

    def __init__(self, number, cells, positions):
        self.number = number
        self.raw = {name: cells[index] if index < len(cells) else None for name, index in positions.items()}
        self.problems: list[Problem] = []

    def problem(self, column, reason):
        self.problems.append(Problem(self.number, column, reason))

    def text(self, column) -> str:
        return cell_text(self.raw.get(column))

    def is_unfilled(self) -> bool:
        """A row of the downloaded template left as it came: an indicator, but no period and no figure."""
        return not any(self.text(column) for column in (PERIOD, VALUE, SUPPRESSED, NUMERATOR, DENOMINATOR, NOTE))

    def figure(self, indicators: dict, codes: str) -> Figure | None:
        indicator = self.indicator(indicators, codes)
        period = self.period()
        numerator, denominator = self.number_in(NUMERATOR), self.number_in(DENOMINATOR)
        if numerator is not None and denominator is not None and numerator > denominator:
            self.problem(NUMERATOR, f"{_plain(numerator)} is larger than the denominator, {_plain(denominator)}")
        note, area_code = self.note(), self.area_code()
        value, suppressed = self.value(indicator)
        if self.problems:
            return None
        return Figure(
            self.number, indicator, period, Area.LOCAL, area_code, "", value, suppressed, numerator, denominator, note
        )

    def indicator(self, indicators: dict, codes: str) -> Indicator | None:
        code = self.text(CODE)
        if not code:
            self.problem(CODE, "is empty: enter the indicator's code")
            return None
        indicator = indicators.get(ees.normal(code))
        if indicator is None:
            self.problem(CODE, f"“{code}” is not an indicator of this partnership: use one of {codes}")
        return indicator

    def period(self) -> periods.Period | None:
        try:
            return periods.parse(self.text(PERIOD))
        except periods.PeriodError as error:
            self.problem(PERIOD, str(error))
            return None

    def number_in(self, column) -> Decimal | None:
        if not self.text(column):
            return None
        number, problem = read_number(self.raw[column], f"the {column.lower()}")
        if problem is None and number < 0:
            problem = f"{_plain(number)} is negative: it cannot be"
        if problem:
            self.problem(column, problem)
            return None
        return number

    def value(self, indicator) -> tuple[Decimal | None, str]:
        given, symbol_text = self.text(VALUE), self.text(SUPPRESSED)
        if given and symbol_text:
            self.problem(SUPPRESSED, "is filled in as well as Value: give the figure or its suppression symbol")
            return None, ""
        if symbol_text:
            symbol = _SYMBOLS.get(symbol_text.casefold())
            if symbol is None:
                self.problem(SUPPRESSED, f"“{symbol_text}” is not a suppression symbol: use one of {SYMBOLS}")
            return None, symbol or ""
        if indicator is None:
            return None, ""
        number, symbol, problem = read_figure(self.raw[VALUE], indicator)
        if problem:
            self.problem(VALUE, problem)
        return number, symbol

    def note(self) -> str:
        text = spreadsheets.unescape_formula(self.text(NOTE))
        if text[:1] in ("=", "+", "-", "@"):
            self.problem(NOTE, f"starts with “{text[0]}”, which a spreadsheet could run as a formula: remove it")
        elif has_control_characters(text):
            self.problem(NOTE, "contains hidden control characters: type it again, or paste it as plain text")
        elif len(text) > NOTE_LIMIT:
            self.problem(NOTE, f"must be {NOTE_LIMIT:,} characters or fewer (it has {len(text):,})")
        return text

    def area_code(self) -> str:
        text = self.text(AREA_CODE)
        if text and (formula_in(text) or has_control_characters(text) or len(text) > AREA_CODE_LIMIT):
            self.problem(AREA_CODE, f"“{text[:40]}” is not an area code: use one such as E06000001, or leave it empty")
        return text

    def check_repeat(self, figure: Figure, seen: dict):
        first = seen.setdefault(figure.key, self.number)
        if first != self.number:
            self.problem(PERIOD, f"repeats row {first}: the same indicator, period and area code")


# A tidy file from Explore Education Statistics


def survey_tidy(sheet, name: str) -> Result:
    """The first step of a tidy file: its header checked, its local authorities listed. Nothing is written."""
    result = Result(kind=TIDY)
    columns = _tidy_columns(sheet, name, result)
    if columns is None:
        return result
    geography, found = ees.Geography(columns.positions), {}
    for _number, cells in sheet:
        result.rows += 1
        if geography.level(cells) == ees.LOCAL_AUTHORITY:
            authority = geography.authority(cells)
            found.setdefault(authority.key, authority)
    return _surveyed(result, sheet, columns, found, name)


def _tidy_columns(sheet, name: str, result: Result) -> ees.Columns | None:
    columns = ees.columns_of(sheet.header)
    if columns.missing:
        result.file_error = ees.missing_columns_message(_shown(name), columns.missing)
    elif columns.repeated:
        result.problems = [
            Problem(sheet.header_row, title, "appears twice in the header row: keep one") for title in columns.repeated
        ]
    elif not columns.measures:
        result.file_error = (
            f"“{_shown(name)}” has no measures: after the time and geography columns a tidy file has a column for "
            "each measure"
        )
    else:
        return columns
    return None


def _surveyed(result: Result, sheet, columns: ees.Columns, found: dict, name: str) -> Result:
    if not result.rows:
        result.file_error = f"“{_shown(name)}” has no rows under its header row"
    elif not found or "" in found:
        result.file_error = (
            f"“{_shown(name)}” has no rows for a named local authority: the rows whose geographic_level is "
            "“Local authority” give its new_la_code and la_name. Download the data again with local authorities "
            "in it"
        )
    result.survey = ees.Survey(name, sheet.header_row, columns.measures, ees.authorities_in(found), result.rows)
    return result


@dataclass
class _Choices:
    """What the person chose on the mapping page, checked against the file."""

    indicators: dict[int, Indicator]  # header position -> indicator, for each mapped measure
    authority: ees.Authority | None


def _choose(survey: ees.Survey, mapping: dict[int, str], authority: str, partnership) -> tuple[_Choices, list]:
    """The mapping of measures to indicators and the authority, and a problem for each that is not right."""
    known = {str(indicator.pk): indicator for indicator in indicators_of(partnership)}
    chosen, problems, first = {}, [], {}
    row = survey.header_row
    for index, title in survey.measures:
        choice = str(mapping.get(index) or "").strip()
        if choice == SKIP:
            continue
        indicator = known.get(choice)
        if not choice:
            problems.append(Problem(row, title, "is not mapped: choose the indicator it gives, or “Do not import”"))
        elif indicator is None:
            problems.append(Problem(row, title, "is mapped to an indicator this partnership does not record"))
        elif indicator.pk in first:
            problems.append(
                Problem(row, title, f"is mapped to {indicator.code}, as “{first[indicator.pk]}” is: map each once")
            )
        else:
            first[indicator.pk] = title
            chosen[index] = indicator
    found = survey.find(authority)
    if found is None:
        reason = (
            f"“{authority}” is not a local authority in this file: choose one of its {len(survey.authorities)}"
            if authority.strip()
            else "no local authority was chosen: choose the partnership's"
        )
        problems.append(Problem(row, "new_la_code", reason))
    return _Choices(chosen, found), problems


def import_tidy(*, membership, file, name: str = "", mapping: dict[int, str], authority: str) -> Result:
    """The second step of a tidy file: with each measure mapped (by its position in the header) and the local
    authority chosen (by code or name), check the rows of that authority, of England and of its region, and
    import them if none has a problem."""
    require(membership, PERMISSION)
    result = Result(kind=TIDY)
    try:
        sheet = _open(file, name)
        columns = _tidy_columns(sheet, name, result)
        if columns is None:
            return result
        kept = _read_tidy(sheet, columns, authority, result)
    except spreadsheets.SpreadsheetError as error:
        return Result(kind=TIDY, file_error=str(error))
    _surveyed(result, sheet, columns, kept.authorities, name)
    if not result.ok:
        return result
    choices, result.problems = _choose(result.survey, mapping, authority, membership.partnership)
    if result.problems:
        return result
    figures = _tidy_figures(kept, columns, choices, result)
    return _write_if_ok(result, membership, figures, name)


@dataclass
class _Kept:
    """The rows of a tidy file an import may use, and every authority the file names."""

    geography: ees.Geography
    england: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    local: list = field(default_factory=list)
    authorities: dict = field(default_factory=dict)


def _read_tidy(sheet, columns: ees.Columns, authority: str, result: Result) -> _Kept:
    """One pass over the rows: England's, every region's (the authority's region is known only once its rows
    are read) and the chosen authority's are kept; the rest are passed over."""
    kept = _Kept(ees.Geography(columns.positions))
    geography, wanted = kept.geography, ees.normal(authority)
    for number, cells in sheet:
        result.rows += 1
        level = geography.level(cells)
        if level == ees.LOCAL_AUTHORITY:
            place = geography.authority(cells)
            kept.authorities.setdefault(place.key, place)
            if wanted and place.is_named_by(wanted):
                kept.local.append((number, cells))
                continue
        elif level == ees.NATIONAL and geography.is_england(cells):
            kept.england.append((number, cells))
            continue
        elif level == ees.REGIONAL:
            kept.regions.append((number, cells))
            continue
        result.passed_over += 1
    return kept


def _tidy_figures(kept: _Kept, columns: ees.Columns, choices: _Choices, result: Result) -> list[Figure]:
    geography, authority = kept.geography, choices.authority
    places = [
        (Area.LOCAL, kept.local, lambda cells: (authority.code, authority.name)),
        (Area.ENGLAND, kept.england, lambda cells: _named(geography, cells, "country", ees.ENGLAND_CODE, "England")),
        (Area.REGION, [r for r in kept.regions if geography.in_region(r[1], authority)], _region_of(geography)),
    ]
    result.passed_over += len(kept.regions) - len(places[2][1])
    reader = _TidyReader(geography, columns, choices.indicators)
    figures, seen = [], {}
    for area, rows, name_of in places:
        for number, cells in rows:
            figures.extend(reader.figures(number, cells, area, *name_of(cells), seen=seen))
    result.problems.extend(reader.problems)
    return figures


def _named(geography, cells, prefix: str, default_code: str, default_name: str) -> tuple[str, str]:
    return (
        geography.cell(cells, f"{prefix}_code") or default_code,
        geography.cell(cells, f"{prefix}_name") or default_name,
    )


def _region_of(geography):
    return lambda cells: _named(geography, cells, "region", "", "")


class _TidyReader:
    """The figures of a tidy file's rows, with every problem found, periods read once each."""

    def __init__(self, geography: ees.Geography, columns: ees.Columns, indicators: dict[int, Indicator]):
        self.geography = geography
        self.mapped = [(index, title, indicators[index]) for index, title in columns.measures if index in indicators]
        self.periods: dict[tuple, periods.Period | str] = {}
        self.problems: list[Problem] = []

    def period(self, number, cells) -> periods.Period | None:
        key = (self.geography.cell(cells, "time_period"), self.geography.cell(cells, "time_identifier"))
        if key not in self.periods:
            try:
                self.periods[key] = periods.from_time_period(*key)
            except periods.PeriodError as error:
                self.periods[key] = str(error)
        found = self.periods[key]
        if isinstance(found, str):
            self.problems.append(Problem(number, "time_period", found))
            return None
        return found

    def figures(self, number, cells, area, code, name, *, seen) -> list[Figure]:
        period = self.period(number, cells)
        found = []
        for index, title, indicator in self.mapped:
            raw = cells[index] if index < len(cells) else None
            value, symbol, problem = read_figure(raw, indicator)
            if problem:
                self.problems.append(Problem(number, title, problem))
                continue
            if period is None:
                continue
            figure = Figure(number, indicator, period, area, code, name, value, symbol)
            first = seen.setdefault(figure.key, number)
            if first != number:
                self.problems.append(
                    Problem(number, title, f"repeats row {first}: the same place and period ({period.label})")
                )
            found.append(figure)
        return found


# Holding a tidy file between the two steps


def hold(file, *, name: str, user) -> str:
    """A signed token for the uploaded file, kept (partnerships/held_uploads.py) until the mapping is sent."""
    kind = filetypes.XLSX if name.lower().endswith(".xlsx") else filetypes.CSV
    return held_uploads.hold([Upload(file=file, name=name, kind=kind)], user=user)


def held(token: str, *, user) -> Upload | None:
    """The file `token` holds for `user`, or None if it is not theirs, expired or gone."""
    found = held_uploads.held(token, user=user)
    return found[0] if found else None


def release(upload: Upload):
    """Delete the held copy: imported, it is needed no more."""
    held_uploads.discard([upload])


# Writing


def _write_if_ok(result: Result, membership, figures: list[Figure], name: str) -> Result:
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            result.created, result.replaced, result.unchanged = write(membership, figures, source_file=name)
    except IntegrityError:  # another import or entry of the same figure, at the same moment
        result.file_error = (
            "Someone saved figures of the same indicators while this file was being imported, so nothing was "
            "imported: select the file again"
        )
    return result


def write(membership, figures: list[Figure], *, source_file: str) -> tuple[int, int, int]:
    """Create or replace each figure's value, with history, in bulk. Call inside a transaction.
    Returns (created, replaced, unchanged)."""
    partnership, user = membership.partnership, membership.user
    source_file = source_file[: Value._meta.get_field("source_file").max_length]
    matches = _match(partnership, figures)
    now = timezone.now()
    new, changed = [], []
    for figure in figures:
        current = matches.get(id(figure))
        if current is None:
            new.append(figure.new_value(partnership, user=user, source_file=source_file))
        elif figure.changes(current):
            figure.apply(current, user=user, source_file=source_file, now=now)
            changed.append(current)
    options = {"batch_size": BATCH_SIZE, "default_user": user, "default_change_reason": HISTORY_REASON}
    bulk_create_with_history(new, Value, **options)
    bulk_update_with_history(changed, Value, UPDATED_FIELDS, **options)
    return len(new), len(changed), len(figures) - len(new) - len(changed)


def _match(partnership, figures: list[Figure]) -> dict[int, Value]:
    """The value each figure replaces (by the figure's id), read under a lock.

    First the same indicator, period, area and area code. Then, for the partnership's own area only, a value
    of the same indicator and period where one of the two has no area code: one entered by hand and the
    file's figure for the chosen authority are the same figure (if only one such value is held).
    """
    held_values = (
        Value.objects.select_for_update()
        .filter(partnership=partnership, indicator__in={figure.indicator.pk for figure in figures})
        .order_by("pk")
    )
    exact, local = {}, {}
    for value in held_values:
        exact[(value.indicator_id, value.period, value.area, value.area_code)] = value
        if value.area == Area.LOCAL:
            local.setdefault((value.indicator_id, value.period), []).append(value)
    matches, claimed, waiting = {}, set(), []
    for figure in figures:
        current = exact.get(figure.key)
        if current is not None:
            matches[id(figure)] = current
            claimed.add(current.pk)
        elif figure.area == Area.LOCAL:
            waiting.append(figure)
    for figure in waiting:
        candidates = [
            value
            for value in local.get((figure.indicator.pk, figure.period.label), [])
            if value.pk not in claimed and (not value.area_code or not figure.area_code)
        ]
        if len(candidates) == 1:
            matches[id(figure)] = candidates[0]
            claimed.add(candidates[0].pk)
    return matches


# The template file


def template_rows(partnership) -> list[list]:
    """The partnership's own figures as the template holds them (so the file can be changed and sent back),
    then a row to fill in for each indicator with none."""
    indicators = indicators_of(partnership)
    values = Value.objects.filter(partnership=partnership, area=Area.LOCAL).select_related("indicator").in_order()
    rows, recorded = [], set()
    order = {indicator.pk: position for position, indicator in enumerate(indicators)}
    for value in sorted(values, key=lambda v: (order.get(v.indicator_id, 0), v.period_start, v.period_end)):
        recorded.add(value.indicator_id)
        rows.append(
            [
                value.indicator.code,
                value.indicator.name,
                value.period,
                _number(value.value),
                value.suppressed,
                _number(value.numerator),
                _number(value.denominator),
                value.note,
                value.area_code,
            ]
        )
    rows.extend([i.code, i.name, "", "", "", "", "", "", ""] for i in indicators if i.pk not in recorded)
    return rows


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral() else value.normalize()
