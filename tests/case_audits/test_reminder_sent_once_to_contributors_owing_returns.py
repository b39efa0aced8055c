"""A week before a round's due date, each contributor of an agency that owes returns gets one email listing the
cases by reference with links; agencies that submitted everything, other roles and published rounds get none; a
second run the same day sends nothing; on a day that is not a reminder day nothing is sent."""

from django.core import mail

from case_audits.models import ReturnReminderSent
from case_audits.reminders import send_return_reminders
from tests.support import audit_world
from tests.support.builders import in_days, make_member


def test_sent_once_to_the_right_people(personas, partnership, health_agency):
    police = audit_world.police_agency(partnership)
    officer = make_member("officer", partnership, "contributor", police)
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency, police], due_in_days=7)
    first = audit_world.case(audit_round, personas["lead"], "MACA-01")
    audit_world.case(audit_round, personas["lead"], "MACA-02", agencies=[health_agency])
    audit_world.agency_return(first, police, officer)  # police have submitted everything they owe
    audit_world.agency_return(first, health_agency, personas["contributor"], submitted=False)
    audit_world.audit_round(partnership, personas["lead"], [health_agency], due_in_days=7, published=True)

    counts = send_return_reminders(in_days(0))
    assert counts == {"sent": 1, "already_sent": 0, "no_email": 0, "failed": 0}
    (email,) = mail.outbox
    assert email.to == ["contributor@example.org"]
    assert "MACA-01" in email.body and "MACA-02" in email.body and "in progress" in email.body
    assert f"/audits/{audit_round.pk}/cases/{first.pk}/returns/{health_agency.pk}/" in email.body
    assert ReturnReminderSent.objects.get().returns == 2

    assert send_return_reminders(in_days(0))["already_sent"] == 1
    assert len(mail.outbox) == 1
    assert send_return_reminders(in_days(-1))["sent"] == 0  # eight days before: no reminder
    assert len(mail.outbox) == 1
