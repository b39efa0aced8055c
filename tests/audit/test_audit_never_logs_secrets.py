"""Neither evidence text, nor an attachment's content, nor a password reaches an access event or the log."""

import logging

from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AccessEvent
from partnerships.models import Evidence
from tests.support.builders import evidence_form_data

CANARY = "Zebraquartz canary evidence wording"
CANARY_PASSWORD = "Xylophone-canary-passphrase-2026"
SIGN_IN = "/accounts/sign-in/"


def text_pdf(text: str) -> bytes:
    """A one-page PDF whose page reads `text` (ASCII), with a correct cross-reference table."""
    content = f"BT /F1 12 Tf 10 100 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 200]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_no_evidence_text_or_password_in_access_events_or_logs(client, personas, world, caplog):
    """Every kind of event is recorded along the way, with the canaries in reach of each."""
    caplog.set_level(logging.DEBUG)
    lead = personas["lead"]
    lead.set_password(CANARY_PASSWORD)
    lead.save()

    client.post(SIGN_IN, {"username": "lead", "password": CANARY_PASSWORD + "-wrong"})
    assert client.post(SIGN_IN, {"username": "lead", "password": CANARY_PASSWORD}).status_code == 302
    upload = SimpleUploadedFile("notes.pdf", text_pdf(CANARY), content_type="application/pdf")
    response = client.post(
        "/partnerships/northmere/evidence/new/", evidence_form_data(title=CANARY, summary=CANARY, attachments=[upload])
    )
    assert response.status_code == 302, response.context["form"].errors
    evidence = Evidence.objects.get(title=CANARY)
    attachment = evidence.attachments.get()
    download = client.get(f"/partnerships/northmere/evidence/{evidence.pk}/attachments/{attachment.pk}/")
    assert CANARY.encode() in b"".join(download.streaming_content)
    client.post("/accounts/sign-out/")
    client.force_login(personas["outsider"])
    assert client.get(f"/partnerships/northmere/evidence/{evidence.pk}/").status_code == 404

    recorded = {event.kind for event in AccessEvent.objects.all()}
    assert recorded >= {"sign_in_failed", "signed_in", "downloaded_attachment", "signed_out", "refused"}
    every_value = " ".join(str(v) for row in AccessEvent.objects.values() for v in row.values())
    assert CANARY not in every_value
    assert CANARY_PASSWORD not in every_value
    assert caplog.records, "nothing was logged: the check below would prove nothing"
    assert CANARY not in caplog.text
    assert CANARY_PASSWORD not in caplog.text


def test_a_damaged_attachments_content_does_not_reach_the_log(client, personas, world, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(personas["lead"])
    damaged = b"%PDF-1.4\n% " + CANARY.encode() + b"\n%%EOF\n"
    upload = SimpleUploadedFile("damaged.pdf", damaged, content_type="application/pdf")
    client.post("/partnerships/northmere/evidence/new/", evidence_form_data(attachments=[upload]))
    assert CANARY not in caplog.text
