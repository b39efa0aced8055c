"""Security headers and cookies on real responses, with the values production uses when DEBUG is off.

tests/settings.py reads the project settings with DEBUG off, so these are production's values,
except the HTTPS redirect, which the tests turn on where they need it (the test client speaks http).
"""

import os
import subprocess
import sys

import pytest
from django.test import override_settings

from tests.support.builders import PASSWORD
from tests.support.paths import ROOT

ONE_YEAR = 365 * 24 * 60 * 60

PAGES = {
    "sign-in": ("/accounts/sign-in/", None),
    "accessibility statement": ("/accessibility/", None),
    "home, signed in": ("/", "lead"),
    "another partnership's page (refused)": ("/partnerships/castlebrook/", "lead"),
}


@pytest.fixture(params=PAGES.values(), ids=PAGES.keys())
def page_response(request, client, personas):
    url, persona = request.param
    if persona:
        client.force_login(personas[persona])
    return client.get(url, secure=True)


def test_hsts_for_a_year_with_subdomains_and_no_preload(page_response):
    parts = [part.strip() for part in page_response["Strict-Transport-Security"].split(";")]

    assert int(parts[0].removeprefix("max-age=")) >= ONE_YEAR
    assert "includeSubDomains" in parts
    assert "preload" not in parts


def test_framing_sniffing_referrer_and_opener_headers(page_response):
    assert page_response["X-Frame-Options"] == "DENY"
    assert page_response["X-Content-Type-Options"] == "nosniff"
    assert page_response["Referrer-Policy"] == "same-origin"
    assert page_response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_permissions_policy_refuses_powerful_features(page_response):
    features = dict(item.strip().split("=") for item in page_response["Permissions-Policy"].split(","))

    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert features[feature] == "()"


def test_content_security_policy_is_sent(page_response):
    assert "frame-ancestors 'none'" in page_response["Content-Security-Policy"]


def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(client, personas):
    page = client.get("/accounts/sign-in/", secure=True)
    signed_in = client.post("/accounts/sign-in/", {"username": "lead", "password": PASSWORD}, secure=True, follow=False)

    assert signed_in.status_code == 302, "the lead signs in"
    for cookie in (page.cookies["csrftoken"], signed_in.cookies["sessionid"]):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_sent_to_https(client, db):
    response = client.get("/accounts/sign-in/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/sign-in/"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_request_over_tls_at_the_proxy_is_not_redirected(client, db):
    response = client.get("/accounts/sign-in/", headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200
    assert "Strict-Transport-Security" in response


def production_settings(**env) -> subprocess.CompletedProcess:
    """The project's own settings module in a fresh process, with DEBUG off unless `env` says otherwise."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SECURE_", "SESSION_", "CSRF_", "DJANGO_")) and name not in {"DEBUG", "SECRET_KEY"}
    }
    script = (
        "import project.settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "getattr(s, 'SESSION_COOKIE_SECURE', False), getattr(s, 'CSRF_COOKIE_SECURE', False), "
        "s.SECURE_PROXY_SSL_HEADER)"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, "DEBUG": "0", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_redirects_to_https_and_sets_hsts_by_default():
    result = production_settings()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", str(ONE_YEAR), "True", "True", "None"]


def test_redirect_can_be_turned_off_for_a_benchmark_on_plain_http():
    result = production_settings(SECURE_SSL_REDIRECT="0")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_debug_sends_no_hsts_and_does_not_redirect():
    result = production_settings(DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["False", "0"]


def test_proxy_header_is_named_as_the_proxy_sends_it():
    result = production_settings(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("('HTTP_X_FORWARDED_PROTO', 'https')")


def test_a_proxy_header_that_is_not_a_header_name_is_refused():
    result = production_settings(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https")

    assert result.returncode != 0
    assert "is not an HTTP header name" in result.stderr
