"""Better and worse, since the previous period and against England, follow the indicator's direction: a rise
is better where higher is better (child protection plans under sexual abuse, the framework's reading) and worse
where lower is better (days waited for therapeutic support)."""

import pytest

from indicators.models import Area
from indicators.trends import trends_for
from tests.support.trend_figures import figures, suggested

pytestmark = pytest.mark.django_db


def trend(partnership, lead, code, local, england):
    indicator = suggested(partnership, code)
    figures(partnership, indicator, lead, local)
    figures(partnership, indicator, lead, england, area=Area.ENGLAND)
    return trends_for(partnership, [indicator])[0]


def test_a_rise_is_better_where_higher_is_better(partnership, personas):
    found = trend(partnership, personas["lead"], "I-R3-CPP-SA", {"2023-24": 2.9, "2024-25": 3.4}, {"2024-25": 3.6})
    assert found.indicator.higher_is_better
    assert found.since_previous.words == "Better than 2023-24 (2.9)."
    assert found.since_previous.better is True
    assert found.against_england.words == "Worse than England (3.6)."
    assert found.against_england.better is False


def test_a_rise_is_worse_where_lower_is_better(partnership, personas):
    found = trend(partnership, personas["lead"], "I-R6-THERAPY-WAIT", {"2023-24": 90, "2024-25": 120}, {"2024-25": 130})
    assert not found.indicator.higher_is_better
    assert found.since_previous.words == "Worse than 2023-24 (90 days)."
    assert found.since_previous.better is False
    assert found.against_england.words == "Better than England (130 days)."
    assert found.against_england.better is True
    assert found.moved_wrong_way


def test_the_same_figure_is_neither(partnership, personas):
    found = trend(partnership, personas["lead"], "I-R3-CPP-SA", {"2023-24": 3, "2024-25": 3}, {"2024-25": 3})
    assert found.since_previous.better is None and found.since_previous.words.startswith("The same as 2023-24")
    assert found.against_england.better is None
