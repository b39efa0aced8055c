"""Each step of the challenge loop emails the people who must act next, once, after the transaction
commits: raised and asked again to the partnership managers and the challenged agency's contributors,
a response to the scrutineers, an escalation to the lead safeguarding partners; accepting emails nobody.
Every link starts with SITE_URL; nothing is sent for a step that is rolled back."""

import re

import pytest
from django.core import mail
from django.db import transaction

from scrutiny import challenges as workflow
from scrutiny.challenge_notices import send_notice
from scrutiny.models import ChallengeStep
from tests.support.builders import as_member, in_days

SITE = "https://tracker.example.gov.uk"
URL = re.compile(r"""(?:https?:)?//[^\s"'<>]+""")
MANAGER_AND_HEALTH = {"lead@example.org", "contributor@example.org"}
SCRUTINEER = {"scrutineer@example.org"}
PARTNERS = {
    "chief.executive@northmere.gov.example",
    "chief.executive@northmere-icb.nhs.example",
    "police-partner@example.org",
}


pytestmark = pytest.mark.usefixtures("challenge_notices_in_process")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run `move` as a request would (its transaction commits) and return the emails it sent."""

    def run(move):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            move()
        return list(mail.outbox)

    return run


def raise_to(agency, personas, partnership):
    return workflow.raise_challenge(
        membership=as_member(personas["scrutineer"]),
        text="Show us the health pathway to the sexual assault referral centre.",
        agency=agency,
        recommendations=[partnership.framework.recommendations.get(code="R6")],
        response_due=in_days(30),
    )


def links(message):
    parts = [message.body, *(content for content, _ in message.alternatives)]
    return [url for part in parts for url in URL.findall(part)]


def only(messages):
    (message,) = messages
    assert links(message) and all(
        url.startswith(f"{SITE}/partnerships/northmere/challenges/") for url in links(message)
    )
    assert message.alternatives[0][1] == "text/html"
    return message


def test_raising_a_challenge_to_an_agency_emails_the_manager_and_the_agency(sent, personas, partnership, health_agency):
    message = only(sent(lambda: raise_to(health_agency, personas, partnership)))
    assert set(message.to) == MANAGER_AND_HEALTH
    assert message.subject.startswith("Challenge to Northmere Health: response due ")
    assert "Show us the health pathway" in message.body


def test_raising_a_challenge_to_the_partnership_emails_the_manager(sent, personas, partnership):
    message = only(sent(lambda: raise_to(None, personas, partnership)))
    assert set(message.to) == {"lead@example.org"}


def test_a_response_emails_the_scrutineer(sent, personas, world):
    challenge = world["health_challenge"]
    message = only(
        sent(lambda: workflow.respond(challenge=challenge, membership=as_member(personas["contributor"]), text="Done."))
    )
    assert set(message.to) == SCRUTINEER
    assert message.subject == "Response to the challenge to Northmere Health – Northmere Partnership"


def test_asking_again_emails_the_manager_and_the_agency(sent, personas, world):
    challenge = world["health_challenge"]
    workflow.respond(challenge=challenge, membership=as_member(personas["contributor"]), text="Done.")
    message = only(
        sent(
            lambda: workflow.ask_again(
                challenge=challenge,
                membership=as_member(personas["scrutineer"]),
                text="Send the audit.",
                response_due=in_days(14),
            )
        )
    )
    assert set(message.to) == MANAGER_AND_HEALTH
    assert "Send the audit." in message.body


def test_escalating_emails_the_lead_safeguarding_partners(sent, personas, world, safeguarding_partners):
    challenge = world["health_challenge"]
    message = only(
        sent(
            lambda: workflow.escalate(
                challenge=challenge, membership=as_member(personas["scrutineer"]), text="No reply."
            )
        )
    )
    assert set(message.to) == PARTNERS


def test_accepting_emails_nobody(sent, personas, world):
    challenge = world["health_challenge"]
    workflow.respond(challenge=challenge, membership=as_member(personas["contributor"]), text="Done.")
    assert sent(lambda: workflow.accept(challenge=challenge, membership=as_member(personas["scrutineer"]))) == []


def test_each_step_is_emailed_once_even_if_its_task_runs_again(sent, personas, world):
    challenge = world["health_challenge"]
    assert (
        len(
            sent(
                lambda: workflow.respond(
                    challenge=challenge, membership=as_member(personas["contributor"]), text="Done."
                )
            )
        )
        == 1
    )
    step = challenge.steps.get(kind=ChallengeStep.Kind.RESPONSE)
    assert send_notice(step.pk) is False  # a second delivery of the same task
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(sent, personas, partnership, health_agency):
    class Undo(Exception):
        pass

    def raise_then_fail():
        with pytest.raises(Undo), transaction.atomic():
            raise_to(health_agency, personas, partnership)
            raise Undo

    assert sent(raise_then_fail) == []
    assert not partnership.challenges.exists()


def test_a_failed_send_is_sent_by_the_retry(personas, world, monkeypatch, django_capture_on_commit_callbacks):
    challenge = world["health_challenge"]
    with django_capture_on_commit_callbacks(execute=False):
        step = workflow.respond(challenge=challenge, membership=as_member(personas["contributor"]), text="Done.")

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr("scrutiny.challenge_notices.send_templated_email", refused)
    with pytest.raises(ConnectionRefusedError):
        send_notice(step.pk)
    monkeypatch.undo()
    assert send_notice(step.pk) is True
    assert len(mail.outbox) == 1


def test_through_the_pages_the_response_emails_the_scrutineer(client, personas, world, sent):
    challenge = world["police_challenge"]
    client.force_login(personas["lead"])
    messages = sent(lambda: client.post(challenge.get_absolute_url() + "respond/", {"respond-text": "Done."}))
    assert set(only(messages).to) == SCRUTINEER
