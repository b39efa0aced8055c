"""Importing a partnership's action plan from a CSV or XLSX file: every row checked, all or nothing.

The design, chosen for simplicity: the import runs synchronously in the request. Rows are
streamed from the file (partnerships/spreadsheets.py), checked against lookups read once
into dicts (agencies by name, recommendations by code), and written with bulk inserts in
one transaction, so 10,000 rows take a few seconds (bench/import_actions.py measures it)
and no background job or staging table is needed. Files are capped at 5 MB and 20,000
rows.

Every row is checked and every problem collected, each naming its row and column: a
missing column (then nothing else is checked), an empty required cell, a date that is not
a date, an unknown agency, recommendation or status, a row that repeats an earlier one or
an item already in the plan (same description, owner and due date: so a file sent twice is
not imported twice), a cell that starts with =, +, - or @ (a spreadsheet could run it as a
formula), a hidden control character (PostgreSQL refuses NUL), text that is too long. Then
the rules of an action item, the ones the form and the service keep (partnerships/action_rules.py),
each breach on its column: a due date before the start, say, or "Impact evidenced" Yes, which
needs evidence graded "Impact on children shown" that an import cannot cite, so the import
refuses it. As in the form, an owner agency named among the contributing agencies as well is
kept as the owner only. If any row has a problem nothing is imported.

Each imported item gets one creation history record (with its recommendations and
contributing agencies), as an item made in the form does, all through the ORM: django-simple-history's
bulk_create_with_history for the items and their records, the through models' bulk_create for
the links and for the records' copies of them (create_items says why).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import NotSupportedError, transaction
from simple_history.utils import bulk_create_with_history

from common.text import has_control_characters
from partnerships import action_rules, spreadsheets
from partnerships.action_rules import DESCRIPTION_LIMIT, LEAD_NAME_LIMIT
from partnerships.models import ActionItem, Evidence, Membership
from partnerships.permissions import require

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
    LEAD: LEAD_NAME_LIMIT,
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
    IMPACT: "No, or leave it empty: an import cannot mark the impact on children as evidenced, as that needs "
    f"evidence graded “{Evidence.Strength.IMPACT.label}”. Mark it on the action's page once the action cites "
    "that evidence. Optional, No if empty.",
}
SEMICOLONS = (
    "“{name}” separates its columns with semicolons: save it as CSV with commas "
    "(in Excel, “CSV UTF-8 (Comma delimited)”) and try again"
)
YES = {"yes", "y", "true"}
NO = {"no", "n", "false", ""}
YES_OR_NO = YES | NO
IMPACT_NOT_IMPORTED = (
    "cannot be imported: impact on children is marked evidenced only with evidence graded "
    f"“{Evidence.Strength.IMPACT.label}”, which an import cannot select. Leave it empty or enter No, "
    "then mark it on the action's page with that evidence"
)
# The column of each field the rules name (the import cites no evidence of completion).
COLUMN_OF = {
    "description": DESCRIPTION,
    "recommendations": RECOMMENDATIONS,
    "owner_agency": OWNER,
    "contributing_agencies": CONTRIBUTORS,
    "lead_name": LEAD,
    "start_date": START,
    "due_date": DUE,
    "status": STATUS,
    "impact_evidenced": IMPACT,
    "impact_evidence": IMPACT,
}
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
        self.agencies = {_normal(a.name): a for a in partnership.agencies.all()}
        recommendations = list(partnership.framework.recommendations.order_by("position"))
        self.recommendations = {_normal(r.code): r for r in recommendations}
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
    """One row: the item to create, or the row's problems (all of them).

    First each cell as a cell (a formula, control characters, too long, empty), then what the
    usable cells name (agencies, recommendations, dates, status, the impact answer), then the rules
    of an action item (partnerships/action_rules.py) on the values, each breach on its column, then
    whether the row repeats another or an item in the plan.
    """
    row = _Row(number, lookups)
    row.read_cells(cells, positions)
    values = row.values()
    row.keep_the_rules(values)
    row.check_repeats(values, seen)
    if row.problems:
        return None, row.problems
    return (
        ParsedRow(
            row=number,
            description=values["description"],
            recommendation_ids=[r.pk for r in values["recommendations"]],
            owner_id=values["owner_agency"].pk,
            contributor_ids=[a.pk for a in values["contributing_agencies"]],
            lead_name=values["lead_name"],
            start_date=values["start_date"],
            due_date=values["due_date"],
            status=values["status"],
            impact_evidenced=values["impact_evidenced"],
        ),
        [],
    )


class _Row:
    """The checking of one row, its problems collected as they are found."""

    def __init__(self, number, lookups):
        self.number = number
        self.lookups = lookups
        self.problems: list[Problem] = []
        self.raw: dict = {}
        self.usable: dict[str, str] = {}  # the text of the columns whose cells passed as cells

    def problem(self, column, reason):
        self.problems.append(Problem(self.number, column, reason))

    def has_problem(self, column) -> bool:
        return any(problem.column == column for problem in self.problems)

    def read_cells(self, cells, positions):
        for name, index in positions.items():
            self.raw[name] = cells[index] if index < len(cells) else None
        for name in COLUMNS:
            as_written = _cell_text(self.raw[name])
            text = spreadsheets.unescape_formula(as_written)
            if as_written and as_written[0] in "=+-@":
                self.problem(
                    name, f"starts with “{as_written[0]}”, which a spreadsheet could run as a formula: remove it"
                )
            elif has_control_characters(text):
                self.problem(name, "contains hidden control characters: type it again, or paste it as plain text")
            elif len(text) > MAX_LENGTH[name]:
                self.problem(name, f"must be {MAX_LENGTH[name]:,} characters or fewer (it has {len(text):,})")
            elif not text and name not in OPTIONAL:
                self.problem(name, "is empty: enter a value")
            else:
                self.usable[name] = text

    def values(self) -> dict:
        """The item's values as the rules read them (action_rules.cleaned); a column with a problem gives none."""
        agencies = self.lookups.agencies
        return action_rules.cleaned(
            {
                "description": self.usable.get(DESCRIPTION),
                "recommendations": self.named(RECOMMENDATIONS, self.lookups.recommendations, separators=";,"),
                "owner_agency": (self.named(OWNER, agencies) or [None])[0],
                "contributing_agencies": self.named(CONTRIBUTORS, agencies, separators=";"),
                "lead_name": self.usable.get(LEAD),
                "start_date": self.date(START),
                "due_date": self.date(DUE),
                "status": self.status(),
                "impact_evidenced": self.impact(),
            }
        )

    def named(self, column, known: dict, *, separators="") -> list:
        """What the column's names or codes stand for in `known`, each once; a problem for each unknown.

        The column holds several, split at any of `separators`, or, with none, one.
        """
        if column not in self.usable:
            return []
        text = self.usable[column]
        found = []
        for name in _split(text, separators) if separators else [text]:
            obj = known.get(_normal(name))
            if obj is None:
                self.problem(column, self.unknown(column, name))
            elif all(obj is not other for other in found):  # the lookups hold one object for each
                found.append(obj)
        return found

    def unknown(self, column, name) -> str:
        if column == RECOMMENDATIONS:
            return (
                f"“{name}” is not a recommendation code of this partnership's review: "
                f"use {self.lookups.recommendation_codes}"
            )
        return f"“{name}” is not an agency of {self.lookups.partnership.name}"

    def date(self, column) -> datetime.date | None:
        if column not in self.usable:
            return None
        raw = self.raw[column]
        date = parse_date(raw if not isinstance(raw, str) else self.usable[column])
        if date is None:
            self.problem(
                column, f"“{self.usable[column]}” is not a real date: use YYYY-MM-DD or DD/MM/YYYY, like 2026-04-01"
            )
        return date

    def status(self) -> str | None:
        if STATUS not in self.usable:
            return None
        status = self.lookups.statuses.get(_normal(self.usable[STATUS]))
        if status is None:
            self.problem(STATUS, f"“{self.usable[STATUS]}” is not a status: use one of {self.lookups.status_labels}")
        return status

    def impact(self) -> bool:
        answer = _normal(self.usable.get(IMPACT, ""))
        if answer not in YES_OR_NO:
            self.problem(IMPACT, f"“{self.usable[IMPACT]}” must be Yes or No")
        return answer in YES

    def keep_the_rules(self, values):
        """The rules of an item, each breach on its column unless the column has a problem already."""
        partnership = self.lookups.partnership
        for breach in action_rules.check(values, partnership=partnership):
            column = COLUMN_OF[breach.field]
            if not self.has_problem(column):
                self.problem(column, self.reason(breach, values))

    def reason(self, breach, values) -> str:
        """The breach in the import's words, where it has its own: they name the column, the rules a field."""
        if breach.code == "required":
            return "is empty: enter a value"
        if breach.code == "due_before_start":
            return f"is before the start date ({values['start_date'].isoformat()}): it must be the same or later"
        if breach.code == "impact_not_selected":
            return f"“{self.usable[IMPACT]}” {IMPACT_NOT_IMPORTED}"
        return breach.message

    def check_repeats(self, values, seen):
        """The same description, owner and due date as an earlier row, or as an item in the plan."""
        due = values["due_date"]
        if DESCRIPTION not in self.usable or OWNER not in self.usable or due is None:
            return
        owner = values["owner_agency"]
        key = (_normal(self.usable[DESCRIPTION]), owner.pk if owner else _normal(self.usable[OWNER]), due)
        if key in seen:
            self.problem(DESCRIPTION, f"repeats row {seen[key]} (the same description, owner agency and due date)")
            return
        seen[key] = self.number
        if key in self.lookups.existing:
            self.problem(DESCRIPTION, "is already in the action plan, with the same owner agency and due date")


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
    require(membership, "can_import_actions")
    result, parsed = read_and_check(membership.partnership, file, name=name)
    if result.ok:
        with transaction.atomic():
            result.imported = len(create_items(membership, parsed))
    return result


