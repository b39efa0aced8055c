"""Two-factor sign-in with an authenticator app (TOTP) and backup codes: required for everyone
whenever DEBUG is off, and always for people who have set it up."""

import os
import re
import subprocess
import sys

from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import BackupCode
from tests.support.builders import PASSWORD
from tests.support.paths import ROOT
from tests.support.two_factor import authenticator_code, codes_on

HOME = "/partnerships/northmere/"
required = override_settings(TWO_FACTOR_REQUIRED=True)


def settings_value(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "TWO_FACTOR_REQUIRED"}}
    result = subprocess.run(
        [sys.executable, "-c", "import project.settings as s; print(s.TWO_FACTOR_REQUIRED)"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()[-1]


def test_required_whenever_debug_is_off():
    assert settings_value(DEBUG="0", SECRET_KEY="x" * 50) == "True"


def test_not_required_in_the_debug_demo():
    assert settings_value(DEBUG="1") == "False"


def test_one_setting_turns_it_off_or_on():
    assert settings_value(DEBUG="0", SECRET_KEY="x" * 50, TWO_FACTOR_REQUIRED="0") == "False"
    assert settings_value(DEBUG="1", TWO_FACTOR_REQUIRED="1") == "True"


def sign_in_with_password(client, username="lead", next_url=HOME):
    return client.post(f"/accounts/sign-in/?next={next_url}", {"username": username, "password": PASSWORD})


def enrolled(user):
    """The person has set up an authenticator; their backup codes are returned."""
    device = two_factor.pending_authenticator(user)
    return device, two_factor.confirm_authenticator(device)


@required
def test_password_alone_leads_to_setting_up_an_authenticator(client, personas):
    response = sign_in_with_password(client)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/set-up/")
    assert b"Set up two-factor sign-in" in response.content
    # Nothing of the service is reachable meanwhile.
    for url in (HOME, "/", "/accounts/password/change/", "/accounts/two-factor/"):
        assert client.get(url)["Location"].startswith("/accounts/two-factor/verify/?next="), url


@required
def test_setting_up_shows_a_qr_code_and_key_then_ten_backup_codes_once(client, personas):
    client.force_login(personas["lead"])
    page = client.get(f"/accounts/two-factor/set-up/?next={HOME}")
    html = page.content.decode()
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title>" in svg
    assert "style" not in svg, "inline styles would need the CSP to allow them"
    device = TOTPDevice.objects.get(user=personas["lead"], confirmed=False)
    assert two_factor.manual_entry_key(device) in html
    assert client.get("/accounts/two-factor/set-up/").content.decode().count(two_factor.manual_entry_key(device)) == 1

    wrong = client.post(f"/accounts/two-factor/set-up/?next={HOME}", {"code": "000000"})
    assert wrong.status_code == 200
    assert b"There is a problem" in wrong.content and b"The code is not correct" in wrong.content
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    done = client.post(f"/accounts/two-factor/set-up/?next={HOME}", {"code": authenticator_code(device)})
    # The answer to the code shows the backup codes: they are not put anywhere to be shown later.
    assert done.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes_page = done.content.decode()
    codes = codes_on(codes_page)
    assert len(set(codes)) == 10
    assert BackupCode.objects.filter(device__user=personas["lead"]).count() == 10
    assert f'href="{HOME}"' in codes_page
    again = client.get("/accounts/two-factor/backup-codes/").content.decode()
    assert not any(code in again for code in codes)
    assert "shown only once" in again
    assert client.get(HOME).status_code == 200


@required
def test_sign_in_asks_for_the_code_and_lands_where_asked(client, personas):
    device, _ = enrolled(personas["lead"])
    asked = client.get(sign_in_with_password(client)["Location"])
    assert asked["Location"] == "/accounts/two-factor/verify/?next=%2Fpartnerships%2Fnorthmere%2F"
    page = client.get(asked["Location"])
    assert b"Enter your code" in page.content

    wrong = client.post(asked["Location"], {"code": "123456" if authenticator_code(device) != "123456" else "654321"})
    assert b"The code is not correct" in wrong.content
    assert client.get(HOME).status_code == 302

    device.throttle_reset()
    right = client.post(asked["Location"], {"code": authenticator_code(device)})
    assert right["Location"] == HOME
    assert client.get(HOME).status_code == 200


@required
def test_a_backup_code_works_once(client, personas):
    _, codes = enrolled(personas["lead"])
    sign_in_with_password(client)
    response = client.post("/accounts/two-factor/verify/", {"code": codes[0].upper()})
    assert response["Location"] == "/"
    assert client.get(HOME).status_code == 200
    client.post("/accounts/sign-out/")

    sign_in_with_password(client)
    again = client.post("/accounts/two-factor/verify/", {"code": codes[0]})
    assert b"The code is not correct" in again.content
    assert BackupCode.objects.filter(device__user=personas["lead"]).count() == 9


@required
def test_password_alone_cannot_replace_an_authenticator(client, personas):
    device, _ = enrolled(personas["lead"])
    sign_in_with_password(client)
    response = client.get("/accounts/two-factor/set-up/")
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    assert client.post("/accounts/two-factor/set-up/", {"code": "123456"})["Location"].startswith(
        "/accounts/two-factor/verify/"
    )
    assert list(TOTPDevice.objects.filter(user=personas["lead"])) == [device]


@required
def test_new_backup_codes_replace_the_old(client, personas):
    device, old_codes = enrolled(personas["lead"])
    sign_in_with_password(client)
    client.post("/accounts/two-factor/verify/", {"code": authenticator_code(device)})
    manage = client.get("/accounts/two-factor/")
    assert b"Backup codes left" in manage.content
    response = client.post("/accounts/two-factor/backup-codes/new/")
    assert response.status_code == 200
    new_codes = set(codes_on(response.content.decode()))
    assert len(new_codes) == 10 and not new_codes & set(old_codes)
    assert BackupCode.objects.filter(device__user=personas["lead"]).count() == 10
    client.post("/accounts/sign-out/")

    sign_in_with_password(client)
    refused = client.post("/accounts/two-factor/verify/", {"code": old_codes[0]})
    assert b"The code is not correct" in refused.content
    two_factor.backup_codes_device(personas["lead"]).throttle_reset()
    assert client.post("/accounts/two-factor/verify/", {"code": sorted(new_codes)[0]})["Location"] == "/"


@required
def test_next_leading_off_the_site_is_ignored(client, personas):
    device, _ = enrolled(personas["lead"])
    sign_in_with_password(client)
    response = client.post(
        "/accounts/two-factor/verify/?next=https://evil.example/", {"code": authenticator_code(device)}
    )
    assert response["Location"] == "/"


@required
def test_sign_in_page_says_nothing_of_a_demo_when_required(client, db):
    assert b"Two-factor sign-in is turned off" not in client.get("/accounts/sign-in/").content


def test_demo_sign_in_page_says_two_factor_is_off(client, db):
    assert b"Two-factor sign-in is turned off" in client.get("/accounts/sign-in/").content


def test_when_off_a_password_is_enough_for_people_without_an_authenticator(client, personas):
    response = sign_in_with_password(client)
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_when_off_people_with_an_authenticator_are_still_asked(client, personas):
    device, _ = enrolled(personas["lead"])
    response = client.get(sign_in_with_password(client)["Location"])
    assert response["Location"].startswith("/accounts/two-factor/verify/")
    client.post(response["Location"], {"code": authenticator_code(device)})
    assert client.get(HOME).status_code == 200
