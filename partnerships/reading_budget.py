"""How much work reading one uploaded file may take: one budget for the identifier scan and the import.

A file says what it likes about itself. A sheet of 1.5 KB can declare a range of 50,000 rows
by 16,384 columns or put its one cell in row 2,000,000,000; a DOCX of 75 KB can unpack to
49 MB of empty paragraphs. So the budget bounds the work the reader does, not the text it
finds (docs/decisions/0017-reading-budget.md):

- Before anything inside a ZIP-based file (XLSX, DOCX, ODT) is parsed, its central
  directory is checked (`check_zip`): at most MAX_ZIP_MEMBERS members, MAX_UNPACKED_BYTES
  unpacked in all, and no member over RATIO_GRACE_BYTES that unpacks to more than
  MAX_RATIO times its packed size. Python's zipfile never unpacks a member beyond the size
  the directory declares, so these checks bound what can be unpacked.
- Every row, cell, XML element, paragraph, line, page and ZIP member the reader goes
  through is a step, empty ones included (`Budget.spend`).
- Work a library does whole, where no loop of ours can look at the clock, is bounded before
  the library starts, by its measured cost: the tags of every member of a workbook, whatever
  its name, are counted before openpyxl opens it, those of parts it parses whole (shared
  strings, styles, names) at WHOLE_PART_STEPS steps each and at most MAX_WHOLE_PART_TAGS of
  them (`WholeParts`); the decoded bytes of a PDF page's content are charged before pypdf
  parses it, at most MAX_PDF_PAGE_BYTES a page (`pdf_page_bytes`), and its operators as
  pypdf goes through them, each string shown PDF_STRING_STEPS more.
- The processor time this thread has spent reading is looked at every CLOCK_EVERY steps,
  and after each PDF page and before each form drawn (`check`, `look_at_clock`).
  Processor time, not the wall clock: the work done, which a busy machine does not inflate.

Past any limit the reader raises OverBudget and stops. Its message is a clause for people
("it has more rows and cells than can be read ..."): the identifier check
reports the file as not checked, and the import refuses the file with it.

Pure Python (no Django).
"""

import time
import zipfile
from dataclasses import dataclass

MAX_ZIP_MEMBERS = 5_000  # a Word document or workbook has tens; a few hundred with many images or sheets
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all members together, as declared in the central directory
MAX_RATIO = 100  # unpacked / packed for one member: office XML packs 5 to 20 times, a bomb hundreds
RATIO_GRACE_BYTES = 1024 * 1024  # a member smaller than this unpacked may pack as well as it likes
CLOCK_EVERY = 1_000  # steps between looks at the clock
CHUNK = 256 * 1024  # bytes of a member read at a time when counting its markup
# openpyxl parses some parts whole as it opens a workbook (shared strings, styles, the workbook and its
# names, the package's relationships): about 7.6 µs a tag, measured (3.9 million <si/> took 29.8 s), where
# a step is 2.5 µs of the scan's allowance. So each tag of such a part costs WHOLE_PART_STEPS steps, and
# a workbook with more than MAX_WHOLE_PART_TAGS of them (about 3 s of openpyxl's work) is not opened.
WHOLE_PART_STEPS = 3
MAX_WHOLE_PART_TAGS = 400_000  # an Excel-saved 20,000-row plan has about 160,000 in its shared strings
# pypdf parses a page's content whole (about 2.2 µs a byte at worst, measured) before its text extraction
# can be interrupted, so a page whose content streams (with the forms and character maps it uses) decode
# to more than this is not read: its parse alone would take about half a second. Each byte is a step.
MAX_PDF_PAGE_BYTES = 200 * 1024
# Then each operator pypdf goes through is a step, and each string shown this many more: a string costs
# pypdf 15 to 60 µs, the other operators under 1 µs (measured).
PDF_STRING_STEPS = 4


@dataclass(frozen=True)
class Allowance:
    """What one file's reading may cost."""

    steps: int  # rows, cells, XML elements, paragraphs, lines, pages and ZIP members, empty ones included
    seconds: float  # processor time of the reading thread
    steps_named: str  # the steps as people would count them, for the message


