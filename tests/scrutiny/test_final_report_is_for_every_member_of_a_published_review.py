"""The final report, built in process once the review is published, is the one every
member downloads: it says who may read it, holds what decision 0016 says, and across reviews shows only
published ones (an earlier review still being judged stays out of it, though not out of a draft)."""

import datetime
import io
import re

from pypdf import PdfReader

from scrutiny.models import AssuranceLevel, Judgement, Report, Review
from scrutiny.report_build import build_report

BASE = "/partnerships/northmere"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def build(client, review, kind, django_capture_on_commit_callbacks):
    # Asked for through the page; built here, in process, whether or not a worker on Redis is running.
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"{BASE}/reviews/{review.pk}/reports/new/", {"kind": kind})
    assert response.status_code == 302
    report = Report.objects.filter(review=review, kind=kind).get()
    build_report(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.failure_reason
    return report


def text_of(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_viewers_download_the_published_final_and_it_says_what_it_holds(
    client, personas, world, partnership, django_capture_on_commit_callbacks
):
    review = world["review"]
    judgement = world["judgement"]
    judgement.level, judgement.rationale = AssuranceLevel.LIMITED, "Health is absent from strategy meetings."
    judgement.strengths = "Police attend every strategy discussion."
    judgement.save()
    hidden = Review.objects.create(
        partnership=partnership,
        title="Interim look, still judging",
        period_start=datetime.date(2025, 6, 1),
        period_end=datetime.date(2025, 9, 30),
        status=Review.Status.JUDGING,
    )
    Judgement.objects.create(
        review=hidden, recommendation=judgement.recommendation, level=AssuranceLevel.NONE, rationale="Draft view."
    )

    client.force_login(personas["scrutineer"])
    draft = build(client, review, "draft", django_capture_on_commit_callbacks)
    client.post(f"{BASE}/reviews/{review.pk}/publish/")
    final = build(client, review, "final", django_capture_on_commit_callbacks)

    draft_text = text_of(client.get(f"{BASE}/reports/{draft.pk}/download/"))
    assert "Interim look, still judging" in draft_text
    assert "Thepartnership'sscrutineersandpartnershipmanagersonly" in flat(draft_text)

    client.force_login(personas["viewer"])
    page = client.get(f"{BASE}/reviews/{review.pk}/").content.decode()
    assert f"/reports/{final.pk}/download/" in page and f"/reports/{draft.pk}/" not in page
    assert "The final report is for every member of the partnership" in page
    text = text_of(client.get(f"{BASE}/reports/{final.pk}/download/"))
    squeezed = flat(text)
    assert flat("Every member of Northmere Partnership, its board members included") in squeezed
    assert "Limitedassurance" in squeezed and flat("Police attend every strategy discussion.") in squeezed
    assert "Healthpathwayaudit" in squeezed  # the evidence register, as decision 0016 keeps it
    assert "Whereishealth?" in squeezed  # the challenge log
    assert flat("summaries and attached files stay in the tracker") in squeezed
    assert "Interim look" not in text
