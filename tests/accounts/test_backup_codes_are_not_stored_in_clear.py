"""After a person sets up two-factor sign-in, or makes new backup codes, no row of any table in the
database (sessions decoded) holds one of their backup codes as written: only hashes are kept."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings

from accounts import two_factor
from tests.support.builders import PASSWORD
from tests.support.two_factor import authenticator_code, codes_on

HOME = "/partnerships/northmere/"


def everything_in_the_database():
    """Every row of every table as text, and every session's decoded contents."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                yield " ".join(
                    bytes(value).decode("latin-1") if isinstance(value, (bytes, memoryview)) else str(value)
                    for value in row
                )
    for session in Session.objects.all():
        yield repr(session.get_decoded())


def in_clear(codes) -> set[str]:
    rows = list(everything_in_the_database())
    return {code for code in codes if any(code in row.lower() for row in rows)}


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_no_backup_code_is_in_the_database_after_setting_up_or_renewing(client, personas):
    client.post(f"/accounts/sign-in/?next={HOME}", {"username": "lead", "password": PASSWORD})
    client.get(f"/accounts/two-factor/set-up/?next={HOME}")
    device = two_factor.pending_authenticator(personas["lead"])
    shown = client.post(f"/accounts/two-factor/set-up/?next={HOME}", {"code": authenticator_code(device)}, follow=True)
    codes = codes_on(shown.content.decode())
    assert len(set(codes)) == 10
    assert in_clear(codes) == set()

    renewed = client.post("/accounts/two-factor/backup-codes/new/", follow=True)
    new_codes = codes_on(renewed.content.decode())
    assert len(set(new_codes)) == 10
    assert in_clear(new_codes) == set()
