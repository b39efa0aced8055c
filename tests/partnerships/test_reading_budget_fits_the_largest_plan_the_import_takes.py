"""A real plan as large as the import takes (20,000 rows, the 13 columns of our own export) reads well within budget.

The budget bounds crafted files; it must not refuse an honest plan. The steps an honest
file takes are counted, not timed, so the margin holds on any machine.
"""

import datetime
import io

import pytest

from pages.views.transfer import ACTION_EXPORT_COLUMNS
from partnerships import action_import, reading_budget, spreadsheets


def plan(rows: int) -> list[list]:
    start = datetime.date(2026, 4, 1)
    return [
        [
            f"Audit strategy discussions for health representation (item {i}): the named lead reports each quarter",
            "R1; R3",
            "Northmere Police",
            "Northmere Health; Children's Social Care",
            f"Lead {i % 97}",
            start + datetime.timedelta(days=i % 90),
            (start + datetime.timedelta(days=90 + i % 365)).strftime("%d/%m/%Y"),
            "On track",
            "No",
            "No",
            "A. Scrutineer" if i % 7 == 0 else "",
            start if i % 7 == 0 else None,
            f"2026-05-01: reported to the board ({i})",
        ]
        for i in range(1, rows + 1)
    ]


@pytest.fixture
def budgets(monkeypatch):
    """Every Budget made while reading, to see what it spent."""
    made = []

    class Recorded(reading_budget.Budget):
        def __init__(self, allowance):
            super().__init__(allowance)
            made.append(self)

    monkeypatch.setattr(reading_budget, "Budget", Recorded)
    return made


@pytest.mark.parametrize("fmt", [spreadsheets.XLSX, spreadsheets.CSV])
def test_the_largest_plan_the_import_takes_reads_within_budget_with_room_to_spare(fmt, budgets):
    data = spreadsheets.write(fmt, ACTION_EXPORT_COLUMNS, plan(action_import.MAX_ROWS))
    assert len(data) < action_import.MAX_BYTES
    sheet = spreadsheets.open_sheet(
        io.BytesIO(data), name=f"plan.{fmt}", max_rows=action_import.MAX_ROWS, max_bytes=action_import.MAX_BYTES
    )
    assert sum(1 for _ in sheet) == action_import.MAX_ROWS
    (budget,) = budgets
    assert budget.spent < 0.75 * reading_budget.IMPORT.steps, budget.spent
