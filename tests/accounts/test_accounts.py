"""Sign in, sign out, change and reset a password, through Django's auth in our pages."""

import re

import pytest
from django.core import mail

from tests.support.builders import PASSWORD


@pytest.fixture
def lead(personas):
    return personas["lead"]


def test_anonymous_home_redirects_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/"


def test_sign_in_with_right_password_lands_on_home(client, lead):
    response = client.post("/accounts/sign-in/", {"username": "lead", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert b"Northmere Partnership" in response.content


def test_sign_in_with_wrong_password_shows_error_summary(client, lead):
    response = client.post("/accounts/sign-in/", {"username": "lead", "password": "wrong"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"correct username and password" in response.content


def test_sign_out_is_a_post_and_ends_the_session(client, lead):
    client.force_login(lead)
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_change_password(client, lead):
    client.force_login(lead)
    new = "a-much-longer-passphrase-2026"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.check_password(new)


def test_change_password_refuses_short_password(client, lead):
    client.force_login(lead)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "short1", "new_password2": "short1"},
    )
    assert response.status_code == 200
    assert b"at least 12 characters" in response.content


def test_password_reset_email_link_works_once(client, lead, settings):
    response = client.post("/accounts/password/reset/", {"email": "lead@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lead@example.org"]
    assert message.alternatives, "the email has an HTML part"
    link = re.search(re.escape(settings.SITE_URL) + r"(/accounts/password/reset/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    new = "reset-passphrase-for-lead-2026"
    done = client.post(set_password_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    lead.refresh_from_db()
    assert lead.check_password(new)

    again = client.get(link, follow=True)
    assert b"This link has expired or been used" in again.content


def test_password_reset_does_not_reveal_unknown_address(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
