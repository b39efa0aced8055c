"""The evidence register's URLs against every persona (see tests/support/permission_table.py).

Scrutineers, leads and contributors see and log evidence; contributors change only
their own agency's (Northmere Health's); only scrutineers grade; viewers get 403 on
every evidence URL; anyone without a role in Northmere, and every URL of an object
under the wrong partnership's slug, gets 404. Refused posts change nothing.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.builders import MINIMAL_PDF, evidence_form_data
from tests.support.permission_table import READ_ONLY_POSTED, Row, cases, check

N = "/partnerships/northmere/evidence"
C = "/partnerships/castlebrook/evidence"

SEE = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 403}
LOG = {"scrutineer": 302, "lead": 302, "contributor": 302, "viewer": 403}
EDIT_HEALTH_GET = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 403}
EDIT_HEALTH_POST = {"scrutineer": 302, "lead": 302, "contributor": 302, "viewer": 403}
EDIT_POLICE_GET = {"scrutineer": 200, "lead": 200, "contributor": 403, "viewer": 403}
EDIT_POLICE_POST = {"scrutineer": 302, "lead": 302, "contributor": 403, "viewer": 403}
# The register's pages only show something: a post is refused for the method, once the role may see them.
POSTED_TO_A_PAGE = {**READ_ONLY_POSTED, "viewer": 403}
GRADE_GET = {"scrutineer": 200, "lead": 403, "contributor": 403, "viewer": 403}
GRADE_POST = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403}


def pdf():
    return SimpleUploadedFile("protocol.pdf", MINIMAL_PDF, content_type="application/pdf")


EVIDENCE = evidence_form_data(title="Information-sharing protocol, probation and police")
WITHDRAW = {"reason": "Logged twice"}
GRADE = {"strength": "documented"}

ROWS = [
    # The register and the form.
    Row(f"{N}/", SEE),
    Row(f"{N}/?recommendation=R6&show_withdrawn=on&page=2", SEE),
    Row(f"{N}/new/", SEE),
    Row(f"{N}/new/", LOG, method="post", data=EVIDENCE, files={"attachments": pdf}),
    # One item: health's (the contributor's agency) and police's (not theirs).
    Row(f"{N}/{{health_evidence}}/", SEE),
    Row(f"{N}/{{police_evidence}}/", SEE),
    Row(f"{N}/{{health_evidence}}/edit/", EDIT_HEALTH_GET),
    Row(f"{N}/{{health_evidence}}/edit/", EDIT_HEALTH_POST, method="post", data=EVIDENCE),
    Row(f"{N}/{{health_evidence}}/edit/", EDIT_HEALTH_POST, method="post", data=EVIDENCE, files={"attachments": pdf}),
    Row(f"{N}/{{police_evidence}}/edit/", EDIT_POLICE_GET),
    Row(f"{N}/{{police_evidence}}/edit/", EDIT_POLICE_POST, method="post", data=EVIDENCE, files={"attachments": pdf}),
    Row(f"{N}/{{health_evidence}}/withdraw/", EDIT_HEALTH_GET),
    Row(f"{N}/{{health_evidence}}/withdraw/", EDIT_HEALTH_POST, method="post", data=WITHDRAW),
    Row(f"{N}/{{police_evidence}}/withdraw/", EDIT_POLICE_GET),
    Row(f"{N}/{{police_evidence}}/withdraw/", EDIT_POLICE_POST, method="post", data=WITHDRAW),
    Row(f"{N}/{{health_evidence}}/grade/", GRADE_GET),
    Row(f"{N}/{{health_evidence}}/grade/", GRADE_POST, method="post", data=GRADE),
    Row(f"{N}/{{police_evidence}}/grade/", GRADE_POST, method="post", data=GRADE),
    Row(f"{N}/{{health_evidence}}/attachments/{{attachment}}/", SEE),
    Row(f"{N}/", POSTED_TO_A_PAGE, method="post", data=EVIDENCE),
    Row(f"{N}/{{health_evidence}}/", POSTED_TO_A_PAGE, method="post", data=EVIDENCE),
    Row(f"{N}/{{health_evidence}}/attachments/{{attachment}}/", POSTED_TO_A_PAGE, method="post"),
    # Nothing that is not there: no such item, an attachment under another item.
    Row(f"{N}/999999/", {"scrutineer": 404, "lead": 404, "contributor": 404, "viewer": 403}),
    Row(f"{N}/{{police_evidence}}/attachments/{{attachment}}/", {"viewer": 403}),
    Row(f"{N}/{{health_evidence}}/attachments/999999/", {"viewer": 403}),
    # Castlebrook's evidence under Northmere's slug: 404 for everyone, posts included.
    Row(f"{N}/{{other_evidence}}/", {"viewer": 403}),
    Row(f"{N}/{{other_evidence}}/edit/", {"viewer": 403}),
    Row(f"{N}/{{other_evidence}}/edit/", {"viewer": 403}, method="post", data=EVIDENCE),
    Row(f"{N}/{{other_evidence}}/withdraw/", {"viewer": 403}, method="post", data=WITHDRAW),
    Row(f"{N}/{{other_evidence}}/grade/", {"viewer": 403}, method="post", data=GRADE),
    # Castlebrook's own register: only the outsider (its lead) is in; Northmere's items under its slug are 404.
    Row(f"{C}/", {"outsider": 200}),
    Row(f"{C}/{{other_evidence}}/", {"outsider": 200}),
    Row(f"{C}/{{other_evidence}}/edit/", {"outsider": 200}),
    Row(f"{C}/new/", {"outsider": 302}, method="post", data=evidence_form_data(agency="partnership")),
    Row(f"{C}/{{health_evidence}}/", {}),
    Row(f"{C}/{{health_evidence}}/edit/", {}),
    Row(f"{C}/{{health_evidence}}/edit/", {}, method="post", data=EVIDENCE),
    Row(f"{C}/{{health_evidence}}/withdraw/", {}, method="post", data=WITHDRAW),
    Row(f"{C}/{{health_evidence}}/grade/", {}, method="post", data=GRADE),
    Row(f"{C}/{{health_evidence}}/attachments/{{attachment}}/", {}),
    Row(f"{C}/{{other_evidence}}/attachments/{{attachment}}/", {}),
]


@pytest.mark.parametrize(**cases(ROWS))
def test_evidence_urls(client, personas, world, row, persona):
    check(client, personas, world, row, persona)
