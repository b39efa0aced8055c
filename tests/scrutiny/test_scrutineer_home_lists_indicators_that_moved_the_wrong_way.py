"""The scrutineer's home names, per partnership, the indicators whose latest value is worse than the period
before's, by each indicator's direction, with the words and a link to the indicator's page; the page's query
count does not grow with partnerships or values."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Area
from partnerships.models import Membership, Partnership
from tests.support.indicator_values import record, suggested


def wrong_way_section(client) -> str:
    page = client.get("/").content.decode()
    return page.split('id="indicators-wrong-way"')[1].split("</table>")[0]


def row_of(section: str, name: str) -> str:
    return next(row for row in section.split("<tr")[1:] if name in row)


def test_only_the_indicators_that_moved_the_wrong_way_by_their_direction(client, personas, partnership, framework):
    lead = personas["lead"]
    wait = suggested(framework, "I-R6-THERAPY-WAIT")  # days: lower is better
    health = suggested(framework, "I-R6-HEALTH-PRESENT")  # percentage: higher is better
    trained = suggested(framework, "I-R2-TRAINED")
    confident = suggested(framework, "I-R5-CONFIDENT")
    record(partnership, wait, lead, {"2023-24": 40, "2024-25": 55})  # longer: worse
    record(partnership, health, lead, {"2023-24": 70, "2024-25": 60.5})  # fewer: worse
    record(partnership, trained, lead, {"2023-24": 50, "2024-25": 65})  # more: better
    record(partnership, confident, lead, {"2023-24": 70, "2024-25": "c"})  # suppressed: not compared
    # England doing better is not "moving": only the partnership's own periods are compared.
    record(partnership, trained, lead, {"2024-25": 90}, area=Area.ENGLAND, area_name="England")

    other = Partnership.objects.create(name="Oakhollow Partnership", slug="oakhollow", area="Oak", framework=framework)
    Membership.objects.create(user=personas["scrutineer"], partnership=other, role=Membership.Role.SCRUTINEER)
    record(other, wait, lead, {"2023-24": 55, "2024-25": 40})  # shorter: better

    client.force_login(personas["scrutineer"])
    section = wrong_way_section(client)
    northmere = row_of(section, "Northmere Partnership")
    assert "I-R6-THERAPY-WAIT" in northmere and "I-R6-HEALTH-PRESENT" in northmere
    assert "I-R2-TRAINED" not in northmere and "I-R5-CONFIDENT" not in northmere
    assert "55 days in 2024-25. Worse than 2023-24 (40 days)." in northmere
    assert "60.5% in 2024-25. Worse than 2023-24 (70%)." in northmere
    link = reverse("indicator_detail", kwargs={"slug": "northmere", "indicator_pk": wait.pk})
    assert f'href="{link}"' in northmere
    assert "None" in row_of(section, "Oakhollow Partnership")  # figures, none worse


def test_a_partnership_with_no_figures_says_so(client, personas, partnership):
    client.force_login(personas["scrutineer"])
    assert "No figures recorded yet" in row_of(wrong_way_section(client), "Northmere Partnership")


def _scrutinise(user, framework, n):
    """n more partnerships the user scrutinises, each with four years of every suggested indicator."""
    indicators = list(framework.indicators.filter(partnership__isnull=True))
    for i in range(n):
        partnership = Partnership.objects.create(name=f"Extra {i}", slug=f"extra-{i}", area="A", framework=framework)
        Membership.objects.create(user=user, partnership=partnership, role=Membership.Role.SCRUTINEER)
        for k, indicator in enumerate(indicators):
            figures = {"2021-22": 20 + k, "2022-23": 30, "2023-24": 25 + i, "2024-25": 10 + k}
            record(partnership, indicator, user, figures)
            record(partnership, indicator, user, figures, area=Area.ENGLAND, area_name="England")


def test_query_count_is_the_same_with_1_and_5_partnerships_and_more_values(client, personas, partnership, framework):
    scrutineer = personas["scrutineer"]
    record(partnership, suggested(framework, "I-R6-THERAPY-WAIT"), scrutineer, {"2023-24": 40, "2024-25": 55})
    client.force_login(scrutineer)
    with CaptureQueriesContext(connection) as one:
        assert "I-R6-THERAPY-WAIT" in wrong_way_section(client)

    _scrutinise(scrutineer, framework, 4)
    record(partnership, suggested(framework, "I-R6-THERAPY-WAIT"), scrutineer, {"2021-22": 30, "2022-23": 35})
    with CaptureQueriesContext(connection) as five:
        section = wrong_way_section(client)
    assert section.count("Worse than") > 4  # what is counted is on the page
    assert len(five) == len(one)
