"""A final report offered for sign-off, or signed, never changes in place: the builder returns a ready report
as it is (its file and SHA-256 stay), trying again applies to a failed report only, the database refuses to
take an offered report back out of ready, and asking for a final again makes a new version beside it."""

import hashlib

import pytest
from django.db import IntegrityError, transaction

from scrutiny import report_build, sign_off
from scrutiny.models import Report
from scrutiny.reports import request_report, retry_report
from scrutiny.tasks import build_report_task
from tests.support import builders
from tests.support.builders import as_member

pytestmark = pytest.mark.usefixtures("sign_off_notices_in_process")


@pytest.fixture
def signed(report_world, personas, partnership):
    """The published review's ready final, offered and signed off by the three partners."""
    partners = builders.lead_safeguarding_partners(partnership)
    report = sign_off.offer_for_sign_off(
        membership=as_member(personas["scrutineer"]), report=report_world["published_final"]
    )
    for partner in partners.values():
        sign_off.decide(membership=partner.membership, report=report, decision="signed")
    return Report.objects.get(pk=report.pk)


def as_stored(report) -> tuple:
    report = Report.objects.get(pk=report.pk)
    with report.file.open("rb") as handle:
        content = handle.read()
    return report.status, report.file.name, report.sha256, report.size, report.finished_at, content


@pytest.fixture
def no_rendering(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a ready report was rendered again")

    monkeypatch.setattr(report_build, "render_pdf", refuse)


@pytest.mark.usefixtures("no_rendering")
def test_the_builder_returns_a_signed_report_unchanged(signed):
    before = as_stored(signed)
    assert hashlib.sha256(before[-1]).hexdigest() == signed.sha256
    assert report_build.build_report(signed.pk).status == Report.Status.READY
    build_report_task.run(str(signed.pk))  # a stale or duplicate delivery of its build
    assert as_stored(signed) == before


def test_trying_again_leaves_a_signed_report_as_it_is(signed, personas):
    before = as_stored(signed)
    report, queued_ok = retry_report(membership=as_member(personas["scrutineer"]), report=signed)
    assert (report.pk, report.status, queued_ok) == (signed.pk, Report.Status.READY, True)
    assert as_stored(signed) == before
    assert signed.sign_offs.count() == 3


@pytest.mark.parametrize("status", [Report.Status.QUEUED, Report.Status.BUILDING, Report.Status.FAILED])
def test_the_database_keeps_an_offered_report_ready(signed, status):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=signed.pk).update(status=status)
    assert Report.objects.get(pk=signed.pk).status == Report.Status.READY


def test_a_correction_is_a_new_version_beside_it(signed, personas, monkeypatch):
    monkeypatch.setattr("scrutiny.reports.build_report_task.apply_async", lambda *a, **k: None)
    before = as_stored(signed)
    newer, _ = request_report(
        membership=as_member(personas["scrutineer"]), review=signed.review, kind=Report.Kind.FINAL
    )
    assert newer.pk != signed.pk
    earlier = Report.objects.filter(review=signed.review, kind="final").exclude(pk=newer.pk)
    assert newer.number == earlier.count() + 1
    assert newer.sign_off_requested_at is None and not newer.sign_offs.exists()
    assert as_stored(signed) == before
