"""Importing a partnership's action plan from a CSV or XLSX file: every row checked, all or nothing.

The design, chosen for simplicity: the import runs synchronously in the request. Rows are
streamed from the file (partnerships/spreadsheets.py), checked against lookups read once
into dicts (agencies by name, recommendations by code), and written with bulk inserts in
one transaction, so 10,000 rows take a few seconds (bench/import_actions.py measures it)
and no background job or staging table is needed. Files are capped at 5 MB and 20,000
rows.

Every row is checked and every problem collected, each naming its row and column: a
missing column (then nothing else is checked), an empty required cell, a date that is not
a date, a due date before the start, an unknown agency, recommendation or status, a row
that repeats an earlier one or an item already in the plan (same description, owner and
due date: so a file sent twice is not imported twice), a cell that starts with =, +, - or
@ (a spreadsheet could run it as a formula), a hidden control character (PostgreSQL refuses
NUL), text that is too long. If any row has a problem nothing is imported.

Each imported item gets one creation history record (with its recommendations and
contributing agencies), as an item made in the form does: bulk_create_with_history for
the items and their records, plain multi-row INSERTs for the links and their copies.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from common.text import has_control_characters
from partnerships import spreadsheets
from partnerships.actions import DESCRIPTION_LIMIT
from partnerships.models import ActionItem, Membership

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
BATCH_SIZE = 1_000
HISTORY_REASON = "Imported from a spreadsheet"

DESCRIPTION = "Description"
RECOMMENDATIONS = "Recommendations"
OWNER = "Owner agency"
CONTRIBUTORS = "Contributing agencies"
LEAD = "Named lead"
START = "Start date"
DUE = "Due date"
STATUS = "Status"
IMPACT = "Impact evidenced"
COLUMNS = [DESCRIPTION, RECOMMENDATIONS, OWNER, CONTRIBUTORS, LEAD, START, DUE, STATUS, IMPACT]
OPTIONAL = {CONTRIBUTORS, IMPACT}
MAX_LENGTH = {
    DESCRIPTION: DESCRIPTION_LIMIT,
    RECOMMENDATIONS: 500,
    OWNER: 200,
    CONTRIBUTORS: 5_000,
    LEAD: ActionItem._meta.get_field("lead_name").max_length,
    START: 30,
    DUE: 30,
    STATUS: 50,
    IMPACT: 10,
}
# What each column takes, for the import page and the template file.
GUIDANCE = {
    DESCRIPTION: "What will be done. Required.",
    RECOMMENDATIONS: "The codes of the recommendations it answers, separated by semicolons, like R1; R3. Required.",
    OWNER: "The name of the agency that owns it, as this partnership names it. Required.",
    CONTRIBUTORS: "Names of other agencies taking part, separated by semicolons. Optional.",
    LEAD: "The person who leads it. Required.",
    START: "Like 2026-04-01 or 01/04/2026. Required.",
    DUE: "Like 2027-03-31 or 31/03/2027, on or after the start date. Required.",
    STATUS: "One of: " + ", ".join(str(label) for label in ActionItem.Status.labels) + ". Required.",
    IMPACT: "Yes or No: has its impact on children been shown? Optional, No if empty.",
}
SEMICOLONS = (
    "“{name}” separates its columns with semicolons: save it as CSV with commas "
    "(in Excel, “CSV UTF-8 (Comma delimited)”) and try again"
)
YES = {"yes", "y", "true"}
NO = {"no", "n", "false", ""}
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    reason: str

    def __str__(self):
        return f"Row {self.row}, column “{self.column}”: {self.reason}"


@dataclass
class ParsedRow:
    row: int
    description: str
    recommendation_ids: list[int]
    owner_id: int
    contributor_ids: list[int]
    lead_name: str
    start_date: datetime.date
    due_date: datetime.date
    status: str
    impact_evidenced: bool


@dataclass
class ImportResult:
    file_error: str = ""  # the file as a whole could not be read: nothing else was checked
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0  # rows read under the header
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.problems


def _normal(text: str) -> str:
    """For matching names and codes: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


