"""Deactivating a person ends every one of their sessions at once, in the session store itself."""

import datetime

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from accounts.models import SignedInSession
from tests.support.builders import PASSWORD

PAGE = "/partnerships/northmere/"


def signed_in_as(user):
    client = Client()
    client.force_login(user)
    return client


def test_deactivating_a_person_deletes_all_their_sessions_and_no_one_elses(personas):
    lead = personas["lead"]
    laptop, phone = signed_in_as(lead), signed_in_as(lead)
    colleague = signed_in_as(personas["scrutineer"])
    lead_keys = {laptop.session.session_key, phone.session.session_key}
    assert laptop.get(PAGE).status_code == phone.get(PAGE).status_code == 200

    lead.is_active = False
    lead.save()

    assert not Session.objects.filter(pk__in=lead_keys).exists()
    assert not SignedInSession.objects.filter(user=lead).exists()
    assert laptop.get(PAGE).status_code == phone.get(PAGE).status_code == 302
    assert colleague.get(PAGE).status_code == 200


def test_deactivating_through_the_admin_ends_sessions(admin_client, personas):
    lead = personas["lead"]
    session = signed_in_as(lead)
    page = admin_client.get(f"/admin/auth/user/{lead.pk}/change/")
    form = page.context["adminform"].form
    left_out = {"password", "is_active", "groups", "user_permissions", "last_login", "date_joined"}
    data = {name: value for name, value in form.initial.items() if value is not None and name not in left_out}
    data |= {"date_joined_0": lead.date_joined.strftime("%Y-%m-%d"), "date_joined_1": "00:00:00"}
    response = admin_client.post(f"/admin/auth/user/{lead.pk}/change/", data)  # the "Active" box unticked
    assert response.status_code == 302
    lead.refresh_from_db()
    assert not lead.is_active
    assert not Session.objects.filter(pk=session.session.session_key).exists()


def test_a_sign_in_with_a_password_is_recorded_and_signing_out_forgets_it(client, personas):
    client.post("/accounts/sign-in/", {"username": "lead", "password": PASSWORD})
    key = client.session.session_key
    assert SignedInSession.objects.get(session_key=key).user == personas["lead"]
    client.post("/accounts/sign-out/")
    assert not SignedInSession.objects.filter(session_key=key).exists()


def test_sessions_that_changed_key_are_still_ended(client, personas, settings):
    """Changing a password or giving the second factor gives the session a new key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import two_factor
    from tests.support.two_factor import authenticator_code

    lead = personas["lead"]
    client.post("/accounts/sign-in/", {"username": "lead", "password": PASSWORD})
    first_key = client.session.session_key
    new_password = "a-much-longer-passphrase-2026"
    client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    settings.TWO_FACTOR_REQUIRED = True
    client.get("/accounts/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=lead)
    client.post("/accounts/two-factor/set-up/", {"code": authenticator_code(device)})
    assert two_factor.authenticator(lead) == device
    final_key = client.session.session_key
    assert final_key != first_key
    assert SignedInSession.objects.get(user=lead).session_key == final_key

    lead.is_active = False
    lead.save()
    assert not Session.objects.filter(pk=final_key).exists()


def test_records_older_than_the_longest_session_are_dropped_at_the_next_sign_in(personas):
    lead = personas["lead"]
    SignedInSession.objects.create(
        user=lead, session_key="gone-long-ago", signed_in_at=timezone.now() - datetime.timedelta(hours=13)
    )
    signed_in_as(lead)
    assert not SignedInSession.objects.filter(session_key="gone-long-ago").exists()
    assert SignedInSession.objects.filter(user=lead).count() == 1
