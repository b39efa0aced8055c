"""A suppressed figure (c, low, x…) is a figure not published, never zero: a comparison with it says so, and no
better or worse is drawn from it, nor any movement for the board summary."""

import pytest

from indicators.models import Area
from indicators.trends import trends_for
from tests.support.trend_figures import figures, suggested, target

pytestmark = pytest.mark.django_db


def test_a_suppressed_latest_figure_is_not_compared(partnership, personas):
    indicator = suggested(partnership, "I-R3-CPP-SA")
    lead = personas["lead"]
    figures(partnership, indicator, lead, {"2023-24": 3, "2024-25": "low"})
    figures(partnership, indicator, lead, {"2024-25": 3.2}, area=Area.ENGLAND)
    target(partnership, indicator, lead, 5)
    found = trends_for(partnership, [indicator])[0]
    assert found.latest.value is None and found.latest.suppressed == "low"
    assert found.since_previous.better is None
    assert found.since_previous.words == "Not compared with 2023-24: the figure for 2024-25 is suppressed (low)."
    assert found.against_england.better is None and "suppressed" in found.against_england.words
    assert found.against_target is None
    assert found.movement == 0 and not found.moved_wrong_way


def test_a_suppressed_comparator_is_not_compared(partnership, personas):
    indicator = suggested(partnership, "I-R6-THERAPY-WAIT")
    lead = personas["lead"]
    figures(partnership, indicator, lead, {"2023-24": "c", "2024-25": 120})
    figures(partnership, indicator, lead, {"2024-25": "x"}, area=Area.ENGLAND)
    found = trends_for(partnership, [indicator])[0]
    assert found.since_previous.words == "Not compared with 2023-24: the figure for 2023-24 is suppressed (c)."
    assert found.against_england.words == "Not compared with England: the figure for 2024-25 is suppressed (x)."
    assert found.since_previous.better is None and found.against_england.better is None
