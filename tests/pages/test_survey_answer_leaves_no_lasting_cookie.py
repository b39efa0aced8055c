"""Answering leaves no cookie behind the visit: the form, the answer and the thanks set only the CSRF cookie, for
the browser's session (no Max-Age, no Expires), and no session is made."""

import pytest
from django.contrib.sessions.models import Session

from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, answer_url

pytestmark = pytest.mark.django_db


def test_only_a_session_csrf_cookie_and_no_session(partnership, personas, health_agency):
    survey_round = survey_world.survey_round(partnership, personas["scrutineer"], [health_agency])
    link = survey_world.link(survey_round, health_agency, personas["scrutineer"])
    client = anonymous_client(enforce_csrf_checks=True)

    form = client.get(answer_url(link))
    token = form.cookies["csrftoken"].value
    sent = client.post(answer_url(link), answer_data(survey_round) | {"csrfmiddlewaretoken": token})
    thanks = client.get(sent["Location"])

    assert sent.status_code == 302
    cookies = [cookie for response in (form, sent, thanks) for cookie in response.cookies.values()]
    assert [cookie.key for cookie in cookies] == ["csrftoken"]
    assert cookies[0]["max-age"] == ""
    assert cookies[0]["expires"] == ""
    assert Session.objects.count() == 0