class Lookups:
    """The partnership's agencies, recommendations and the statuses, read once per import."""

    def __init__(self, partnership):
        self.partnership = partnership
        self.agencies = {_normal(a.name): a.pk for a in partnership.agencies.all()}
        recommendations = list(partnership.framework.recommendations.order_by("position"))
        self.recommendations = {_normal(r.code): r.pk for r in recommendations}
        self.recommendation_codes = ", ".join(r.code for r in recommendations)
        self.statuses = {}
        for value, label in ActionItem.Status.choices:
            self.statuses[_normal(str(label))] = value
            self.statuses[_normal(value)] = value
        self.status_labels = ", ".join(str(label) for label in ActionItem.Status.labels)
        # The plan's own items, so that a file sent twice (a double click, a second try) is refused.
        self.existing = {
            (_normal(description), owner_id, due)
            for description, owner_id, due in partnership.actions.values_list(
                "description", "owner_agency_id", "due_date"
            )
        }


def _cell_text(value) -> str:
    """A cell as text: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value) -> datetime.date | None:
    """A real date from a date cell, YYYY-MM-DD or DD/MM/YYYY text; None for anything else."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(" 00:00:00"):  # a date cell saved to CSV by some tools
        text = text[: -len(" 00:00:00")]
    if match := ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := UK_DATE.match(text):
        day, month, year = match.groups()
    else:
        return None
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _split(text: str, separators: str) -> list[str]:
    parts = re.split(f"[{re.escape(separators)}]", text)
    return [part.strip() for part in parts if part.strip()]


def check_header(sheet) -> tuple[dict[str, int], list[Problem]]:
    """Where each column is; a problem for each missing or repeated column."""
    positions: dict[str, int] = {}
    problems = []
    wanted = {_normal(name): name for name in COLUMNS}
    for index, title in enumerate(sheet.header):
        name = wanted.get(_normal(title))
        if name is None:
            continue  # other columns (an export's Overdue, Latest update...) are left alone
        if name in positions:
            problems.append(Problem(sheet.header_row, name, "appears twice in the header row: keep one"))
        else:
            positions[name] = index
    for name in COLUMNS:
        if name not in positions:
            reason = "is missing from the header row: add a column with this name"
            if name in OPTIONAL:
                reason += ", even if you leave its cells empty"
            problems.append(Problem(sheet.header_row, name, reason))
    return positions, problems


