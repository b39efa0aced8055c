"""The sweeper also sends again a build whose message was lost (Redis restarted mid-build, say)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scrutiny import tasks
from scrutiny.models import Report
from scrutiny.tasks import KILLED_WORKER_REASON, MAX_ATTEMPTS, build_report_task


@pytest.fixture
def sent(monkeypatch):
    ids = []
    monkeypatch.setattr(build_report_task, "apply_async", lambda args, **kwargs: ids.append(args[0]))
    return ids


def building_report(world, personas, *, started_ago, attempts=1):
    return Report.objects.create(
        review=world["review"],
        kind=Report.Kind.DRAFT,
        requested_by=personas["scrutineer"],
        status=Report.Status.BUILDING,
        started_at=timezone.now() - started_ago,
        attempts=attempts,
    )


def test_a_build_started_longer_ago_than_redelivery_and_time_limit_is_sent_again(world, personas, sent):
    report = building_report(world, personas, started_ago=timedelta(hours=2))
    assert tasks.requeue_stalled_reports() == 1
    assert sent == [str(report.pk)]


def test_a_build_still_within_redelivery_time_is_left_to_redis(world, personas, sent, settings):
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    building_report(world, personas, started_ago=timedelta(minutes=30))
    assert tasks.requeue_stalled_reports() == 0
    assert sent == []


def test_the_cutoff_follows_the_visibility_timeout_and_time_limit(settings):
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
    expected = timezone.now() - timedelta(seconds=600 + build_report_task.time_limit)
    assert abs((tasks.lost_build_cutoff() - expected).total_seconds()) < 5


def test_a_lost_build_that_kept_killing_its_worker_ends_as_failed(world, personas):
    report = building_report(world, personas, started_ago=timedelta(hours=2), attempts=MAX_ATTEMPTS)
    build_report_task.apply(args=[str(report.pk)])
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.failure_reason == KILLED_WORKER_REASON


def test_ready_and_failed_reports_are_never_swept(world, personas, sent):
    old = timezone.now() - timedelta(hours=3)
    for status in (Report.Status.READY, Report.Status.FAILED):
        Report.objects.create(
            review=world["review"],
            kind=Report.Kind.DRAFT,
            requested_by=personas["scrutineer"],
            status=status,
            started_at=old,
            requested_at=old,
            **({"file": "reports/x.pdf", "sha256": "0" * 64} if status == Report.Status.READY else {}),
        )
    assert tasks.requeue_stalled_reports(older_than_minutes=0) == 0
