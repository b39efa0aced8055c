"""Asking for reports, with the broker replaced: one build at a time, finals by scrutineers, Redis down."""

import pytest
from django.core.exceptions import PermissionDenied
from kombu.exceptions import OperationalError

from partnerships.models import Membership
from scrutiny import reports, tasks
from scrutiny.models import Report
from scrutiny.tasks import KILLED_WORKER_REASON, MAX_ATTEMPTS, build_report_task

BASE = "/partnerships/northmere"


@pytest.fixture
def sent(monkeypatch):
    """Report ids handed to the broker (nothing is built)."""
    ids = []
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: ids.append(args[0]))
    return ids


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to localhost:6379. Connection refused.")

    monkeypatch.setattr(build_report_task, "apply_async", refuse)


def membership(user):
    return Membership.objects.get(user=user)


def published(review):
    """A final report is built only of a published review
    (tests/scrutiny/test_final_report_only_of_a_published_review.py)."""
    review.status = review.Status.PUBLISHED
    review.save()
    return review


def test_asked_twice_while_building_gives_one_report(world, personas, sent, django_capture_on_commit_callbacks):
    published(world["review"])
    scrutineer = membership(personas["scrutineer"])
    with django_capture_on_commit_callbacks(execute=True):
        first, ok = reports.request_report(membership=scrutineer, review=world["review"], kind="draft")
    assert ok and first.status == Report.Status.QUEUED
    Report.objects.filter(pk=first.pk).update(status=Report.Status.BUILDING)
    lead = membership(personas["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        second, ok = reports.request_report(membership=lead, review=world["review"], kind="draft")
    assert second.pk == first.pk
    assert Report.objects.filter(review=world["review"], kind="draft").count() == 1
    assert sent == [str(first.pk)]
    # A final is a different report, built beside the draft.
    with django_capture_on_commit_callbacks(execute=True):
        final, _ = reports.request_report(membership=scrutineer, review=world["review"], kind="final")
    assert final.pk != first.pk and len(sent) == 2


def test_the_page_asked_twice_in_a_row_builds_once(client, world, personas, sent, django_capture_on_commit_callbacks):
    client.force_login(personas["scrutineer"])
    url = f"{BASE}/reviews/{world['review'].pk}/reports/new/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"kind": "draft"})
        second = client.post(url, {"kind": "draft"})
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1 and len(sent) == 1


@pytest.mark.parametrize(
    ("persona", "draft", "final"),
    [("scrutineer", True, True), ("lead", True, False), ("contributor", False, False), ("viewer", False, False)],
)
def test_who_may_ask_for_which_kind(world, personas, sent, persona, draft, final):
    published(world["review"])
    member = membership(personas[persona])
    for kind, allowed in (("draft", draft), ("final", final)):
        if allowed:
            report, _ = reports.request_report(membership=member, review=world["review"], kind=kind)
            assert report.kind == kind
        else:
            with pytest.raises(PermissionDenied):
                reports.request_report(membership=member, review=world["review"], kind=kind)


def test_a_review_of_another_partnership_is_refused(world, personas, sent):
    with pytest.raises(PermissionDenied):
        reports.request_report(
            membership=membership(personas["scrutineer"]), review=world["other_review"], kind="draft"
        )


# transactional_db: as in a real request, on_commit runs when the service's own transaction commits.
def test_redis_down_keeps_the_request_and_the_sweeper_sends_it_later(
    transactional_db, client, world, personas, broker_down, monkeypatch
):
    published(world["review"])
    client.force_login(personas["scrutineer"])
    response = client.post(f"{BASE}/reviews/{world['review'].pk}/reports/new/", {"kind": "final"}, follow=True)
    assert response.status_code == 200
    assert "The report will build when the queue is back" in response.content.decode()
    report = Report.objects.get()
    assert report.status == Report.Status.QUEUED

    # Still down: the sweeper sends nothing and loses nothing.
    assert tasks.requeue_stalled_reports(older_than_minutes=0) == 0
    # Not old enough yet: left alone.
    ids = []
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: ids.append(args[0]))
    assert tasks.requeue_stalled_reports(older_than_minutes=2) == 0
    # Redis back: the sweeper sends it.
    assert tasks.requeue_stalled_reports(older_than_minutes=0) == 1
    assert ids == [str(report.pk)]
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED


def test_the_service_says_so_when_redis_is_down(transactional_db, world, personas, broker_down):
    report, ok = reports.request_report(
        membership=membership(personas["scrutineer"]), review=world["review"], kind="draft"
    )
    assert ok is False and report.status == Report.Status.QUEUED


def test_failure_is_recorded_with_a_reason_and_can_be_retried(
    world, personas, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(report_id):
        Report.objects.filter(pk=report_id).update(status="building", attempts=1)
        raise ValueError("secret evidence text that must not reach the reason")

    monkeypatch.setattr("scrutiny.report_build.build_report", broken)
    scrutineer = membership(personas["scrutineer"])
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = reports.request_report(membership=scrutineer, review=world["review"], kind="draft")
    build_report_task.apply(args=[str(report.pk)])
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "Try again" in report.failure_reason and "secret" not in report.failure_reason

    ids = []
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: ids.append(args[0]))
    with django_capture_on_commit_callbacks(execute=True):
        again, ok = reports.retry_report(membership=scrutineer, report=report)
    assert ok and again.pk == report.pk and ids == [str(report.pk)]
    again.refresh_from_db()
    assert again.status == Report.Status.QUEUED and again.attempts == 0 and again.failure_reason == ""


def test_a_lead_cannot_retry_a_final(world, personas):
    report = Report.objects.create(
        review=world["review"], kind="final", requested_by=personas["scrutineer"], status="failed"
    )
    with pytest.raises(PermissionDenied):
        reports.retry_report(membership=membership(personas["lead"]), report=report)


def test_a_report_that_killed_its_worker_three_times_ends_failed(world, personas, monkeypatch):
    called = []
    monkeypatch.setattr("scrutiny.report_build.build_report", called.append)
    report = Report.objects.create(
        review=world["review"],
        kind="draft",
        requested_by=personas["scrutineer"],
        status="building",
        attempts=MAX_ATTEMPTS,
    )
    build_report_task.apply(args=[str(report.pk)])
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and report.failure_reason == KILLED_WORKER_REASON
    assert called == []


def test_a_ready_report_is_not_built_again(world, personas, monkeypatch):
    called = []
    monkeypatch.setattr("scrutiny.report_build.build_report", called.append)
    report = Report.objects.create(
        review=world["review"], kind="final", requested_by=personas["scrutineer"], status="failed"
    )
    build_report_task.apply(args=[str(report.pk)])
    assert called == []


def test_the_sweeper_runs_every_five_minutes():
    from project.celery import app

    entry = app.conf.beat_schedule["requeue-stalled-reports"]
    assert entry["task"] == "scrutiny.tasks.requeue_stalled_reports_task"
    assert entry["schedule"] == 300
