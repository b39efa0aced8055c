"""With no worker (the embedded default), a report builds in a thread of its own: the request that asks
for it returns at once to the report's page, which says it is queued or building, and the report is
ready when the thread ends."""

import threading

import pytest

from scrutiny import report_build
from scrutiny.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def held_render(monkeypatch):
    """The PDF render waits until the test lets it go."""
    go = threading.Event()
    render = report_build.render_pdf

    def held(*args, **kwargs):
        assert go.wait(timeout=60)
        return render(*args, **kwargs)

    monkeypatch.setattr(report_build, "render_pdf", held)
    return go


def build_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("report-")]


def test_the_request_returns_while_the_report_builds(client, personas, world, settings, held_render):
    settings.REPORTS_BUILD_IN_A_THREAD = True
    review = world["review"]
    client.force_login(personas["scrutineer"])
    response = client.post(f"/partnerships/northmere/reviews/{review.pk}/reports/new/", {"kind": "draft"})
    assert response.status_code == 302
    report = Report.objects.get(review=review, kind="draft")
    assert report.status in (Report.Status.QUEUED, Report.Status.BUILDING)
    page = client.get(response["Location"]).content.decode()
    assert "This page keeps itself up to date" in page

    held_render.set()
    for thread in build_threads():
        thread.join(timeout=120)
    report.refresh_from_db()
    assert report.status == Report.Status.READY and report.file
