"""Periods named the way their sources name them: a year ("2024", "2024-25") or a quarter ("2025 Q2",
"2024-25 Q1"), with the dates each covers so that values sort and compare.

A single year ("2024") is a calendar year. A split year ("2024-25") is taken to start in April, as
financial years do; academic and reporting years start later in the autumn, but only the order of a
partnership's periods matters here, and a split year always sorts after the calendar year it starts
in. A quarter of a calendar year counts from January; a quarter of a split year from April.
"""

import datetime
import re
from dataclasses import dataclass

YEAR = "year"
QUARTER = "quarter"

_SINGLE = re.compile(r"(?P<year>\d{4})")
_SPLIT = re.compile(r"(?P<year>\d{4})\s*[-/]\s*(?P<next>\d{2}|\d{4})")
_QUARTER = re.compile(
    r"(?P<label>.+?)\s*[-,]?\s*Q(?P<quarter>[1-4])|Q(?P<quarter_first>[1-4])\s+(?P<label_after>.+)", re.I
)
EXAMPLES = "a year such as 2024 or 2024-25, or a quarter such as 2025 Q2 or 2024-25 Q1"
EARLIEST, LATEST = 1990, 2100


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str
    kind: str

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


def _year(text: str) -> Period | None:
    """A year period from its label, None if the text is not a year at all; PeriodError if it is a wrong one."""
    text = text.strip()
    if match := _SINGLE.fullmatch(text):
        year = int(match["year"])
        label, start_month = str(year), 1
    elif match := _SPLIT.fullmatch(text):
        year, following = int(match["year"]), match["next"]
        if int(following[-2:]) != (year + 1) % 100 or (len(following) == 4 and int(following) != year + 1):
            raise PeriodError(f"{text!r} is not two years in a row: write it like {year}-{(year + 1) % 100:02d}")
        label, start_month = f"{year}-{(year + 1) % 100:02d}", 4
    else:
        return None
    if not EARLIEST <= year <= LATEST:
        raise PeriodError(f"{text!r} is not a year this service records ({EARLIEST} to {LATEST})")
    start = datetime.date(year, start_month, 1)
    return Period(start, _add_months(start, 12) - datetime.timedelta(days=1), label, YEAR)


def parse(text: str) -> Period:
    """The period a label names; PeriodError, saying what is expected, for anything else."""
    text = " ".join(str(text).split())
    if not text:
        raise PeriodError(f"The period is missing: give {EXAMPLES}")
    year = _year(text)
    if year is not None:
        return year
    match = _QUARTER.fullmatch(text)
    year = match and _year(match["label"] or match["label_after"])
    if not year:
        raise PeriodError(f"{text!r} is not a period: give {EXAMPLES}")
    quarter = int(match["quarter"] or match["quarter_first"])
    start = _add_months(year.start, 3 * (quarter - 1))
    return Period(start, _add_months(start, 3) - datetime.timedelta(days=1), f"{year.label} Q{quarter}", QUARTER)


def from_time_period(time_period: str, time_identifier: str) -> Period:
    """The period of an Explore Education Statistics row: `time_period` is 2024 or 202425, and
    `time_identifier` says which kind of year ("Calendar year", "Financial year", "Academic year",
    "Reporting year") and, for a quarter, which one ("Financial year Q1")."""
    time_period, identifier = str(time_period).strip(), " ".join(str(time_identifier).split())
    quarter = re.search(r"\bQ([1-4])$", identifier)
    kind = identifier[: quarter.start()].strip() if quarter else identifier
    if not re.fullmatch(r"(Calendar|Financial|Academic|Reporting|Tax) year", kind, re.I):
        raise PeriodError(f"time_identifier {time_identifier!r} is not a year or a quarter of one")
    calendar = kind.lower().startswith("calendar")
    if calendar and re.fullmatch(r"\d{4}", time_period):
        label = time_period
    elif not calendar and re.fullmatch(r"\d{6}", time_period):
        label = f"{time_period[:4]}-{time_period[4:]}"
    else:
        shape = "like 2024" if calendar else "like 202425"
        raise PeriodError(f"time_period {time_period!r} does not fit {time_identifier!r}: expected {shape}")
    return parse(f"{label} Q{quarter[1]}" if quarter else label)
