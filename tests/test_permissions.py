"""One table: every URL of the site against every persona, with the status each must get.

Anyone without a role in a partnership gets 404 on its URLs, never 403, so the
existence of a partnership is not revealed. Anonymous visitors are sent to sign in.
"""

import pytest
from django.urls import URLResolver, get_resolver, resolve

MEMBERS = ["scrutineer", "lead", "contributor", "viewer"]
SIGN_IN = 302

# (url, {persona: expected status}); personas not named get `default`.
URLS = [
    ("/", {"anonymous": SIGN_IN}, 200),
    ("/partnerships/northmere/", {"outsider": 404, "anonymous": SIGN_IN}, 200),
    ("/partnerships/northmere/recommendations/R1/", {"outsider": 404, "anonymous": SIGN_IN}, 200),
    ("/partnerships/northmere/recommendations/R3/", {"outsider": 404, "anonymous": SIGN_IN}, 200),
    ("/partnerships/northmere/recommendations/R6/", {"outsider": 404, "anonymous": SIGN_IN}, 200),
    ("/partnerships/northmere/recommendations/R9/", {"outsider": 404, "anonymous": SIGN_IN}, 404),
    ("/partnerships/castlebrook/", {"outsider": 200, "anonymous": SIGN_IN}, 404),
    ("/partnerships/castlebrook/recommendations/R2/", {"outsider": 200, "anonymous": SIGN_IN}, 404),
    ("/partnerships/no-such-partnership/", {"anonymous": SIGN_IN}, 404),
    ("/accounts/sign-in/", {}, 200),
    ("/accounts/password/reset/", {}, 200),
    ("/accounts/password/change/", {"anonymous": SIGN_IN}, 200),
    ("/admin/", {"anonymous": SIGN_IN}, SIGN_IN),  # no persona is staff: the admin sends them to its sign-in
]
PERSONAS = [*MEMBERS, "outsider", "anonymous"]
CASES = [(url, persona, table.get(persona, default)) for url, table, default in URLS for persona in PERSONAS]


@pytest.mark.parametrize(("url", "persona", "expected"), CASES, ids=[f"{p}:{u}" for u, p, _ in CASES])
def test_status_for_every_url_and_persona(client, personas, url, persona, expected):
    if personas[persona] is not None:
        client.force_login(personas[persona])
    response = client.get(url)
    assert response.status_code == expected
    if expected == SIGN_IN:
        assert "sign-in" in response["Location"] or "login" in response["Location"]


def _named_routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from _named_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif pattern.name:
            yield pattern.name


def test_every_named_url_is_in_the_table():
    """A new page must be added to the table above before its tests pass."""
    covered = {resolve(url).url_name for url, _, _ in URLS if resolve(url).url_name}
    # Reached only through a link sent by email or after a form post; their own tests cover them.
    covered |= {
        "logout",
        "password_change_done",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
    }
    assert set(_named_routes(get_resolver().url_patterns)) <= covered
