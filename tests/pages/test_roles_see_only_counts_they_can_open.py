"""A count is shown only to a role that may open what it counts: a viewer, who may not open the challenge
log, reads no challenge counts on the overview or a recommendation's page; the roles that may, do."""

import pytest

OVERVIEW = "/partnerships/northmere/"
R6 = "/partnerships/northmere/recommendations/R6/"
LOG = "/partnerships/northmere/challenges/"


def test_viewer_reads_no_challenge_count(client, personas, world):
    client.force_login(personas["viewer"])
    assert client.get(LOG).status_code == 403

    page = client.get(R6).content.decode()
    assert "Open challenges" not in page
    hint = client.get(OVERVIEW).content.decode().split('id="R6-hint"')[1].split("</div>")[0]
    assert "challenge" not in hint


@pytest.mark.parametrize("role", ["scrutineer", "lead", "contributor"])
def test_roles_that_open_the_log_read_its_counts(client, personas, world, role):
    client.force_login(personas[role])
    assert client.get(LOG).status_code == 200

    page = client.get(R6).content.decode()
    assert "Open challenges" in page
    assert world["health_challenge"].get_absolute_url() in page
    hint = " ".join(client.get(OVERVIEW).content.decode().split('id="R6-hint"')[1].split("</div>")[0].split())
    assert "2 open challenges" in hint
