"""Two-factor sign-in pages: anyone signed in reaches their own; nobody else's exist. Anonymous visitors
are sent to sign in. The personas have no authenticator, and the suite runs with TWO_FACTOR_REQUIRED off:
tests/accounts/test_two_factor_sign_in.py covers the pages with it on and with an authenticator."""

import pytest

from tests.support.permission_table import Row, cases, check

SIGNED_IN = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200, "outsider": 200}
SENT_ON = dict.fromkeys(SIGNED_IN, 302)

ROWS = [
    Row("/accounts/two-factor/", SIGNED_IN),
    Row("/accounts/two-factor/set-up/", SIGNED_IN),
    Row("/accounts/two-factor/verify/", SENT_ON),  # no authenticator yet: sent to set one up
    Row("/accounts/two-factor/backup-codes/", SIGNED_IN),  # says codes are shown only once
    Row("/accounts/two-factor/backup-codes/new/", SENT_ON, method="post"),  # not verified: sent to give a code
    Row("/accounts/two-factor/backup-codes/new/", dict.fromkeys(SIGNED_IN, 405)),
    # Posted with nothing: a page that only shows something refuses the method; a form says what is missing.
    Row("/accounts/two-factor/", dict.fromkeys(SIGNED_IN, 405), method="post"),
    Row("/accounts/two-factor/backup-codes/", dict.fromkeys(SIGNED_IN, 405), method="post"),
    Row("/accounts/two-factor/set-up/", SIGNED_IN, method="post"),
    Row("/accounts/two-factor/verify/", SENT_ON, method="post"),  # no authenticator yet: sent to set one up
]


@pytest.mark.parametrize(**cases(ROWS))
def test_two_factor_pages(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