# The identifier scan of one attachment. A 20 MB upload that needs more is saved with a warning
# that it was not checked, as any unreadable file is.
SCAN = Allowance(steps=2_000_000, seconds=5.0, steps_named="rows, cells, paragraphs or lines")
# The action-plan import: a 20,000-row plan (the import's limit) in a 13-column export takes about
# 2.4 million steps (tags counted once, then rows and their 50 cells) and a few seconds.
IMPORT = Allowance(steps=4_000_000, seconds=15.0, steps_named="rows and cells")


class OverBudget(Exception):
    """Reading stopped at the budget. The message is a clause for people, starting "it ..."."""


class Budget:
    """The steps and time one file's reading has spent, against its Allowance."""

    def __init__(self, allowance: Allowance):
        self.allowance = allowance
        self.spent = 0
        self._started = time.thread_time()
        self._next_look = min(CLOCK_EVERY, allowance.steps + 1)

    def spend(self, steps: int = 1):
        """Count `steps` steps of work; OverBudget once the allowance of steps or time is used up."""
        self.spent += steps
        if self.spent >= self._next_look:
            self._count_steps()
            self._next_look = min(self.spent + CLOCK_EVERY, self.allowance.steps + 1)
            self.look_at_clock()

    def check(self):
        """OverBudget if the allowance of steps or time is already used up: after work no step counted."""
        self._count_steps()
        self.look_at_clock()

    def _count_steps(self):
        if self.spent > self.allowance.steps:
            raise OverBudget(
                f"it has more {self.allowance.steps_named} than can be read "
                f"({self.allowance.steps:,}, counting empty ones)"
            )

    def look_at_clock(self):
        if time.thread_time() - self._started > self.allowance.seconds:
            raise OverBudget(f"reading it took longer than the {self.allowance.seconds:g} seconds allowed")


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):,.0f} MB"
    return f"{count / 1024:,.0f} KB"


def check_zip(archive: zipfile.ZipFile, budget: Budget):
    """OverBudget unless the archive's members, as its central directory declares them, are of a sane size."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise OverBudget(f"it is packed from more than {MAX_ZIP_MEMBERS:,} parts")
    unpacked = 0
    for member in members:
        budget.spend()
        unpacked += member.file_size
        if unpacked > MAX_UNPACKED_BYTES:
            raise OverBudget(f"it unpacks to more than {_size(MAX_UNPACKED_BYTES)}")
        if member.file_size > RATIO_GRACE_BYTES and member.file_size > MAX_RATIO * member.compress_size:
            raise OverBudget(
                f"part of it unpacks to more than {MAX_RATIO} times its packed size, far more than documents do"
            )


def count_markup(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: Budget, *, weight: int = 1) -> int:
    """Count the tags of a member as `weight` steps each, streaming it; the number of tags.

    Any member, whatever its name: a library opens what the package's own parts name.
    """
    tags = 0
    with archive.open(member) as handle:
        while chunk := handle.read(CHUNK):
            count = chunk.count(b"<")
            tags += count
            budget.spend(count * weight)
    return tags


class WholeParts:
    """The tags of the parts a library parses whole before any loop of ours runs, at their measured cost."""

    def __init__(self, budget: Budget):
        self.budget = budget
        self.tags = 0

    def count(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo):
        with archive.open(member) as handle:
            while chunk := handle.read(CHUNK):
                count = chunk.count(b"<")
                self.tags += count
                if self.tags > MAX_WHOLE_PART_TAGS:
                    raise OverBudget(
                        f"it holds more shared text, styles or names than can be read ({MAX_WHOLE_PART_TAGS:,} tags)"
                    )
                self.budget.spend(count * WHOLE_PART_STEPS)


def pdf_page_bytes(count: int, budget: Budget):
    """Charge the decoded bytes of one PDF page's content (as often as pages share it); OverBudget past the cap."""
    if count > MAX_PDF_PAGE_BYTES:
        raise OverBudget(
            f"a page of it holds more drawing instructions than can be read ({_size(MAX_PDF_PAGE_BYTES)} a page)"
        )
    budget.spend(count)