def create_items(membership, parsed: list[ParsedRow]) -> list[ActionItem]:
    """The items, their links and one creation history record each, its links included, by bulk inserts.

    What saving an item in the form leaves, without its queries for each item: django-simple-history's
    bulk_create_with_history writes the items and their records; the links go in through their
    through models' bulk_create, which (unlike `.set()`) sends no m2m_changed, so no second record. The
    records' copies of the links, which simple-history writes beside a saved item (models.py,
    create_historical_record_m2ms) but has no bulk helper for, go in through its history through
    models' bulk_create: one row for each link, tied to the item's creation record.
    """
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
        items,
        ActionItem,
        batch_size=BATCH_SIZE,
        default_user=user,
        default_change_reason=HISTORY_REASON,
    )
    records = _creation_records(items)
    for field_name, attribute in LINKS:
        pairs = [(item.pk, pk) for item, row in zip(items, parsed, strict=True) for pk in getattr(row, attribute)]
        _link(field_name, pairs, records)
    return items


def _link(field_name, pairs, records):
    """The (item id, target id) `pairs` of the link `field_name`, and their copies in the items' creation `records`."""
    field = ActionItem._meta.get_field(field_name)
    through = field.remote_field.through
    target = f"{field.m2m_reverse_field_name()}_id"  # "recommendation_id", "agency_id"
    links = through.objects.bulk_create(
        [through(actionitem_id=item_pk, **{target: target_pk}) for item_pk, target_pk in pairs], batch_size=BATCH_SIZE
    )
    if links and links[0].pk is None:  # PostgreSQL and SQLite (3.35 on) give them, the databases we run on
        raise NotSupportedError("The import needs a database that returns the ids of rows it inserts in bulk")
    copy = getattr(ActionItem.history.model, field_name).model  # HistoricalActionItem_<field_name>
    copy.objects.bulk_create(
        [
            copy(
                id=link.pk,
                actionitem_id=link.actionitem_id,
                history_id=records[link.actionitem_id],
                **{target: getattr(link, target)},
            )
            for link in links
        ],
        batch_size=BATCH_SIZE,
    )


# Each link of an imported item: its field, and the ParsedRow attribute with its ids.
LINKS = (("recommendations", "recommendation_ids"), ("contributing_agencies", "contributor_ids"))


def _creation_records(items) -> dict[int, int]:
    """The id of each new item's creation record, by the item's id.

    Found by the items' id range (an `id__in` of 20,000 would pass SQLite's limit on query
    parameters), kept to this import's items.
    """
    pks = {item.pk for item in items}
    low, high = min(pks, default=0), max(pks, default=0)
    found = ActionItem.history.filter(id__gte=low, id__lte=high, history_type="+").values_list("id", "history_id")
    return {pk: history_id for pk, history_id in found if pk in pks}


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
