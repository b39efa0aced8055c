"""The assurance report's content and rendering, built directly (no Celery), read back with pypdf."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import ActionItem, Evidence, ProgressUpdate
from recommendations.models import Recommendation
from scrutiny.models import AssuranceLevel, Judgement, Report, Review
from scrutiny.report_build import build_report, safe_url_fetcher
from tests.support.paths import ROOT
from tests.support.pdf import flat, pdf_of, text_of

pytestmark = pytest.mark.django_db

LONG = "x" * 170  # unbroken, and within the title's 200 characters


def request(review, user, kind=Report.Kind.DRAFT):
    return Report.objects.create(review=review, kind=kind, requested_by=user)


@pytest.fixture
def rich_world(world, personas, partnership):
    """The world, with a judgement, more evidence and markup in a title."""
    r6 = Recommendation.objects.get(framework=partnership.framework, code="R6")
    judgement = world["judgement"]
    judgement.level = AssuranceLevel.LIMITED
    judgement.rationale = "The health pathway exists but is untested."
    judgement.strengths = "Police attend every strategy discussion."
    judgement.areas_for_improvement = "Health representation is patchy."
    judgement.save()
    judgement.evidence.add(world["health_evidence"])
    nasty = Evidence.objects.create(
        partnership=partnership,
        title=f"<script>alert(1)</script> {LONG}",
        summary="Markup",
        type=Evidence.Type.OTHER,
        source=Evidence.Source.DATA,
        date=datetime.date(2026, 5, 1),
        confirmed_no_identifying_details=True,
        created_by=personas["lead"],
    )
    nasty.recommendations.add(r6)
    ProgressUpdate.objects.create(
        item=world["health_action"],
        author=personas["lead"],
        note="Rota agreed",
        date=timezone.localdate() + datetime.timedelta(days=1),
    )
    return world


@pytest.fixture
def built(rich_world, personas):
    report = request(rich_world["review"], personas["scrutineer"])
    build_report(report.pk)
    report.refresh_from_db()
    return report, pdf_of(report)


def test_report_holds_everything_of_the_review(built, rich_world, partnership):
    report, reader = built
    assert report.status == Report.Status.READY
    assert report.pages == len(reader.pages) > 5
    text = text_of(reader)
    squeezed = flat(text)
    for rec in partnership.framework.recommendations.all():
        assert flat(rec.title) in squeezed, rec.code
    review = rich_world["review"]
    for evidence in review.evidence():
        assert flat(evidence.title) in squeezed, evidence.title
    for item in ActionItem.objects.filter(partnership=partnership):
        assert flat(item.description) in squeezed
    assert "Castlebrook audit" not in text  # another partnership's evidence stays out
    assert "Rotaagreed" in squeezed  # the latest update
    assert "Limited assurance" in text
    assert "no further police action at this time" in text.replace("\n", " ")
    assert "Page 1 of" in text
    assert partnership.name in reader.pages[0].extract_text()
    # The summary's challenge column counts closed challenges too, and says so: the pages count open ones.
    assert "Challengesraised" in squeezed and "openorclosed" in squeezed


def test_markup_and_long_words_are_text(built):
    _, reader = built
    squeezed = flat(text_of(reader))
    assert "<script>alert(1)</script>" in squeezed
    assert LONG in squeezed


def test_metadata_language_and_tags(built, partnership):
    _, reader = built
    assert partnership.name in reader.metadata.title
    assert reader.metadata.title.startswith("Draft assurance report")
    assert reader.metadata.author
    assert reader.metadata.subject
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


def test_draft_has_watermark_and_final_does_not(built, rich_world, personas):
    _, draft = built
    assert all("DRAFT" in page.extract_text() for page in draft.pages)
    Review.objects.filter(pk=rich_world["review"].pk).update(status=Review.Status.PUBLISHED)
    final = request(rich_world["review"], personas["scrutineer"], Report.Kind.FINAL)
    build_report(final.pk)
    assert "DRAFT" not in text_of(pdf_of(final))


def test_building_twice_leaves_one_file(built):
    report, _ = built
    folder = __import__("pathlib").Path(report.file.path).parent
    files_before = sorted(folder.iterdir())
    again = build_report(report.pk)
    assert again.sha256 == report.sha256
    assert again.file.name == report.file.name
    assert again.attempts == report.attempts == 1
    assert sorted(folder.iterdir()) == files_before


def test_an_empty_review_still_builds(partnership, personas):
    review = Review.objects.create(
        partnership=partnership,
        title="First look",
        period_start=datetime.date(2030, 1, 1),
        period_end=datetime.date(2030, 3, 31),
    )
    report = request(review, personas["lead"])
    build_report(report.pk)
    text = text_of(pdf_of(report)).replace("\n", " ")
    assert "No recommendation has been judged" in text
    assert "No evidence has been logged for this period yet" in text
    assert not Judgement.objects.filter(review=review).exists()


def test_url_fetcher_serves_static_files_only():
    for url in ["file:///etc/passwd", "https://example.org", "http://127.0.0.1/", "ftp://example.org/x"]:
        with pytest.raises(ValueError):
            safe_url_fetcher(url)
    with pytest.raises(ValueError):
        safe_url_fetcher("static:../../../etc/passwd")
    response = safe_url_fetcher("static:app/init.js")
    assert response.read()
    assert safe_url_fetcher("data:text/plain,hello").read() == b"hello"


def test_page_images_for_review(built):
    """Writes the pages as PNG into test-artifacts/reports/ to look at (skipped without pdftoppm)."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    report, _ = built
    out = ROOT / "test-artifacts" / "reports"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("report-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", report.file.path, str(out / "report")], check=True)
    assert len(list(out.glob("report-*.png"))) == report.pages
