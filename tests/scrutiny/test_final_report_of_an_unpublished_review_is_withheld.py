"""A "final" report of a review that is not published (built before publication was the gate, or a review
moved back to judging) is served only to those who see draft judgements: scrutineers and leads."""

import hashlib

import pytest
from django.core.files.base import ContentFile

from scrutiny.models import Report, Review
from tests.support.builders import MINIMAL_PDF

BASE = "/partnerships/northmere"


@pytest.fixture
def early_final(world, personas):
    """A ready final report of the review still being judged, made directly, as the old code allowed."""
    report = Report(review=world["review"], kind="final", requested_by=personas["scrutineer"], status="ready")
    report.file.save("report.pdf", ContentFile(MINIMAL_PDF), save=False)
    report.sha256 = hashlib.sha256(b"early final " + MINIMAL_PDF).hexdigest()
    report.size = len(MINIMAL_PDF)
    report.save()
    return report


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_contributors_and_viewers_are_refused_it_on_the_review_page_and_at_its_urls(
    client, personas, world, early_final, persona
):
    client.force_login(personas[persona])
    page = client.get(f"{BASE}/reviews/{world['review'].pk}/").content.decode()
    assert f"/reports/{early_final.pk}/" not in page
    assert early_final.sha256 not in page
    assert "Download the final report" not in page
    assert "The final report will be here once the scrutineers publish the review" in page
    assert client.get(f"{BASE}/reports/{early_final.pk}/").status_code == 403
    assert client.get(f"{BASE}/reports/{early_final.pk}/download/").status_code == 403


@pytest.mark.parametrize("persona", ["scrutineer", "lead"])
def test_scrutineers_and_leads_still_read_it_and_are_told_who_else_cannot(
    client, personas, world, early_final, persona
):
    client.force_login(personas[persona])
    page = client.get(f"{BASE}/reviews/{world['review'].pk}/").content.decode()
    assert f"/reports/{early_final.pk}/download/" in page
    assert "its final reports are for scrutineers and partnership managers only until it is" in page
    detail = client.get(f"{BASE}/reports/{early_final.pk}/").content.decode()
    assert "Scrutineers and partnership managers only, until the review is published" in detail
    response = client.get(f"{BASE}/reports/{early_final.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_moving_a_published_review_back_to_judging_withdraws_its_final_from_viewers(
    client, personas, world, early_final
):
    review = world["review"]
    client.force_login(personas["viewer"])
    Review.objects.filter(pk=review.pk).update(status=Review.Status.PUBLISHED)
    assert client.get(f"{BASE}/reports/{early_final.pk}/download/").status_code == 200
    assert f"/reports/{early_final.pk}/download/" in client.get(f"{BASE}/reviews/{review.pk}/").content.decode()
    Review.objects.filter(pk=review.pk).update(status=Review.Status.JUDGING)
    assert client.get(f"{BASE}/reports/{early_final.pk}/download/").status_code == 403
    assert f"/reports/{early_final.pk}/" not in client.get(f"{BASE}/reviews/{review.pk}/").content.decode()
