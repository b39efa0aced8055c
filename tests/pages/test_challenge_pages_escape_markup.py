"""Markup typed into a challenge, a response or a note is shown as text, never run."""

import datetime

import pytest
from django.utils import timezone

from scrutiny import challenges as workflow
from tests.support.builders import as_member

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)
BASE = "/partnerships/northmere/challenges/"


def assert_escaped(html, times=1):
    assert "<script>alert" not in html and "<img src=x" not in html
    assert html.count(ESCAPED) >= times


@pytest.fixture
def hostile(personas, partnership, health_agency):
    challenge = workflow.raise_challenge(
        membership=as_member(personas["scrutineer"]),
        text=f"Challenge {PAYLOAD} no further action",
        agency=health_agency,
        recommendations=list(partnership.framework.recommendations.filter(code="R3")),
        response_due=NEXT_MONTH,
    )
    workflow.respond(challenge=challenge, membership=as_member(personas["contributor"]), text=f"Response {PAYLOAD}")
    workflow.ask_again(
        challenge=challenge,
        membership=as_member(personas["scrutineer"]),
        text=f"Again {PAYLOAD}",
        response_due=NEXT_MONTH,
    )
    workflow.escalate(challenge=challenge, membership=as_member(personas["scrutineer"]), text=f"Escalated {PAYLOAD}")
    return challenge


def test_detail_page_escapes_the_challenge_and_every_step(client, personas, hostile):
    client.force_login(personas["lead"])
    html = client.get(hostile.get_absolute_url()).content.decode()
    assert_escaped(html, times=4)
    assert "no further police action at this time" in html  # the language guidance still reads the text


def test_list_page_escapes_the_challenge(client, personas, hostile):
    client.force_login(personas["scrutineer"])
    html = client.get(BASE).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Challenge &lt;script&gt;" in html


def test_history_escapes_the_challenge_text(client, personas, hostile):
    client.force_login(personas["scrutineer"])
    html = client.get(hostile.get_absolute_url()).content.decode()
    history = html.split('id="history"')[1]
    assert "<script>alert" not in history


def test_form_shown_again_with_errors_escapes_what_was_typed(client, personas, hostile):
    client.force_login(personas["scrutineer"])
    response = client.post(hostile.get_absolute_url() + "accept/", {"accept-note": PAYLOAD})
    assert response.status_code == 200  # escalated: no response to accept
    html = response.content.decode()
    assert "There is no response to accept yet" in html
    assert_escaped(html, times=5)


def test_raise_form_shown_again_escapes_what_was_typed(client, personas):
    client.force_login(personas["scrutineer"])
    response = client.post(BASE + "new/", {"text": PAYLOAD})
    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_agency_names_are_escaped_too(client, personas, partnership, health_agency):
    health_agency.name = "Health <b>bold</b>"
    health_agency.save()
    challenge = workflow.raise_challenge(
        membership=as_member(personas["scrutineer"]),
        text="Plain",
        agency=health_agency,
        recommendations=list(partnership.framework.recommendations.filter(code="R1")),
        response_due=NEXT_MONTH,
    )
    client.force_login(personas["scrutineer"])
    for url in [BASE, challenge.get_absolute_url(), BASE + "new/"]:
        html = client.get(url).content.decode()
        assert "<b>bold</b>" not in html and "Health &lt;b&gt;bold&lt;/b&gt;" in html
