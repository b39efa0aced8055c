"""The indicator list: each recommendation's indicators, whose each is (this service's suggestion, not the
Panel's, or the partnership's own), its latest value and period, how it moved since the period before in
words by its direction, its target; and the data gaps, the indicators with no value for the latest period."""

import pytest

from tests.support import indicator_world

BASE = "/partnerships/northmere/indicators/"


@pytest.fixture
def page(client, partnership, personas):
    lead = personas["lead"]
    waits = indicator_world.own_indicator(
        partnership, lead, code="NM-WAIT", name="Days to a first therapy session", unit="days", better="lower"
    )
    indicator_world.value(partnership, waits, lead, "2023-24", 90)
    indicator_world.value(partnership, waits, lead, "2024-25", 120)
    indicator_world.target(partnership, waits, lead, 60, "2026-27")
    present = indicator_world.suggested_indicator(partnership, "I-R6-HEALTH-PRESENT")
    indicator_world.value(partnership, present, lead, "2023-24", 40)
    indicator_world.value(partnership, present, lead, "2024-25", 55.5)
    trained = indicator_world.suggested_indicator(partnership, "I-R2-TRAINED")
    indicator_world.value(partnership, trained, lead, "2023-24", 70)  # nothing for 2024-25: a gap
    client.force_login(personas["contributor"])
    response = client.get(BASE)
    assert response.status_code == 200
    return response.content.decode()


def section(html, code):
    start = html.index(f'id="recommendation-{code}"')
    end = html.find('id="recommendation-', start + 1)
    return html[start : end if end > 0 else None]


def test_each_recommendation_lists_its_indicators_and_says_whose_they_are(page):
    r6 = section(page, "R6")
    assert "Days to a first therapy session" in r6 and "Strategy discussions about possible sexual abuse" in r6
    assert "The partnership's own" in r6 and "Suggested by this service (not the Panel's)" in r6
    assert "Days to a first therapy session" not in section(page, "R2")
    assert "No indicator measures R1 yet." in page


def test_the_latest_value_and_the_words_follow_the_direction(page):
    r6 = section(page, "R6")
    assert "120 days" in r6 and "Worse than 2023-24 (90 days)." in r6  # lower is better
    assert "55.5%" in r6 and "Better than 2023-24 (40%)." in r6  # higher is better
    assert "60 days by 2026-27" in r6


def test_the_data_gaps_name_the_indicators_without_a_latest_value(page):
    gaps = page[page.index('id="data-gaps"') : page.index('id="recommendation-')]
    assert "for 2024-25, its latest period" in gaps
    assert "I-R2-TRAINED" in gaps and "the latest value is for 2023-24" in gaps
    assert "I-R3-CPP-SA" in gaps and "no value yet" in gaps
    assert "NM-WAIT" not in gaps and "I-R6-HEALTH-PRESENT" not in gaps


def test_the_overview_links_the_list_for_those_who_may_see_it(client, partnership, personas):
    client.force_login(personas["scrutineer"])
    assert f'href="{BASE}"' in client.get("/partnerships/northmere/").content.decode()
    client.force_login(personas["viewer"])
    assert f'href="{BASE}"' not in client.get("/partnerships/northmere/").content.decode()
