"""Only the three lead safeguarding partners recorded for the partnership, each through the membership
recorded for them, sign off or return a final report that a scrutineer has offered; each once, and a
return needs a comment. Who they were is copied onto the decision. scrutiny/sign_off.py."""

import pytest
from django.core.exceptions import PermissionDenied

from partnerships.models import LeadSafeguardingPartner, Membership
from scrutiny import sign_off
from scrutiny.models import Report, SignOff
from tests.support import builders
from tests.support.builders import as_member, errors_of

pytestmark = pytest.mark.usefixtures("sign_off_notices_in_process")


@pytest.fixture
def offered(report_world, personas, partners):
    """The published review's ready final, offered by its scrutineer."""
    report = report_world["published_final"]
    return sign_off.offer_for_sign_off(membership=as_member(personas["scrutineer"]), report=report)


def page(report):
    return f"{report.get_absolute_url()}sign-off/"


def test_each_of_the_three_signs_through_the_page_and_who_they_were_is_kept(client, offered, partners):
    for partner in partners.values():
        client.force_login(partner.membership.user)
        assert client.get(page(offered)).status_code == 200
        response = client.post(page(offered), {"decision": "signed", "comment": ""})
        assert response.status_code == 302
    decisions = {d.organisation: d for d in SignOff.objects.filter(report=offered)}
    assert set(decisions) == set(partners)
    police = decisions["police"]
    assert (police.name, police.job_title, police.is_delegate) == (
        "Alex Moreno",
        "Assistant Chief Constable, Northmere",
        True,
    )
    assert police.by == partners["police"].membership.user and police.partner == partners["police"]
    assert Report.objects.with_sign_off().get(pk=offered.pk).sign_off_state == Report.SignOffState.SIGNED_OFF


@pytest.mark.parametrize("persona", ["scrutineer", "lead", "contributor", "viewer"])
def test_no_other_member_signs(client, personas, offered, persona):
    with pytest.raises(PermissionDenied):
        sign_off.decide(membership=as_member(personas[persona]), report=offered, decision="signed")
    client.force_login(personas[persona])
    assert client.get(page(offered)).status_code == 403
    assert client.post(page(offered), {"decision": "signed"}).status_code == 403
    assert not SignOff.objects.exists()


def test_a_partner_of_another_partnership_does_not_sign(client, other_partnership, offered):
    user = builders.make_member("castlebrook-partner", other_partnership, Membership.Role.VIEWER)
    other = LeadSafeguardingPartner.objects.create(
        partnership=other_partnership,
        organisation="police",
        name="Pat Castle",
        job_title="Chief Constable",
        email=user.email,
        membership=user.memberships.get(),
    )
    with pytest.raises(PermissionDenied):
        sign_off.decide(membership=other.membership, report=offered, decision="signed")
    client.force_login(user)
    assert client.get(page(offered)).status_code == 404
    assert client.get(page(offered).replace("northmere", "castlebrook")).status_code == 404
    assert not SignOff.objects.exists()


def test_a_second_decision_of_the_same_partner_is_refused_with_a_message(client, offered, partners):
    police = partners["police"].membership
    sign_off.decide(membership=police, report=offered, decision="signed")
    with pytest.raises(sign_off.SignOffRefused, match="already recorded: signed off by Alex Moreno"):
        sign_off.decide(membership=police, report=offered, decision="returned", comment="On second thoughts.")
    client.force_login(police.user)
    response = client.post(page(offered), {"decision": "returned", "comment": "Again."}, follow=True)
    assert "already recorded" in response.content.decode()
    assert SignOff.objects.get().decision == SignOff.Decision.SIGNED


def test_returning_needs_a_comment(client, offered, partners):
    council = partners["local_authority"].membership
    with pytest.raises(sign_off.SignOffRefused, match="Enter a comment"):
        sign_off.decide(membership=council, report=offered, decision="returned", comment="   ")
    client.force_login(council.user)
    response = client.post(page(offered), {"decision": "returned", "comment": ""})
    assert response.status_code == 200
    assert errors_of(response) == {"comment": [sign_off.COMMENT_REQUIRED]}
    assert "govuk-error-summary" in response.content.decode()
    response = client.post(page(offered), {"comment": "No decision chosen."})
    assert errors_of(response) == {"decision": [sign_off.CHOOSE_DECISION]}
    assert not SignOff.objects.exists()
    response = client.post(page(offered), {"decision": "returned", "comment": "Recommendation 4 needs the data."})
    assert response.status_code == 302
    returned = SignOff.objects.get()
    assert (returned.decision, returned.comment) == ("returned", "Recommendation 4 needs the data.")
    report = Report.objects.with_sign_off().get(pk=offered.pk)
    assert report.sign_off_state == Report.SignOffState.RETURNED


