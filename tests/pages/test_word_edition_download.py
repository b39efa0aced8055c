"""The Word edition is downloaded like the PDF: to the same readers (the permission table,
tests/pages/permissions/test_permissions_reports.py), recorded in the audit, and offered on the report's page
and the review's list of reports beside the PDF; a report built before the Word edition existed offers none."""

import pytest

from audit.models import AccessEvent
from pages.views.reports import DOCX
from scrutiny.models import Report

BASE = "/partnerships/northmere"


def test_the_word_edition_downloads_as_a_docx_and_is_recorded(client, personas, report_world):
    report = report_world["published_final"]
    client.force_login(personas["viewer"])
    response = client.get(f"{BASE}/reports/{report.pk}/download/docx/")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].endswith(f'-final-{report.pk.hex[:8]}.docx"')
    assert b"".join(response.streaming_content).startswith(b"PK")
    (event,) = AccessEvent.objects.filter(kind=AccessEvent.Kind.DOWNLOADED_REPORT)
    assert event.user == personas["viewer"]
    assert event.detail.startswith(f"final report {report.pk} of review {report.review_id}, Word edition: ")


@pytest.mark.parametrize("page", ["report", "review"])
def test_both_editions_are_offered_where_the_report_is(client, personas, report_world, page):
    report = report_world["published_final"]
    client.force_login(personas["viewer"])
    url = f"{BASE}/reports/{report.pk}/" if page == "report" else f"{BASE}/reviews/{report.review_id}/"
    content = client.get(url).content.decode()
    assert f"/reports/{report.pk}/download/" in content
    assert f"/reports/{report.pk}/download/docx/" in content
    assert "Word edition" in content and "(DOCX, " in content


def test_a_report_built_before_the_word_edition_offers_only_the_pdf(client, personas, report_world):
    report = report_world["published_final"]
    Report.objects.filter(pk=report.pk).update(docx_file="", docx_sha256="", docx_size=None)
    client.force_login(personas["scrutineer"])
    assert client.get(f"{BASE}/reports/{report.pk}/download/docx/").status_code == 404
    content = client.get(f"{BASE}/reports/{report.pk}/").content.decode()
    assert f"/reports/{report.pk}/download/" in content
    assert "/download/docx/" not in content
