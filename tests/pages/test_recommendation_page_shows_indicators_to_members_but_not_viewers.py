"""The recommendation page's Indicators section: each indicator linked to the recommendation, with its chart,
the table of its numbers, its words since the previous period, against England and against the target, marked
when this service suggested it, and the data gaps; for scrutineers, managers and contributors, not viewers."""

import pytest

from indicators.models import Area
from tests.support.trend_figures import figures, suggested, target

pytestmark = pytest.mark.django_db


@pytest.fixture
def r3_figures(partnership, personas):
    lead = personas["lead"]
    plans = suggested(partnership, "I-R3-CPP-SA")
    figures(partnership, plans, lead, {"2023-24": 2.9, "2024-25": 3.4})
    figures(partnership, plans, lead, {"2023-24": 3.1, "2024-25": 3.6}, area=Area.ENGLAND)
    target(partnership, plans, lead, 4, "2026-27")
    figures(partnership, suggested(partnership, "I-R3-ASSESS-CSA"), lead, {"2023-24": 44})  # a data gap


def page(client, user):
    client.force_login(user)
    response = client.get("/partnerships/northmere/recommendations/R3/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["scrutineer", "lead", "contributor"])
def test_members_who_see_indicators_see_the_section(client, personas, partnership, r3_figures, who):
    html = page(client, personas[who])
    assert '<h2 class="govuk-heading-m" id="indicators">Indicators</h2>' in html
    assert "Child protection plans starting under sexual abuse, per 10,000 children" in html
    assert "Section 47 enquiries about sexual abuse ending with a multi-agency discussion" in html
    assert "Better than 2023-24 (2.9)." in html
    assert "Worse than England (3.6)." in html
    assert "Short of the target of 4 by 2026-27." in html
    assert "Suggested by this service" in html
    plans = suggested(partnership, "I-R3-CPP-SA")
    assert f'<a class="govuk-link" href="/partnerships/northmere/indicators/{plans.pk}/">' in html
    # A chart for each indicator with figures; the one without any says so in words.
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" id="indicator-') == 2
    assert "No figure recorded yet." in html
    assert "Show the numbers" in html and "the numbers</caption>" in html
    gaps = html[html.index("Data gaps") : html.index("</ul>", html.index("Data gaps"))]
    assert "no figure for 2024-25" in gaps
    assert "Assessments where child sexual abuse was a factor" in gaps
    assert "Child protection plans" not in gaps


def test_viewers_do_not(client, personas, r3_figures):
    html = page(client, personas["viewer"])
    assert 'id="indicators"' not in html
    assert "Child protection plans starting under sexual abuse" not in html
    assert "<svg" not in html
