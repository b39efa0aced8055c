"""WeasyPrint renders a report through `call_with_room`, so its speed does not depend on the caller's stack."""

import gc

import pytest

from scrutiny import report_build

HTML = "<html lang='en-GB'><body><h1>Northmere</h1><p>One page.</p></body></html>"


def test_the_render_is_called_with_room_and_returns_the_pdf(monkeypatch):
    calls = []

    def recording(func, /, *args, **kwargs):
        calls.append(func)
        return func(*args, **kwargs)

    monkeypatch.setattr(report_build, "call_with_room", recording)
    pdf, pages = report_build.render_pdf(HTML, title="t", author="a", subject="s")
    assert pdf.startswith(b"%PDF-") and pages == 1
    assert calls == [report_build._render_pdf]


def test_an_error_in_the_render_reaches_the_caller(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The report renderer fetches only our static files")

    monkeypatch.setattr(report_build, "_render_pdf", broken)
    with pytest.raises(ValueError, match="only our static files"):
        report_build.render_pdf(HTML, title="t", author="a", subject="s")


def test_the_cycle_collector_is_running_again_after_a_render():
    report_build.render_pdf(HTML, title="t", author="a", subject="s")
    assert gc.isenabled()