def test_the_comment_is_checked_for_what_could_identify_a_child(client, offered, partners):
    client.force_login(partners["integrated_care_board"].membership.user)
    response = client.post(page(offered), {"decision": "returned", "comment": "Ring the mother on 07700 900123."})
    assert response.status_code == 200
    assert "identifier_confirmed" in errors_of(response)
    assert not SignOff.objects.exists()


def test_a_report_not_offered_is_not_signed(client, report_world, partners):
    report = report_world["published_final"]
    police = partners["police"].membership
    with pytest.raises(sign_off.SignOffRefused, match="not been offered"):
        sign_off.decide(membership=police, report=report, decision="signed")
    client.force_login(police.user)
    response = client.get(page(report))
    assert response.status_code == 302
    assert not SignOff.objects.exists()


def test_only_a_scrutineer_offers(personas, report_world, partners):
    report = report_world["published_final"]
    for persona in ("lead", "contributor", "viewer"):
        with pytest.raises(PermissionDenied):
            sign_off.offer_for_sign_off(membership=as_member(personas[persona]), report=report)
    with pytest.raises(PermissionDenied):
        sign_off.offer_for_sign_off(membership=partners["police"].membership, report=report)
    report.refresh_from_db()
    assert report.sign_off_requested_at is None


def test_an_offer_says_which_partners_cannot_sign(personas, report_world, partners):
    partners["integrated_care_board"].membership = None
    partners["integrated_care_board"].save()
    partners["police"].delete()
    report = report_world["published_final"]
    with pytest.raises(sign_off.SignOffRefused) as refused:
        sign_off.offer_for_sign_off(membership=as_member(personas["scrutineer"]), report=report)
    message = str(refused.value)
    assert "Integrated care board: Sam Whitfield has no account to sign in with" in message
    assert "Police: no lead safeguarding partner is recorded" in message
    assert "Local authority" not in message
    report.refresh_from_db()
    assert report.sign_off_requested_at is None


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("published_draft", "Only a final report that is ready"),
        ("published_failed_final", "Only a final report that is ready"),
        ("final_report", "The review is not published"),
    ],
)
def test_only_a_ready_final_of_a_published_review_is_offered(personas, report_world, partners, key, message):
    with pytest.raises(sign_off.SignOffRefused, match=message):
        sign_off.offer_for_sign_off(membership=as_member(personas["scrutineer"]), report=report_world[key])


def test_a_report_is_offered_once(client, personas, offered):
    with pytest.raises(sign_off.SignOffRefused, match="was offered for sign-off on"):
        sign_off.offer_for_sign_off(membership=as_member(personas["scrutineer"]), report=offered)
    client.force_login(personas["scrutineer"])
    response = client.post(f"{offered.get_absolute_url()}sign-off/offer/", follow=True)
    assert "was offered for sign-off on" in response.content.decode()


def test_the_report_page_shows_the_panel_and_the_right_buttons(client, personas, report_world, partners):
    report = report_world["published_final"]
    client.force_login(personas["scrutineer"])
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Final report, version 1" in html and "Offer for sign-off" in html
    assert "This version has not been offered for sign-off." in html
    response = client.post(f"{report.get_absolute_url()}sign-off/offer/", follow=True)
    html = response.content.decode()
    assert "Offer for sign-off</button>" not in html and "0 of 3 signed" in html
    police = partners["police"].membership
    client.force_login(police.user)
    assert "Sign off or return this report" in client.get(report.get_absolute_url()).content.decode()
    client.post(page(report), {"decision": "returned", "comment": "Say what the ICB did."})
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Sign off or return this report" not in html
    assert "Alex Moreno, Assistant Chief Constable, Northmere (delegate)" in html
    assert "Say what the ICB did." in html and "Returned" in html
    client.force_login(partners["local_authority"].membership.user)
    assert "Sign off or return this report" in client.get(report.get_absolute_url()).content.decode()
