"""Table-driven permission checks shared by the tests/pages/permissions/test_permissions*.py files.

A row is one URL and method; it names the status each persona must get and, for a
POST, the data sent. A refused request (403, 404 or a redirect to sign in) must also
leave the database exactly as it was.
"""

import importlib
from dataclasses import dataclass, field

from tests.support.paths import ROOT

PERSONAS = ["scrutineer", "lead", "contributor", "viewer", "outsider", "anonymous"]
SIGN_IN = "sign-in"  # a redirect to the sign-in page
# A post to a page that only shows something: refused for the method, to every member who may reach it
# (a member of another partnership still gets 404, and an anonymous visitor is sent to sign in).
READ_ONLY_POSTED = {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 405}


@dataclass
class Row:
    # Templates formatted with the `world` objects' primary keys, e.g. "/evidence/{health_evidence}/", and
    # the personas' user ids as "{scrutineer_user}"; string values in `data` are formatted the same way.
    url: str
    expected: dict  # persona -> status (int) or SIGN_IN
    method: str = "get"
    data: dict | None = None
    default: int = 404  # for personas not named in `expected`
    files: dict = field(default_factory=dict)
    unchanged: bool = False  # a POST the rules refuse whatever the role (a closed return...): it too changes nothing

    def status_for(self, persona):
        if persona == "anonymous" and persona not in self.expected:
            return SIGN_IN
        return self.expected.get(persona, self.default)

    def id(self, persona):
        return f"{persona}:{self.method.upper()} {self.url}"


def cases(rows, personas=PERSONAS):
    """(row, persona) pairs for pytest.mark.parametrize, with readable ids. A table may name more personas (the
    module's `personas` fixture must hold them), e.g. a contributor of another agency."""
    pairs = [(row, persona) for row in rows for persona in personas]
    return {"argvalues": pairs, "ids": [row.id(persona) for row, persona in pairs], "argnames": ("row", "persona")}


TABLES = ROOT / "tests" / "pages" / "permissions"


def all_rows():
    """The rows of every permission table, tests/pages/permissions/test_permissions*.py: every page of the site."""
    for path in sorted(TABLES.glob("test_permissions*.py")):
        yield from importlib.import_module(f"tests.pages.permissions.{path.stem}").ROWS


def fingerprint():
    """Every row of every table of ours, and of the people, their sessions and second factors, to prove a
    refused request changed nothing. (The audit's record of the refusal is meant to change.)"""
    from django.apps import apps

    ours = {
        "partnerships",
        "scrutiny",
        "indicators",
        "case_audits",
        "surveys",
        "recommendations",
        "accounts",
        "auth",
        "sessions",
        "otp_totp",
        "otp_static",
    }
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in ours
    }


def _formatted(value, keys):
    """A posted value with the world's keys filled in: a string, or each string of a list (a multiple choice)."""
    if isinstance(value, str):
        return value.format(**keys)
    if isinstance(value, list):
        return [_formatted(item, keys) for item in value]
    return value


def check(client, personas, world, row, persona):
    user = personas[persona]
    if user is not None:
        client.force_login(user)
    keys = {name: obj.pk for name, obj in world.items()}
    keys |= {f"{name}_user": person.pk for name, person in personas.items() if person is not None}
    url = row.url.format(**keys)
    expected = row.status_for(persona)
    refused = expected in (403, 404, SIGN_IN)
    before = fingerprint() if row.method == "post" and (refused or row.unchanged) else None
    if row.method == "post":
        data = {k: _formatted(v, keys) for k, v in (row.data or {}).items()}
        data |= {name: factory() for name, factory in row.files.items()}
        response = client.post(url, data)
    else:
        response = client.get(url)
    if expected == SIGN_IN:
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith("/accounts/sign-in/"), response["Location"]
    else:
        assert response.status_code == expected, (url, persona, response.status_code)
    if before is not None:
        assert fingerprint() == before, f"{persona} was refused {url} but something changed"
    return response
