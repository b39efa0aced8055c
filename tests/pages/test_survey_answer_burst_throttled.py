"""A burst of answers from one address is slowed, not dropped: past ten in ten minutes the form comes back with
429, the person's answers still in it and a plain message to wait, and nothing stored; once the window has passed
the same answers are accepted. Another address is not held up meanwhile."""

import pytest

from common import throttle
from pages.views.survey_answers import ANSWERS_PER_WINDOW, WINDOW_SECONDS
from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, answer_url, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, at the start of a window, moved by hand."""
    now = {"at": 2_000_000 * WINDOW_SECONDS}
    monkeypatch.setattr(throttle, "now", lambda: now["at"])
    return now


def test_burst_slowed_with_answers_kept_then_accepted(partnership, personas, health_agency, clock):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    client = anonymous_client()
    data = answer_data(survey_round, agency_type="education", role_band="manager", confidence="3", trained="no")
    data["answer_PQ6"] = "We ask children what they think at every visit."

    for _ in range(ANSWERS_PER_WINDOW):
        assert client.post(answer_url(link), data).status_code == 302
    clock["at"] += 60
    slowed = client.post(answer_url(link), data)

    assert slowed.status_code == 429
    assert stored()[0] == ANSWERS_PER_WINDOW
    page = slowed.content.decode()
    assert "Wait a few minutes, then send it again" in page
    assert "We ask children what they think at every visit." in page, "the person's text is kept"
    assert 'value="education"\n    checked' in page or 'value="education" checked' in " ".join(page.split())
    assert anonymous_client().post(answer_url(link), data).status_code == 302, "another address is not held up"

    clock["at"] += 2 * WINDOW_SECONDS
    accepted = client.post(answer_url(link), data)

    assert accepted.status_code == 302
    assert stored()[0] == ANSWERS_PER_WINDOW + 2


def test_a_window_turning_over_does_not_let_a_burst_through(partnership, personas, health_agency, clock):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    client = anonymous_client()
    data = answer_data(survey_round)
    clock["at"] += WINDOW_SECONDS - 5
    for _ in range(ANSWERS_PER_WINDOW):
        assert client.post(answer_url(link), data).status_code == 302

    clock["at"] += 10  # into the next window: the last one's ten still count, almost whole

    assert client.post(answer_url(link), data).status_code == 429
