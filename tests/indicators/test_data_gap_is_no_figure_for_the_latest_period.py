"""An indicator with no figure of its own for the partnership's latest period (its latest year) is a data gap;
a suppressed figure was reported, so it is no gap; an indicator with no figure at all is one."""

import pytest

from indicators.models import Area
from indicators.trends import trends_for
from tests.support.trend_figures import figures, suggested

pytestmark = pytest.mark.django_db


def test_gaps_against_the_partnerships_latest_year(partnership, personas):
    lead = personas["lead"]
    current, behind, suppressed, empty, quarterly, comparators_only = (
        suggested(partnership, code)
        for code in (
            "I-R3-CPP-SA",
            "I-R3-ASSESS-CSA",
            "I-R2-TRAINED",
            "I-R2-ABE",
            "I-R6-THERAPY-WAIT",
            "I-R5-CONFIDENT",
        )
    )
    figures(partnership, current, lead, {"2023-24": 3, "2024-25": 4})
    figures(partnership, behind, lead, {"2022-23": 40, "2023-24": 44})
    figures(partnership, suppressed, lead, {"2023-24": 60, "2024-25": "c"})
    figures(partnership, quarterly, lead, {"2024-25 Q4": 97})  # within the latest year
    figures(partnership, comparators_only, lead, {"2024-25": 70}, area=Area.ENGLAND)
    gaps = {
        trend.indicator.code: trend.is_gap
        for trend in trends_for(partnership, [current, behind, suppressed, empty, quarterly, comparators_only])
    }
    assert gaps == {
        "I-R3-CPP-SA": False,
        "I-R3-ASSESS-CSA": True,
        "I-R2-TRAINED": False,
        "I-R2-ABE": True,
        "I-R6-THERAPY-WAIT": False,
        "I-R5-CONFIDENT": True,
    }
