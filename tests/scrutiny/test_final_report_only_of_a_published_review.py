"""A final report exists only of a published review: asking for one earlier is refused with a message
that says what to do, by the page, the service and the builder (docs/decisions/0016-what-a-final-report-holds.md)."""

import pytest

from partnerships.models import Membership
from scrutiny import report_build, reports
from scrutiny.models import Report, Review
from scrutiny.tasks import build_report_task

BASE = "/partnerships/northmere"


@pytest.fixture
def sent(monkeypatch):
    ids = []
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: ids.append(args[0]))
    return ids


def scrutineer_of(personas):
    return Membership.objects.get(user=personas["scrutineer"])


def test_a_crafted_request_for_a_final_of_a_review_being_judged_is_refused_with_what_to_do(
    client, personas, world, sent, django_capture_on_commit_callbacks
):
    review = world["review"]
    assert review.status == Review.Status.JUDGING
    client.force_login(personas["scrutineer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}/reviews/{review.pk}/reports/new/", {"kind": "final"})
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/reviews/{review.pk}/#reports"
    assert not Report.objects.exists() and sent == []
    page = client.get(response["Location"]).content.decode()
    assert "A final report can be built only once the review is published" in page
    assert "Publish the review first" in page


def test_the_service_refuses_a_final_of_an_unpublished_review_but_still_builds_a_draft(world, personas, sent):
    for status in (Review.Status.PLANNING, Review.Status.GATHERING, Review.Status.JUDGING):
        Review.objects.filter(pk=world["review"].pk).update(status=status)
        with pytest.raises(reports.ReviewNotPublished):
            reports.request_report(membership=scrutineer_of(personas), review=world["review"], kind="final")
    assert not Report.objects.exists() and sent == []
    report, _ = reports.request_report(membership=scrutineer_of(personas), review=world["review"], kind="draft")
    assert report.kind == Report.Kind.DRAFT


def test_retrying_a_failed_final_of_an_unpublished_review_is_refused(client, personas, world, sent):
    failed = Report.objects.create(
        review=world["review"], kind="final", requested_by=personas["scrutineer"], status="failed"
    )
    client.force_login(personas["scrutineer"])
    page = client.get(f"{BASE}/reports/{failed.pk}/").content.decode()
    assert "Try again" not in page
    response = client.post(f"{BASE}/reports/{failed.pk}/retry/", follow=True)
    assert "A final report can be built only once the review is published" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Report.Status.FAILED and sent == []


def test_the_review_page_offers_a_final_only_once_the_review_is_published(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    page = client.get(f"{BASE}/reviews/{review.pk}/").content.decode()
    assert "Build a final report" not in page and "Build a draft report" in page
    assert "A final report can be built once the review is published" in page
    assert f"{BASE}/reviews/{review.pk}/publish/" in page
    Review.objects.filter(pk=review.pk).update(status=Review.Status.PUBLISHED)
    page = client.get(f"{BASE}/reviews/{review.pk}/").content.decode()
    assert "Build a final report" in page and f"{BASE}/reviews/{review.pk}/publish/" not in page


def test_a_final_whose_review_is_not_published_when_it_comes_to_be_built_fails_unbuilt(world, personas):
    # Asked for while published; the review was moved back to judging before a worker took it.
    report = Report.objects.create(review=world["review"], kind="final", requested_by=personas["scrutineer"])
    build_report_task.apply(args=[str(report.pk)])
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.failure_reason == report_build.NOT_PUBLISHED_REASON
    assert not report.file and not report.sha256
    assert report_build.build_report(report.pk).status == Report.Status.FAILED  # the builder itself, called directly
