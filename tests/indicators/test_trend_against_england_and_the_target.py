"""The latest figure against England's for the same period, and against the partnership's target, in words by
the indicator's direction."""

import pytest

from indicators.models import Area
from indicators.trends import trends_for
from tests.support.trend_figures import figures, suggested, target

pytestmark = pytest.mark.django_db


def test_england_of_the_same_period_only(partnership, personas):
    indicator = suggested(partnership, "I-R3-CPP-SA")
    lead = personas["lead"]
    figures(partnership, indicator, lead, {"2023-24": 3, "2024-25": 4})
    figures(partnership, indicator, lead, {"2023-24": 9}, area=Area.ENGLAND)
    found = trends_for(partnership, [indicator])[0]
    assert found.against_england is None  # England has no 2024-25 figure: 2023-24's is not compared
    assert found.points[0].england.value == 9


@pytest.mark.parametrize(
    ("code", "latest", "aim", "words", "better"),
    [
        ("I-R6-THERAPY-WAIT", 97, 90, "Short of the target of 90 days by 2025-26.", False),
        ("I-R6-THERAPY-WAIT", 80, 90, "Beyond the target of 90 days by 2025-26.", True),
        ("I-R2-TRAINED", 75, 80, "Short of the target of 80% by 2025-26.", False),
        ("I-R2-TRAINED", 80, 80, "Meets the target of 80% by 2025-26.", True),
    ],
)
def test_target_by_direction(partnership, personas, code, latest, aim, words, better):
    indicator = suggested(partnership, code)
    figures(partnership, indicator, personas["lead"], {"2024-25": latest})
    target(partnership, indicator, personas["lead"], aim, "2025-26")
    found = trends_for(partnership, [indicator])[0]
    assert found.against_target.words == words
    assert found.against_target.better is better
