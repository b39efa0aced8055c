"""The judgement's page lists the indicators it cites to everyone who may read it; their latest value and how it
moved only to those who may see the partnership's figures (viewers read those in published reports only)."""

import pytest

from scrutiny.models import Review
from tests.support.indicator_values import judge_citing, record, suggested

URL = "/partnerships/northmere/reviews/{}/judgements/R6/"


@pytest.fixture
def cited(world, personas, partnership):
    wait = suggested(partnership.framework, "I-R6-THERAPY-WAIT")
    record(partnership, wait, personas["lead"], {"2023-24": 40, "2024-25": 55})
    judge_citing(world, personas, [wait])
    Review.objects.filter(pk=world["review"].pk).update(status=Review.Status.PUBLISHED)
    return wait


def relied_on(client, world) -> str:
    page = client.get(URL.format(world["review"].pk))
    assert page.status_code == 200
    return page.content.decode().split("Indicators relied on</h2>")[1].split("</ul>")[0]


@pytest.mark.parametrize("persona", ["scrutineer", "lead", "contributor"])
def test_members_who_see_indicators_read_the_value_and_the_words(client, world, personas, cited, persona):
    client.force_login(personas[persona])
    listed = relied_on(client, world)
    assert "I-R6-THERAPY-WAIT" in listed
    assert "latest 55 days in 2024-25" in listed and "Worse than 2023-24 (40 days)." in listed
    assert f"/partnerships/northmere/indicators/{cited.pk}/" in listed


def test_a_viewer_reads_which_indicators_not_their_values(client, world, personas, cited):
    client.force_login(personas["viewer"])
    listed = relied_on(client, world)
    assert "I-R6-THERAPY-WAIT" in listed
    assert "55 days" not in listed and "Worse than" not in listed
    assert "/indicators/" not in listed
