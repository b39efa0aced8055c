"""The daily digests of actions overdue or due soon: who hears, about what, and only once a day.

`send_reminders(today)` is called with a date, which is the clock; the Celery task is called
under a frozen `timezone.localdate`.
"""

import datetime
import logging
from html.parser import HTMLParser

import pytest
from django.core import mail

from partnerships import reminders
from partnerships.models import ActionItem, Membership, ReminderSent
from partnerships.reminders import send_reminders
from partnerships.tasks import RemindersNotSent, send_action_reminders
from tests.support.builders import make_member

TODAY = datetime.date(2026, 12, 20)
SITE = "https://tracker.example.gov.uk"
MARKUP = '<script>alert("x")</script> Health rota & cover'


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def plan(world, personas, partnership, health_agency):
    """Northmere's plan on TODAY, beside the world's items (health and police due in 11 days)."""
    lead = personas["lead"]

    def item(description, due, status=ActionItem.Status.ON_TRACK, owner=health_agency):
        return ActionItem.objects.create(
            partnership=partnership,
            description=description,
            owner_agency=owner,
            lead_name="A. Named Lead",
            start_date=datetime.date(2026, 1, 1),
            due_date=due,
            status=status,
            created_by=lead,
        )

    # The world's items are due relative to the real today; here they are due 11 days from TODAY.
    ActionItem.objects.filter(
        pk__in=[world[key].pk for key in ("health_action", "police_action", "other_action")]
    ).update(due_date=TODAY + datetime.timedelta(days=11))
    return {
        **world,
        "overdue": item(MARKUP, TODAY - datetime.timedelta(days=3), ActionItem.Status.AT_RISK),
        "due_today": item("Health audit of strategy discussions", TODAY),
        "in_14_days": item("Health pathway to the SARC", TODAY + datetime.timedelta(days=14)),
        "in_15_days": item("Health training needs assessment", TODAY + datetime.timedelta(days=15)),
        "complete": item("Health referral form", TODAY - datetime.timedelta(days=10), ActionItem.Status.COMPLETE),
        "police_contributor": make_member(
            "police_contributor", partnership, Membership.Role.CONTRIBUTOR, world["police"]
        ),
    }


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def only_message_to(address):
    messages = sent_to(address)
    assert len(messages) == 1, f"{len(messages)} messages to {address}"
    return messages[0]


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_owner_agency_contributors_and_leads_get_one_digest_each(plan):
    counts = send_reminders(TODAY)

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "contributor@example.org",
        "lead@example.org",
        "outsider@example.org",
        "police_contributor@example.org",
    ]
    assert counts == {"owner": 2, "lead": 2, "already_sent": 0, "no_email": 0, "failed": 0}


def test_viewers_and_scrutineers_get_nothing(plan):
    send_reminders(TODAY)

    assert sent_to("viewer@example.org") == []
    assert sent_to("scrutineer@example.org") == []


def test_contributor_hears_only_of_their_own_agencys_items_due_within_14_days(plan):
    send_reminders(TODAY)

    body = only_message_to("contributor@example.org").body
    for included in ["overdue", "due_today", "health_action", "in_14_days"]:
        assert plan[included].description in body
    for excluded in ["in_15_days", "complete", "police_action", "other_action"]:
        assert plan[excluded].description not in body


def test_another_agencys_contributor_hears_only_of_their_agency(plan):
    send_reminders(TODAY)

    body = only_message_to("police_contributor@example.org").body
    assert plan["police_action"].description in body
    assert plan["health_action"].description not in body


def test_overdue_items_come_first_with_days_in_words(plan):
    send_reminders(TODAY)

    body = only_message_to("contributor@example.org").body
    order = [body.index(plan[key].description) for key in ["overdue", "due_today", "health_action", "in_14_days"]]
    assert order == sorted(order)
    assert "Overdue by 3 days" in body
    assert "Due today" in body
    assert "Due in 11 days" in body
    assert "Due in 14 days" in body
    assert "At risk" in body
    assert "31 December 2026" in body


def test_lead_hears_of_every_agencys_items_grouped_by_agency_and_no_other_partnerships(plan):
    send_reminders(TODAY)

    message = only_message_to("lead@example.org")
    body = message.body
    assert "Northmere Partnership" in message.subject
    assert body.index("Northmere Health") < body.index(plan["health_action"].description)
    assert body.index("Northmere Police") < body.index(plan["police_action"].description)
    # Agencies in name order, each with its own items under it.
    assert body.index(plan["health_action"].description) < body.index("Northmere Police")
    assert plan["in_15_days"].description not in body
    assert plan["complete"].description not in body
    assert plan["other_action"].description not in body

    outsider = only_message_to("outsider@example.org").body
    assert plan["other_action"].description in outsider
    assert plan["health_action"].description not in outsider


def test_links_are_absolute_and_go_to_the_item(plan):
    send_reminders(TODAY)

    message = only_message_to("contributor@example.org")
    link = f"{SITE}/partnerships/northmere/actions/{plan['health_action'].pk}/"
    assert link in message.body
    assert f'href="{link}"' in html_of(message)


