"""Reports: who may ask for, see, download (the PDF and the Word edition alike) and retry them. Drafts for
scrutineers and leads; finals of a published review for all (a final of a review not published, for scrutineers
and leads only)."""

import uuid

import pytest

from pages.views.reports import DOCX
from tests.support.permission_table import READ_ONLY_POSTED, Row, cases, check

BASE = "/partnerships/northmere"
ALL_MEMBERS = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200}
DRAFT_READERS = {"scrutineer": 200, "lead": 200, "contributor": 403, "viewer": 403}
DRAFT_MAKERS = {"scrutineer": 302, "lead": 302, "contributor": 403, "viewer": 403}
FINAL_MAKERS = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403}

# A final of a review not yet published: the scrutineer is sent back to the review with a message
# (tests/scrutiny/test_final_report_only_of_a_published_review.py), nothing is created.
FINAL_REFUSED = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403}

ROWS = [
    Row(f"{BASE}/reviews/{{review}}/reports/new/", DRAFT_MAKERS, method="post", data={"kind": "draft"}),
    Row(f"{BASE}/reviews/{{review}}/reports/new/", FINAL_REFUSED, method="post", data={"kind": "final"}),
    Row(f"{BASE}/reviews/{{published_review}}/reports/new/", DRAFT_MAKERS, method="post", data={"kind": "draft"}),
    Row(f"{BASE}/reviews/{{published_review}}/reports/new/", FINAL_MAKERS, method="post", data={"kind": "final"}),
    Row(f"{BASE}/reviews/{{review}}/reports/new/", {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 405}),
    Row(f"{BASE}/reviews/{{other_review}}/reports/new/", {}, method="post", data={"kind": "draft"}),
    Row(f"{BASE}/reports/{{draft_report}}/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{draft_report}}/download/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{draft_report}}/", READ_ONLY_POSTED, method="post"),
    Row(f"{BASE}/reports/{{draft_report}}/download/", READ_ONLY_POSTED, method="post"),
    Row(f"{BASE}/reports/{{draft_report}}/download/docx/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{draft_report}}/download/docx/", READ_ONLY_POSTED, method="post"),
    # A final built of the review still being judged (before publication became the gate).
    Row(f"{BASE}/reports/{{final_report}}/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{final_report}}/download/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{final_report}}/download/docx/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{published_final}}/", ALL_MEMBERS),
    Row(f"{BASE}/reports/{{published_final}}/download/", ALL_MEMBERS),
    Row(f"{BASE}/reports/{{published_final}}/download/docx/", ALL_MEMBERS),
    Row(f"{BASE}/reports/{{published_draft}}/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{published_draft}}/download/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{published_draft}}/download/docx/", DRAFT_READERS),
    Row(f"{BASE}/reports/{{failed_draft}}/retry/", DRAFT_MAKERS, method="post"),
    Row(f"{BASE}/reports/{{failed_final}}/retry/", FINAL_REFUSED, method="post"),
    Row(f"{BASE}/reports/{{published_failed_final}}/retry/", FINAL_MAKERS, method="post"),
    Row(f"{BASE}/reports/{{failed_draft}}/retry/", {"scrutineer": 405, "lead": 405, "contributor": 405, "viewer": 405}),
    # Another partnership's report under this partnership's slug: 404 for everyone.
    Row(f"{BASE}/reports/{{other_report}}/", {}),
    Row(f"{BASE}/reports/{{other_report}}/download/", {}),
    Row(f"{BASE}/reports/{{other_report}}/download/docx/", {}),
    Row(f"{BASE}/reports/{{other_report}}/retry/", {}, method="post"),
    # This partnership's report under the outsider's own slug: 404 even for them.
    Row("/partnerships/castlebrook/reports/{final_report}/", {}),
    Row("/partnerships/castlebrook/reports/{final_report}/download/", {}),
    Row("/partnerships/castlebrook/reports/{final_report}/download/docx/", {}),
    # An identifier that names no report.
    Row(f"{BASE}/reports/{uuid.UUID(int=1)}/", {}),
]


@pytest.mark.parametrize(**cases(ROWS))
def test_reports(client, personas, report_world, row, persona):
    response = check(client, personas, report_world, row, persona)
    if response.status_code == 200 and row.url.endswith("/download/"):
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    if response.status_code == 200 and row.url.endswith("/download/docx/"):
        assert response["Content-Type"] == DOCX
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content).startswith(b"PK")  # a zip package, as every .docx is


def test_a_report_not_ready_cannot_be_downloaded(client, personas, report_world):
    client.force_login(personas["scrutineer"])
    failed = report_world["failed_draft"]
    assert client.get(f"{BASE}/reports/{failed.pk}/download/").status_code == 404
    assert client.get(f"{BASE}/reports/{failed.pk}/download/docx/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "draft_button", "final_button"),
    [("scrutineer", True, True), ("lead", True, False), ("contributor", False, False), ("viewer", False, False)],
)
def test_published_review_page_lists_reports_and_offers_only_allowed_buttons(
    client, personas, report_world, persona, draft_button, final_button
):
    client.force_login(personas[persona])
    page = client.get(f"{BASE}/reviews/{report_world['published_review'].pk}/").content.decode()
    assert ("Build a draft report" in page) is draft_button
    assert ("Build a final report" in page) is final_button
    final, draft = report_world["published_final"], report_world["published_draft"]
    assert final.sha256 in page and f"/reports/{final.pk}/download/" in page
    assert (f"/reports/{draft.pk}/" in page) is (persona in ("scrutineer", "lead"))
