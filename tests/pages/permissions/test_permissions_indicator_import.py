"""The indicator import's URLs against every persona (see tests/support/permission_table.py).

Only leads import values (can_import_values): the upload page, the mapping page of a tidy file and the
template's download; scrutineers, contributors and viewers get 403; anyone without a role in the partnership
gets 404, and refused posts change nothing, the indicator values and their history included. A GET of the
mapping page is 405 for a lead (it only takes the choices posted); an unknown format of the template is 404.
"""

import pytest

from indicators.models import Value
from tests.indicators.test_import_support import TEMPLATE_HEADER, csv_file, tidy_file
from tests.support.permission_table import SIGN_IN, Row, cases, check

N = "/partnerships/northmere/indicators/import"
C = "/partnerships/castlebrook/indicators/import"

LEAD_GET = {"scrutineer": 403, "lead": 200, "contributor": 403, "viewer": 403}
LEAD_IMPORTS = {"scrutineer": 403, "lead": 302, "contributor": 403, "viewer": 403}
LEAD_IS_SHOWN_A_PAGE = {"scrutineer": 403, "lead": 200, "contributor": 403, "viewer": 403}
LEAD_NOT_ALLOWED = {"scrutineer": 403, "lead": 405, "contributor": 403, "viewer": 403}


def template_csv():
    return csv_file(TEMPLATE_HEADER, [["I-R2-ABE", "2024-25", "12", "", "", "", ""]])


def bad_template_csv():
    return csv_file(TEMPLATE_HEADER, [["I-R2-ABE", "2024-25", "-12", "", "", "", ""]])


ROWS = [
    Row(f"{N}/", LEAD_GET),
    Row(f"{N}/", LEAD_IMPORTS, method="post", files={"file": template_csv}),
    Row(f"{N}/", LEAD_IS_SHOWN_A_PAGE, method="post", files={"file": bad_template_csv}),
    Row(f"{N}/", LEAD_IS_SHOWN_A_PAGE, method="post", files={"file": tidy_file}),  # the mapping page
    Row(f"{N}/", LEAD_IS_SHOWN_A_PAGE, method="post", data={}),
    Row(f"{N}/map/", LEAD_NOT_ALLOWED),
    Row(f"{N}/map/", LEAD_IS_SHOWN_A_PAGE, method="post", data={"upload": "forged", "authority": "E06000901"}),
    Row(f"{N}/template.csv", LEAD_GET),
    Row(f"{N}/template.xlsx", LEAD_GET),
    Row(f"{N}/template.ods", {"scrutineer": 403, "lead": 404, "contributor": 403, "viewer": 403}),
    Row(f"{N}/template.csv", {"scrutineer": 403, "lead": 405, "contributor": 403, "viewer": 403}, method="post"),
    # Castlebrook's: only its lead (the outsider) is in; Northmere's people get 404 and change nothing.
    Row(f"{C}/", {"outsider": 200}),
    Row(f"{C}/", {"outsider": 302}, method="post", files={"file": template_csv}),
    Row(f"{C}/", {"outsider": 200}, method="post", files={"file": tidy_file}),
    Row(f"{C}/map/", {"outsider": 200}, method="post", data={"upload": "forged"}),
    Row(f"{C}/template.xlsx", {"outsider": 200}),
    Row("/partnerships/nowhere/indicators/import/", {}, method="post", files={"file": template_csv}),
]


def values():
    return list(Value.objects.order_by("pk").values()), list(Value.history.order_by("history_id").values())


@pytest.mark.parametrize(**cases(ROWS))
def test_indicator_import_urls(client, personas, world, row, persona):
    before = values()
    check(client, personas, world, row, persona)
    if row.status_for(persona) in (403, 404, 405, SIGN_IN):
        assert values() == before, f"{persona} was refused {row.url} but the values changed"


@pytest.mark.parametrize("persona", ["scrutineer", "lead", "contributor", "viewer", "outsider", "anonymous"])
def test_the_mapping_step_with_a_real_token(client, personas, world, persona):
    """Each persona sends the second step with a file held for them: only the lead imports it."""
    from indicators import imports
    from tests.indicators.test_import_support import field_of, indicator_choice, token_of

    lead = personas["lead"]
    client.force_login(lead)
    first = client.post(f"{N}/", {"file": tidy_file()})
    data = {"upload": token_of(first), "authority": "E06000901"}
    for title in ("cpp_sexual_abuse_rate", "assessments_csa_rate", "s47_multi_agency_percent"):
        data[field_of(first, title)] = "skip"
    data[field_of(first, "cpp_sexual_abuse_rate")] = indicator_choice("I-R3-CPP-SA")
    client.logout()
    user = personas[persona]
    if user is not None and user != lead:
        data["upload"] = imports.hold(tidy_file(), name="tidy.csv", user=user)
        client.force_login(user)
    elif user is not None:
        client.force_login(user)
    before = values()
    response = client.post(f"{N}/map/", data)
    expected = {"lead": 302, "scrutineer": 403, "contributor": 403, "viewer": 403, "outsider": 404}.get(persona)
    if persona == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")
    else:
        assert response.status_code == expected
    if persona != "lead":
        assert values() == before
    else:
        assert Value.objects.filter(partnership__slug="northmere").count() == 6


def test_a_token_held_for_someone_else_reads_as_no_file(client, personas, world):
    from indicators import imports

    client.force_login(personas["lead"])
    token = imports.hold(tidy_file(), name="tidy.csv", user=personas["outsider"])
    before = values()
    response = client.post(f"{N}/map/", {"upload": token, "authority": "E06000901"})
    assert response.status_code == 200
    assert "is no longer held here" in response.content.decode()
    assert values() == before