def check_row(number, cells, positions, lookups, seen) -> tuple[ParsedRow | None, list[Problem]]:
    """One row: the item to create, or the row's problems (all of them)."""
    problems = []

    def problem(column, reason):
        problems.append(Problem(number, column, reason))

    raw, text = {}, {}
    for name, index in positions.items():
        value = cells[index] if index < len(cells) else None
        raw[name] = value
        text[name] = spreadsheets.unescape_formula(_cell_text(value))
    usable = {}  # columns whose text may be read further
    for name in COLUMNS:
        value = _cell_text(raw[name])
        if value and value[0] in "=+-@":
            problem(name, f"starts with “{value[0]}”, which a spreadsheet could run as a formula: remove it")
        elif has_control_characters(text[name]):
            problem(name, "contains hidden control characters: type it again, or paste it as plain text")
        elif len(text[name]) > MAX_LENGTH[name]:
            problem(name, f"must be {MAX_LENGTH[name]:,} characters or fewer (it has {len(text[name]):,})")
        elif not text[name] and name not in OPTIONAL:
            problem(name, "is empty: enter a value")
        else:
            usable[name] = text[name]

    recommendation_ids = []
    if RECOMMENDATIONS in usable:
        for code in _split(usable[RECOMMENDATIONS], ";,"):
            pk = lookups.recommendations.get(_normal(code))
            if pk is None:
                problem(
                    RECOMMENDATIONS,
                    f"“{code}” is not a recommendation code of this partnership's review: "
                    f"use {lookups.recommendation_codes}",
                )
            elif pk not in recommendation_ids:
                recommendation_ids.append(pk)
        if not recommendation_ids and not _split(usable[RECOMMENDATIONS], ";,"):
            problem(RECOMMENDATIONS, "is empty: enter a value")

    owner_id = None
    if OWNER in usable:
        owner_id = lookups.agencies.get(_normal(usable[OWNER]))
        if owner_id is None:
            problem(OWNER, f"“{usable[OWNER]}” is not an agency of {lookups.partnership.name}")

    contributor_ids = []
    for name in _split(usable.get(CONTRIBUTORS, ""), ";"):
        pk = lookups.agencies.get(_normal(name))
        if pk is None:
            problem(CONTRIBUTORS, f"“{name}” is not an agency of {lookups.partnership.name}")
        elif pk not in contributor_ids:
            contributor_ids.append(pk)

    dates = {}
    for name in (START, DUE):
        if name in usable:
            dates[name] = parse_date(raw[name] if not isinstance(raw[name], str) else usable[name])
            if dates[name] is None:
                problem(name, f"“{usable[name]}” is not a real date: use YYYY-MM-DD or DD/MM/YYYY, like 2026-04-01")
    start, due = dates.get(START), dates.get(DUE)
    if start and due and due < start:
        problem(DUE, f"is before the start date ({start.isoformat()}): it must be the same or later")

    status = None
    if STATUS in usable:
        status = lookups.statuses.get(_normal(usable[STATUS]))
        if status is None:
            problem(STATUS, f"“{usable[STATUS]}” is not a status: use one of {lookups.status_labels}")

    impact = False
    if IMPACT in usable:
        answer = _normal(usable[IMPACT])
        if answer in YES:
            impact = True
        elif answer not in NO:
            problem(IMPACT, f"“{usable[IMPACT]}” must be Yes or No")

    if DESCRIPTION in usable and OWNER in usable and due is not None:
        key = (_normal(usable[DESCRIPTION]), owner_id or _normal(usable[OWNER]), due)
        if key in seen:
            problem(DESCRIPTION, f"repeats row {seen[key]} (the same description, owner agency and due date)")
        else:
            seen[key] = number
            if key in lookups.existing:
                problem(DESCRIPTION, "is already in the action plan, with the same owner agency and due date")

    if problems:
        return None, problems
    return (
        ParsedRow(
            row=number,
            description=usable[DESCRIPTION],
            recommendation_ids=recommendation_ids,
            owner_id=owner_id,
            contributor_ids=contributor_ids,
            lead_name=usable[LEAD],
            start_date=start,
            due_date=due,
            status=status,
            impact_evidenced=impact,
        ),
        [],
    )


def read_and_check(partnership, file, *, name: str = "") -> tuple[ImportResult, list[ParsedRow]]:
    """Read every row of the file and check it. Nothing is written."""
    result = ImportResult()
    parsed: list[ParsedRow] = []
    try:
        sheet = spreadsheets.open_sheet(file, name=name, max_rows=MAX_ROWS, max_bytes=MAX_BYTES)
        positions, result.problems = check_header(sheet)
        if not positions and len(sheet.header) == 1 and ";" in sheet.header[0]:
            return ImportResult(file_error=SEMICOLONS.format(name=name or "The file")), []
        if result.problems:
            return result, []
        lookups, seen = Lookups(partnership), {}
        for number, cells in sheet:
            result.rows += 1
            row, problems = check_row(number, cells, positions, lookups, seen)
            if row is not None:
                parsed.append(row)
            result.problems.extend(problems)
    except spreadsheets.SpreadsheetError as error:
        return ImportResult(file_error=str(error)), []
    if not result.rows:
        result.file_error = "The file has no actions under its header row: add one row for each action"
    return result, parsed


