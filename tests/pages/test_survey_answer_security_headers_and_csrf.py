"""The answer pages carry the same security headers as the rest of the service (tests/project/test_security_headers.py)
and refuse a POST without the CSRF token, storing nothing; they are never cached."""

import pytest

from tests.support import survey_world
from tests.support.survey_answers import anonymous_client, answer_data, answer_url, stored, thanks_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(partnership, personas, health_agency):
    scrutineer = personas["scrutineer"]
    open_round = survey_world.survey_round(partnership, scrutineer, [health_agency])
    closed_round = survey_world.survey_round(
        partnership, scrutineer, [health_agency], title="Closed", opens_in_days=-30, closes_in_days=-2
    )
    return survey_world.link(open_round, health_agency, scrutineer), survey_world.link(
        closed_round, health_agency, scrutineer
    )


@pytest.mark.parametrize("page", ["form", "thanks", "closed"])
def test_security_headers(links, page):
    open_link, closed_link = links
    url = {"form": answer_url(open_link), "thanks": thanks_url(open_link), "closed": answer_url(closed_link)}[page]

    response = anonymous_client().get(url, secure=True)

    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]
    assert "form-action 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "max-age=" in response["Strict-Transport-Security"]
    assert "no-store" in response["Cache-Control"]


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(links):
    open_link, _ = links
    client = anonymous_client(enforce_csrf_checks=True)
    client.get(answer_url(open_link))

    refused = client.post(answer_url(open_link), answer_data(open_link.round))

    assert refused.status_code == 403
    assert stored() == (0, 0, 0)


def test_a_post_with_another_visits_token_is_refused(links):
    open_link, _ = links
    other = anonymous_client(enforce_csrf_checks=True)
    other.get(answer_url(open_link))
    client = anonymous_client(enforce_csrf_checks=True)
    client.get(answer_url(open_link))
    foreign = other.cookies["csrftoken"].value

    refused = client.post(answer_url(open_link), answer_data(open_link.round) | {"csrfmiddlewaretoken": foreign})

    assert refused.status_code == 403
    assert stored() == (0, 0, 0)


def test_other_methods_are_not_allowed(links):
    open_link, _ = links
    client = anonymous_client()

    assert client.put(answer_url(open_link)).status_code == 405
    assert client.post(thanks_url(open_link)).status_code == 405
    assert stored() == (0, 0, 0)
