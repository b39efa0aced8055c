"""Every URL of the site against every persona, with the status each must get.

Anyone without a role in a partnership gets 404 on its URLs, never 403, so the
existence of a partnership is not revealed. Anonymous visitors are sent to sign in.
Resources keep their own tables in tests/pages/permissions/test_permissions*.py; the last test here
fails when a named URL appears in none of them.
"""

import pytest
from django.urls import URLResolver, get_resolver, resolve

from tests.support.permission_table import READ_ONLY_POSTED, Row, all_rows, cases, check

METHODS = ("GET", "POST")
MEMBERS_200 = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200}

ROWS = [
    Row("/", {"outsider": 200}, default=200),
    Row("/partnerships/northmere/", MEMBERS_200),
    Row("/partnerships/northmere/recommendations/R1/", MEMBERS_200),
    Row("/partnerships/northmere/recommendations/R3/", MEMBERS_200),
    Row("/partnerships/northmere/recommendations/R9/", {}),
    Row("/partnerships/northmere/agencies/", MEMBERS_200),
    Row("/partnerships/castlebrook/", {"outsider": 200}),
    Row("/partnerships/castlebrook/recommendations/R2/", {"outsider": 200}),
    Row("/partnerships/no-such-partnership/", {}),
    Row("/accounts/sign-in/", {"anonymous": 200}, default=200),
    Row("/accessibility/", {"anonymous": 200}, default=200),
    Row("/accounts/password/reset/", {"anonymous": 200}, default=200),
    Row("/accounts/password/change/", {}, default=200),
    Row("/admin/", {"anonymous": 302}, default=302),  # no persona is staff: the admin sends each to its own sign-in
    # Posted to: the pages that only show something refuse the method, to anyone who may reach them.
    Row("/", {}, default=405, method="post"),
    Row("/accessibility/", {"anonymous": 405}, default=405, method="post"),
    Row("/partnerships/northmere/", READ_ONLY_POSTED, method="post"),
    Row("/partnerships/northmere/recommendations/R1/", READ_ONLY_POSTED, method="post"),
    Row("/partnerships/northmere/agencies/", READ_ONLY_POSTED, method="post"),
    Row("/partnerships/castlebrook/", {"outsider": 405}, method="post"),
    # The forms, posted empty: shown again, saying what is missing.
    Row("/accounts/sign-in/", {"anonymous": 200}, default=200, method="post"),
    Row("/accounts/password/reset/", {"anonymous": 200}, default=200, method="post"),
    Row("/accounts/password/change/", {}, default=200, method="post"),
]


@pytest.mark.parametrize(**cases(ROWS))
def test_pages(client, personas, world, row, persona):
    check(client, personas, world, row, persona)


def _named_routes(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from _named_routes(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def test_every_named_url_and_method_is_in_a_permission_table():
    """A new page must be added to a table, for GET and for POST, before this passes: what a role gets
    when it posts to a page that only shows something (or asks for a page that only takes a post) is
    part of the policy too."""
    covered = {(resolve(row.url.split("?")[0].format_map(_Ones())).url_name, row.method.upper()) for row in all_rows()}
    # Reached only through an emailed link or after a form post; tests/accounts/test_accounts.py covers them.
    covered |= {
        (name, method)
        for name in (
            "logout",
            "password_change_done",
            "password_reset_done",
            "password_reset_confirm",
            "password_reset_complete",
        )
        for method in METHODS
    }
    missing = {(name, method) for name in _named_routes(get_resolver().url_patterns) for method in METHODS} - covered
    assert not missing, f"add these URLs and methods to a permission table: {sorted(missing)}"


class _Ones(dict):
    """Any primary key, to resolve URL templates: reports have UUIDs, everything else integers."""

    def __missing__(self, key):
        return "00000000-0000-0000-0000-000000000001" if key.endswith(("report", "draft", "final")) else 1