def import_actions(*, membership: Membership, file, name: str = "") -> ImportResult:
    """Check every row of `file` and, if none has a problem, add them all to the plan in one transaction."""
    if not membership.can_import_actions:
        raise PermissionDenied("This role cannot import actions.")
    result, parsed = read_and_check(membership.partnership, file, name=name)
    if result.ok:
        with transaction.atomic():
            result.imported = len(create_items(membership, parsed))
    return result


def create_items(membership, parsed: list[ParsedRow]) -> list[ActionItem]:
    """Bulk-insert the items, their links and one creation history record each (with the links)."""
    user = membership.user
    items = [
        ActionItem(
            partnership=membership.partnership,
            description=row.description,
            owner_agency_id=row.owner_id,
            lead_name=row.lead_name,
            start_date=row.start_date,
            due_date=row.due_date,
            status=row.status,
            impact_evidenced=row.impact_evidenced,
            created_by=user,
        )
        for row in parsed
    ]
    items = bulk_create_with_history(
        items, ActionItem, batch_size=BATCH_SIZE, default_user=user, default_change_reason=HISTORY_REASON
    )
    # The new items' creation records, found by their id range (an `id__in` of 20,000 would pass
    # SQLite's limit on query parameters), kept to this import's items.
    pks = {item.pk for item in items}
    low, high = min(pks, default=0), max(pks, default=0)
    history_ids = {
        pk: history_id
        for pk, history_id in ActionItem.history.filter(id__gte=low, id__lte=high, history_type="+").values_list(
            "id", "history_id"
        )
        if pk in pks
    }
    links = (
        ("recommendations", "recommendation", "recommendation_ids"),
        ("contributing_agencies", "agency", "contributor_ids"),
    )
    for field_name, target, attribute in links:
        through = getattr(ActionItem, field_name).through
        _insert_rows(
            through,
            ["actionitem", target],
            [(item.pk, pk) for item, row in zip(items, parsed, strict=True) for pk in getattr(row, attribute)],
        )
        stored = through.objects.filter(actionitem_id__gte=low, actionitem_id__lte=high).values_list(
            "id", "actionitem_id", f"{target}_id"
        )
        # What django-simple-history records beside a saved item: a copy of each link, tied to the record.
        _insert_rows(
            getattr(ActionItem.history.model, field_name).model,
            ["id", "actionitem", target, "history"],
            [(pk, item_pk, target_pk, history_ids[item_pk]) for pk, item_pk, target_pk in stored if item_pk in pks],
        )
    return items


def _insert_rows(model, fields: list[str], rows: list[tuple]):
    """INSERT plain rows, many to a statement.

    For the link tables, whose values need no conversion: building a model instance and
    preparing each value, as bulk_create does, would take most of a big import's time.
    Rows go in as many per statement as the database's limit on parameters allows.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in fields]
    columns = ", ".join(quote(field.column) for field in model_fields)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(BATCH_SIZE, connection.ops.bulk_batch_size(model_fields, rows)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join([one_row] * len(batch))
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {values}",  # noqa: S608 - our names
                [value for row in batch for value in row],
            )


# The template file and the export share the columns.


def template_rows(partnership) -> list[list]:
    """One example row, using this partnership's own agency names and recommendation codes."""
    agencies = list(partnership.agencies.values_list("name", flat=True)[:2])
    codes = list(partnership.framework.recommendations.order_by("position").values_list("code", flat=True)[:2])
    owner = agencies[0] if agencies else "Northmere Police"
    contributors = agencies[1] if len(agencies) > 1 else ""
    return [
        [
            "Example: audit strategy discussions for health representation (replace this row)",
            "; ".join(codes) or "R1",
            owner,
            contributors,
            "A. Named Lead",
            "2026-04-01",
            "2027-03-31",
            str(ActionItem.Status.NOT_STARTED.label),
            "No",
        ]
    ]
