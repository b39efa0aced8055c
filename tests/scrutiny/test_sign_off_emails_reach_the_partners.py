"""Who is told about sign-off, once each: the three partners when a report is offered (at the address recorded
for each), the review's scrutineers when a partner returns it and when the third signs it off; nothing for
the first and second signatures, nothing for a step rolled back, and a task delivered twice sends once."""

import pytest
from django.core import mail
from django.db import transaction

from partnerships.models import Membership
from scrutiny import sign_off
from scrutiny.models import Report, SignOff
from scrutiny.sign_off_notices import send_decision, send_request

pytestmark = pytest.mark.usefixtures("sign_off_notices_in_process")


@pytest.fixture
def report(report_world, personas):
    """The published review's ready final, with the scrutineer as the review's scrutineer."""
    report = report_world["published_final"]
    report.review.scrutineers.add(personas["scrutineer"])
    return report


def scrutineer(personas):
    return Membership.objects.get(user=personas["scrutineer"])


def offer(personas, report, capture):
    with capture(execute=True):
        return sign_off.offer_for_sign_off(membership=scrutineer(personas), report=report)


def decide(partner, report, capture, decision="signed", comment=""):
    with capture(execute=True):
        return sign_off.decide(membership=partner.membership, report=report, decision=decision, comment=comment)


def test_offering_emails_the_three_partners_once(personas, report, partners, django_capture_on_commit_callbacks):
    offer(personas, report, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert sorted(message.to) == sorted(partner.email for partner in partners.values())
    assert message.subject == "Final report for your sign-off – Review 2025 – Northmere Partnership"
    assert "the final report on Review 2025, version 1" in message.body
    assert "Alex Moreno, Assistant Chief Constable, Northmere (delegate of the chief officer of police)" in message.body
    assert f"/partnerships/northmere/reports/{report.pk}/sign-off/" in message.body
    html = message.alternatives[0][0]
    assert f"/partnerships/northmere/reports/{report.pk}/sign-off/" in html
    # Delivered again: claimed already, nothing more is sent.
    assert send_request(str(report.pk)) is False
    assert len(mail.outbox) == 1


def test_the_first_two_signatures_tell_nobody_and_the_third_tells_the_scrutineers(
    personas, report, partners, django_capture_on_commit_callbacks
):
    offer(personas, report, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    council, icb, police = partners["local_authority"], partners["integrated_care_board"], partners["police"]
    decide(council, report, django_capture_on_commit_callbacks)
    decide(icb, report, django_capture_on_commit_callbacks, comment="Content with the priorities.")
    assert mail.outbox == []
    third = decide(police, report, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == [personas["scrutineer"].email]
    assert message.subject == (
        "Final report signed off by the three lead safeguarding partners – Review 2025 – Northmere Partnership"
    )
    assert "Integrated care board: Sam Whitfield" in message.body and "Content with the priorities." in message.body
    # Delivered again, or an earlier signature's task run late: nothing more.
    assert send_decision(third.pk) is False
    first = SignOff.objects.get(report=report, organisation="local_authority")
    SignOff.objects.filter(pk=first.pk).update(notified_at=None)
    assert send_decision(first.pk) is False
    assert len(mail.outbox) == 1


def test_a_return_tells_the_scrutineers_with_the_comment(
    personas, report, partners, django_capture_on_commit_callbacks
):
    offer(personas, report, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    decide(partners["police"], report, django_capture_on_commit_callbacks, "returned", "Add the custody data.")
    (message,) = mail.outbox
    assert message.to == [personas["scrutineer"].email]
    assert message.subject.startswith("Final report returned by the police's lead safeguarding partner")
    assert "Add the custody data." in message.body and "Add the custody data." in message.alternatives[0][0]
    assert report.get_absolute_url() in message.body


def test_a_step_rolled_back_sends_nothing(personas, report, partners, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        sign_off.offer_for_sign_off(membership=scrutineer(personas), report=report)
        raise RuntimeError("rolled back")
    assert mail.outbox == []
    assert Report.objects.get(pk=report.pk).sign_off_requested_at is None


def test_a_failed_send_gives_the_claim_back(personas, report, partners, monkeypatch):
    sign_off.offer_for_sign_off(membership=scrutineer(personas), report=report)  # its task not run: no capture

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("scrutiny.sign_off_notices.send_templated_email", broken)
    with pytest.raises(OSError):
        send_request(str(report.pk))
    assert Report.objects.get(pk=report.pk).sign_off_notified_at is None
    monkeypatch.undo()
    assert send_request(str(report.pk)) is True
    assert len(mail.outbox) == 1
