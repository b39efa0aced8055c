"""An escalated challenge goes to the partnership's three lead safeguarding partners (Working Together 2023:
the local authority's chief executive, the integrated care board's chief executive, the chief officer of
police), not back to the partnership manager: they are emailed once, the challenge page names them, and
the one of them with an account (here the police's delegate, a viewer's membership) responds.
docs/decisions/0020-lead-safeguarding-partners.md."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from partnerships.models import LeadSafeguardingPartner, Membership
from scrutiny import challenges as workflow
from scrutiny.models import Challenge, ChallengeStep
from tests.support.builders import as_member

PARTNER_ADDRESSES = {
    "chief.executive@northmere.gov.example",
    "chief.executive@northmere-icb.nhs.example",
    "police-partner@example.org",
}


pytestmark = pytest.mark.usefixtures("challenge_notices_in_process")


def escalate_through_the_page(client, personas, challenge):
    client.force_login(personas["scrutineer"])
    return client.post(challenge.get_absolute_url() + "escalate/", {"escalate-text": "Twice unanswered."}, follow=True)


def test_escalation_emails_the_three_partners_once(
    client, personas, world, safeguarding_partners, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        escalate_through_the_page(client, personas, world["police_challenge"])
    (message,) = mail.outbox
    assert set(message.to) == PARTNER_ADDRESSES
    assert message.subject == "Challenge escalated to the lead safeguarding partners – Northmere Partnership"
    assert "Dana Okafor, Chief Executive, Northmere Council" in message.body
    assert "Alex Moreno, Assistant Chief Constable, Northmere Police (delegate of the chief officer of police)" in (
        message.body
    )
    assert "Twice unanswered." in message.body


def test_challenge_page_names_the_three_partners(client, personas, world, safeguarding_partners):
    html = escalate_through_the_page(client, personas, world["police_challenge"]).content.decode()
    summary = html.split("<dl")[1].split("</dl>")[0]
    row = summary.split("Lead safeguarding partners</dt>")[1].split("</div>")[0]
    names = [
        "Dana Okafor, Chief Executive, Northmere Council",
        "Sam Whitfield, Chief Executive, Northmere Integrated Care Board",
        "Alex Moreno, Assistant Chief Constable, Northmere Police (delegate of the chief officer of police)",
    ]
    positions = [row.index(name) for name in names]
    assert positions == sorted(positions)  # local authority, integrated care board, police
    assert "health" not in row.lower().replace("integrated care board", "")
    assert "partnership lead" not in html.lower()


def test_a_partner_sees_the_log_and_responds_to_an_escalated_challenge(client, personas, world, safeguarding_partners):
    challenge = world["police_challenge"]
    workflow.escalate(challenge=challenge, membership=as_member(personas["scrutineer"]), text="Twice unanswered.")
    partner = safeguarding_partners["user"]
    client.force_login(partner)
    assert client.get("/partnerships/northmere/challenges/").status_code == 200
    assert client.get(challenge.get_absolute_url()).status_code == 200
    response = client.post(challenge.get_absolute_url() + "respond/", {"respond-text": "The partners met on 3 May."})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.RESPONDED
    assert challenge.steps.last().by == partner


def test_partner_does_not_answer_a_challenge_that_is_not_escalated(client, world, safeguarding_partners):
    client.force_login(safeguarding_partners["user"])
    challenge = world["police_challenge"]
    assert client.post(challenge.get_absolute_url() + "respond/", {"respond-text": "Too early."}).status_code == 403
    assert not challenge.steps.filter(kind=ChallengeStep.Kind.RESPONSE).exists()


@pytest.mark.parametrize("persona", ["lead", "contributor"])
def test_manager_and_agency_no_longer_answer_an_escalated_challenge(
    client, personas, world, safeguarding_partners, persona
):
    challenge = world["health_challenge"]
    workflow.escalate(challenge=challenge, membership=as_member(personas["scrutineer"]), text="Twice unanswered.")
    client.force_login(personas[persona])
    response = client.post(challenge.get_absolute_url() + "respond/", {"respond-text": "Back to us?"})
    assert response.status_code == 403
    assert Challenge.objects.get(pk=challenge.pk).status == Challenge.Status.ESCALATED


def test_other_viewers_still_do_not_see_the_challenge_log(client, personas, world, safeguarding_partners):
    client.force_login(personas["viewer"])
    assert client.get("/partnerships/northmere/challenges/").status_code == 403


def test_page_says_which_partners_are_not_recorded(client, personas, world):
    LeadSafeguardingPartner.objects.create(
        partnership=world["review"].partnership,
        organisation=LeadSafeguardingPartner.Organisation.POLICE,
        name="Alex Moreno",
        job_title="Chief Constable, Northmere Police",
        email="chief.constable@northmere.police.example",
    )
    client.force_login(personas["scrutineer"])
    html = client.get(world["police_challenge"].get_absolute_url()).content.decode()
    assert "Not recorded: the local authority&#x27;s chief executive, the integrated care board&#x27;s chief " in html
    assert "None of the lead safeguarding partners has an account to respond with." in html


@pytest.mark.parametrize("role", [Membership.Role.SCRUTINEER, Membership.Role.LEAD])
def test_a_scrutineer_or_manager_cannot_answer_for_a_partner(personas, partnership, role):
    membership = personas["scrutineer" if role == Membership.Role.SCRUTINEER else "lead"].memberships.get()
    partner = LeadSafeguardingPartner(
        partnership=partnership,
        organisation=LeadSafeguardingPartner.Organisation.LOCAL_AUTHORITY,
        name="Dana Okafor",
        job_title="Chief Executive, Northmere Council",
        email="chief.executive@northmere.gov.example",
        membership=membership,
    )
    with pytest.raises(ValidationError, match="cannot answer for a lead safeguarding partner"):
        partner.full_clean()


def test_a_partner_answers_through_a_membership_of_the_same_partnership(personas, partnership):
    partner = LeadSafeguardingPartner(
        partnership=partnership,
        organisation=LeadSafeguardingPartner.Organisation.POLICE,
        name="Alex Moreno",
        job_title="Chief Constable",
        email="chief.constable@northmere.police.example",
        membership=personas["outsider"].memberships.get(),
    )
    with pytest.raises(ValidationError, match="Choose a membership of this partnership"):
        partner.full_clean()


def test_site_admin_records_the_partners_on_the_partnership(client, partnership):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("siteadmin", "admin@example.org", "x")
    client.force_login(admin)
    html = client.get(f"/admin/partnerships/partnership/{partnership.pk}/change/").content.decode()
    assert "Lead safeguarding partners" in html
    assert "Integrated care board" in html


def test_escalating_before_any_partner_is_recorded_says_so_and_emails_nobody(
    client, personas, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        html = escalate_through_the_page(client, personas, world["police_challenge"]).content.decode()
    assert "None of them is recorded yet: ask a site administrator to record them." in html
    assert mail.outbox == []