def test_run_twice_on_one_day_sends_once_and_next_day_sends_again(plan):
    send_reminders(TODAY)
    assert len(mail.outbox) == 4

    counts = send_reminders(TODAY)
    assert len(mail.outbox) == 4
    assert counts["already_sent"] == 4
    assert counts["owner"] == counts["lead"] == 0

    send_reminders(TODAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 8


def test_each_digest_is_recorded_with_its_item_count(plan, personas):
    send_reminders(TODAY)

    record = ReminderSent.objects.get(recipient=personas["contributor"], sent_on=TODAY)
    assert record.kind == ReminderSent.Kind.OWNER
    assert record.items == 4
    lead_record = ReminderSent.objects.get(recipient=personas["lead"], sent_on=TODAY)
    assert lead_record.kind == ReminderSent.Kind.LEAD
    assert lead_record.items == 5
    assert ReminderSent.objects.count() == 4


def test_nobody_hears_when_nothing_is_overdue_or_due_soon(world):
    assert send_reminders(datetime.date(2026, 6, 1))["owner"] == 0
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_contributor_whose_agency_has_nothing_due_hears_nothing(plan):
    plan["police_action"].status = ActionItem.Status.COMPLETE
    plan["police_action"].save()

    send_reminders(TODAY)

    assert sent_to("police_contributor@example.org") == []
    assert len(sent_to("lead@example.org")) == 1


class _Parsed(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.attrs = {}
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.setdefault(tag, []).append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def test_every_email_has_subject_text_and_accessible_html(plan):
    send_reminders(TODAY)

    for message in mail.outbox:
        assert message.subject
        assert "\n" not in message.subject
        assert message.body.strip()
        html = html_of(message)
        parsed = _Parsed()
        parsed.feed(html)
        assert parsed.attrs["html"] == [{"lang": "en-GB"}]
        assert "h1" in parsed.tags
        assert "table" in parsed.tags
        assert {"col", "row"} <= {attrs.get("scope") for attrs in parsed.attrs["th"]}
        assert "img" not in parsed.tags
        assert "style" not in parsed.tags  # inline CSS only
        assert "link" not in parsed.tags


def test_html_escapes_markup_in_descriptions(plan):
    send_reminders(TODAY)

    for address in ["contributor@example.org", "lead@example.org"]:
        message = only_message_to(address)
        html = html_of(message)
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Health rota &amp; cover" in html
        # The text part is not HTML: it shows the words as typed.
        assert MARKUP in message.body


def test_person_without_email_is_skipped_and_logged_by_id_only(plan, partnership, health_agency, caplog):
    silent = make_member("silent", partnership, Membership.Role.CONTRIBUTOR, health_agency)
    silent.email = ""
    silent.save()

    with caplog.at_level(logging.INFO, logger="partnerships.reminders"):
        counts = send_reminders(TODAY)

    assert counts["no_email"] == 1
    assert counts["owner"] == 2
    assert not ReminderSent.objects.filter(recipient=silent).exists()
    messages = [record.getMessage() for record in caplog.records]
    assert any(str(silent.pk) in message for message in messages)
    for message in messages:
        assert "silent" not in message
        assert "Health" not in message


def test_a_digest_that_fails_to_send_is_forgotten_so_a_retry_sends_it(plan, personas, monkeypatch):
    real_send = reminders.send_templated_email

    def fail_for_lead(template, to, context):
        if to == "lead@example.org":
            raise ConnectionError("SMTP server went away")
        real_send(template, to, context)

    monkeypatch.setattr(reminders, "send_templated_email", fail_for_lead)
    counts = send_reminders(TODAY)
    assert counts["failed"] == 1
    assert counts["owner"] == 2
    assert not ReminderSent.objects.filter(recipient=personas["lead"]).exists()
    assert sent_to("lead@example.org") == []

    monkeypatch.setattr(reminders, "send_templated_email", real_send)
    counts = send_reminders(TODAY)
    assert counts == {"owner": 0, "lead": 1, "already_sent": 3, "no_email": 0, "failed": 0}
    assert len(sent_to("lead@example.org")) == 1
    assert len(mail.outbox) == 4


def test_inactive_users_get_nothing(plan, personas):
    personas["contributor"].is_active = False
    personas["contributor"].save()

    send_reminders(TODAY)

    assert sent_to("contributor@example.org") == []


def test_task_uses_todays_date_in_london(plan, monkeypatch):
    monkeypatch.setattr("partnerships.tasks.timezone.localdate", lambda: TODAY)

    counts = send_action_reminders()

    assert counts["owner"] == 2
    assert ReminderSent.objects.filter(sent_on=TODAY).count() == 4


def test_task_takes_the_day_as_an_iso_date(plan):
    send_action_reminders(TODAY.isoformat())
    send_action_reminders(TODAY.isoformat())

    assert len(mail.outbox) == 4


def test_task_fails_loudly_when_digests_are_not_sent_so_celery_retries(plan, monkeypatch):
    real_send = reminders.send_templated_email

    def fail_for_lead(template, to, context):
        if to == "lead@example.org":
            raise ConnectionError("SMTP server went away")
        real_send(template, to, context)

    monkeypatch.setattr(reminders, "send_templated_email", fail_for_lead)
    with pytest.raises(RemindersNotSent):
        send_action_reminders(TODAY.isoformat())

    assert ReminderSent.objects.filter(sent_on=TODAY).count() == 3
    assert len(mail.outbox) == 3
