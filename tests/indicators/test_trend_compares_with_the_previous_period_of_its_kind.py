"""The previous period is the one before the latest of the same kind (a year before a year, a quarter before a
quarter), by dates, not by the order labels sort in; the chart's points are of that kind, oldest first."""

import pytest

from indicators.trends import trends_for
from tests.support.trend_figures import figures, suggested

pytestmark = pytest.mark.django_db


def test_previous_is_the_year_before_by_dates(partnership, personas):
    indicator = suggested(partnership, "I-R3-CPP-SA")
    # Entered out of order; "2024" (a calendar year) and "2023-24" sort differently as text than as dates.
    figures(partnership, indicator, personas["lead"], {"2024-25": 4, "2022-23": 2, "2023-24": 3})
    found = trends_for(partnership, [indicator])[0]
    assert found.latest.period == "2024-25"
    assert found.previous.period == "2023-24"
    assert [point.period.label for point in found.points] == ["2022-23", "2023-24", "2024-25"]


def test_quarters_compare_with_the_quarter_before(partnership, personas):
    indicator = suggested(partnership, "I-R6-THERAPY-WAIT")
    figures(partnership, indicator, personas["lead"], {"2024-25 Q3": 110, "2024-25 Q4": 97, "2024-25 Q2": 126})
    found = trends_for(partnership, [indicator])[0]
    assert (found.latest.period, found.previous.period) == ("2024-25 Q4", "2024-25 Q3")
    assert found.since_previous.words == "Better than 2024-25 Q3 (110 days)."


def test_a_first_figure_has_nothing_to_compare_with(partnership, personas):
    indicator = suggested(partnership, "I-R3-CPP-SA")
    figures(partnership, indicator, personas["lead"], {"2024-25": 4})
    found = trends_for(partnership, [indicator])[0]
    assert found.previous is None and found.since_previous is None and found.against_england is None
