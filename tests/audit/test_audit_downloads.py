"""Every download of an attachment or a report is recorded once the permission check has passed:
which object and file name, never its content."""

import pytest

from audit.models import AccessEvent
from tests.support.builders import MINIMAL_PDF

BASE = "/partnerships/northmere"


def downloads():
    kinds = [AccessEvent.Kind.DOWNLOADED_ATTACHMENT, AccessEvent.Kind.DOWNLOADED_REPORT]
    return list(AccessEvent.objects.filter(kind__in=kinds))


def fields_of(event):
    return " ".join(str(value) for value in AccessEvent.objects.filter(pk=event.pk).values().get().values())


def test_attachment_download_is_recorded(client, personas, world):
    client.force_login(personas["contributor"])
    attachment, evidence = world["attachment"], world["health_evidence"]
    response = client.get(f"{BASE}/evidence/{evidence.pk}/attachments/{attachment.pk}/", REMOTE_ADDR="198.51.100.7")
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    (event,) = downloads()
    assert event.kind == AccessEvent.Kind.DOWNLOADED_ATTACHMENT
    assert (event.user, event.username) == (personas["contributor"], "contributor")
    assert event.partnership.slug == "northmere"
    assert event.detail == f"attachment {attachment.pk} of evidence {evidence.pk}: pathway.pdf"
    assert event.ip_address == "198.51.100.7"
    assert "%PDF" not in fields_of(event)


@pytest.mark.parametrize("kind", ["draft", "final"])
def test_report_download_is_recorded(client, personas, report_world, kind):
    report = report_world[f"{kind}_report"]
    client.force_login(personas["lead"])
    response = client.get(f"{BASE}/reports/{report.pk}/download/")
    assert response.status_code == 200
    (event,) = downloads()
    assert event.kind == AccessEvent.Kind.DOWNLOADED_REPORT
    assert (event.user, event.partnership.slug) == (personas["lead"], "northmere")
    assert event.detail.startswith(f"{kind} report {report.pk} of review {report.review_id}: northmere-review-")
    assert "%PDF" not in fields_of(event)


def test_a_refused_download_is_recorded_as_refused_not_as_a_download(client, personas, report_world):
    client.force_login(personas["viewer"])
    assert client.get(f"{BASE}/reports/{report_world['draft_report'].pk}/download/").status_code == 403
    client.force_login(personas["outsider"])
    attachment, evidence = report_world["attachment"], report_world["health_evidence"]
    assert client.get(f"{BASE}/evidence/{evidence.pk}/attachments/{attachment.pk}/").status_code == 404
    assert not downloads()
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.REFUSED).count() == 2
