"""The tidy CSV files of the Department for Education's Explore Education Statistics service, as far as the
indicator import needs them: which columns give the time and the place, which are measures, and which
local authorities a file holds. Pure reading, no models: indicators/imports.py checks and writes.

A tidy file has one row for each place and period and one column for each measure. Its first columns are
`time_period` (2024, or 202425 for a split year), `time_identifier` ("Financial year", "Reporting year Q2"…),
`geographic_level` ("National", "Regional", "Local authority"…), `country_code`, `country_name`,
`region_code`, `region_name`, `new_la_code`, `old_la_code` and `la_name`; rows of other levels leave the
columns of the smaller places empty. The service writes a figure it does not publish as one of its symbols
(c, low, u, x, z or :).
"""

from dataclasses import dataclass

TIME_COLUMNS = ("time_period", "time_identifier")
GEOGRAPHY_COLUMNS = (
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
)
COLUMNS = TIME_COLUMNS + GEOGRAPHY_COLUMNS
ENGLAND_CODE = "E92000001"
NATIONAL, REGIONAL, LOCAL_AUTHORITY = "national", "regional", "local authority"


def normal(text) -> str:
    """For matching names, codes and levels: case and runs of spaces do not matter."""
    return " ".join(str(text or "").split()).casefold()


def is_tidy_header(header: list[str]) -> bool:
    """Whether a header row is meant to be a tidy file's: it names any of the time or geography columns."""
    return any(normal(title) in COLUMNS for title in header)


@dataclass(frozen=True)
class Columns:
    """Where a tidy file's columns are: the time and geography ones by name, the measures in order."""

    positions: dict[str, int]
    measures: list[tuple[int, str]]  # (position in the header, column name)
    missing: list[str]
    repeated: list[str]


def columns_of(header: list[str]) -> Columns:
    positions: dict[str, int] = {}
    measures, repeated, seen = [], [], set()
    for index, title in enumerate(header):
        name = normal(title)
        if not name:
            continue  # an unnamed column is no measure
        if name in seen:
            repeated.append(title)
            continue
        seen.add(name)
        if name in COLUMNS:
            positions[name] = index
        else:
            measures.append((index, title))
    missing = [name for name in COLUMNS if name not in positions]
    return Columns(positions, measures, missing, repeated)


def missing_columns_message(shown: str, missing: list[str]) -> str:
    what = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
    plural = "s" if len(missing) > 1 else ""
    return (
        f"“{shown}” looks like a file from Explore Education Statistics, but its header row lacks the column{plural} "
        f"{what}. A tidy file names the time (time_period, time_identifier) and the place (geographic_level, "
        "country_code, country_name, region_code, region_name, new_la_code, old_la_code, la_name) in its first "
        "columns: download the data again as CSV from the service, or add the missing columns, and try again"
    )


@dataclass(frozen=True)
class Authority:
    """A local authority as a file names it, with its region."""

    code: str
    old_code: str
    name: str
    region_code: str
    region_name: str

    @property
    def key(self) -> str:
        """What the import page sends back for it: the code, or the name where the file gives no code."""
        return self.code or self.name

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.code and self.name else self.key

    def is_named_by(self, text: str) -> bool:
        """Whether `text` names this authority: its new or old code, or its name."""
        wanted = normal(text)
        return bool(wanted) and wanted in {normal(self.code), normal(self.old_code), normal(self.name)} - {""}


class Geography:
    """The place of each row of one file, read from the positions of its geography columns."""

    def __init__(self, positions: dict[str, int]):
        self.positions = positions

    def cell(self, cells, name: str) -> str:
        index = self.positions.get(name)
        if index is None or index >= len(cells) or cells[index] is None:
            return ""
        return str(cells[index]).strip()

    def level(self, cells) -> str:
        return normal(self.cell(cells, "geographic_level"))

    def authority(self, cells) -> Authority:
        return Authority(
            code=self.cell(cells, "new_la_code"),
            old_code=self.cell(cells, "old_la_code"),
            name=self.cell(cells, "la_name"),
            region_code=self.cell(cells, "region_code"),
            region_name=self.cell(cells, "region_name"),
        )

    def is_england(self, cells) -> bool:
        code = self.cell(cells, "country_code")
        return code == ENGLAND_CODE or (not code and normal(self.cell(cells, "country_name")) == "england")

    def in_region(self, cells, authority: Authority) -> bool:
        """Whether a regional row is the authority's own region: by code, or by name where there is no code."""
        if authority.region_code:
            return normal(self.cell(cells, "region_code")) == normal(authority.region_code)
        return bool(authority.region_name) and normal(self.cell(cells, "region_name")) == normal(authority.region_name)


@dataclass
class Survey:
    """What the import page shows of a tidy file before anything is imported: its measures and authorities."""

    name: str
    header_row: int
    measures: list[tuple[int, str]]
    authorities: list[Authority]
    rows: int

    def find(self, text: str) -> Authority | None:
        """The authority `text` names (by code or name), or None."""
        for authority in self.authorities:
            if authority.is_named_by(text):
                return authority
        return None


def authorities_in(found: dict[str, Authority]) -> list[Authority]:
    return sorted(found.values(), key=lambda authority: (normal(authority.name), authority.code))
