"""A report renders in a thread of its own: its PDF and its errors reach the caller, and the cycle
collector it pauses runs again afterwards."""

import gc

import pytest

from scrutiny import report_build

HTML = "<html lang='en-GB'><body><h1>Northmere</h1><p>One page.</p></body></html>"


def test_the_render_returns_the_pdf_and_the_cycle_collector_runs_again():
    pdf, pages = report_build.render_pdf(HTML, title="t", author="a", subject="s")
    assert pdf.startswith(b"%PDF-") and pages == 1
    assert gc.isenabled()


def test_an_error_in_the_render_reaches_the_caller(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("The report renderer fetches only our static files")

    monkeypatch.setattr(report_build, "_render_pdf", broken)
    with pytest.raises(ValueError, match="only our static files"):
        report_build.render_pdf(HTML, title="t", author="a", subject="s")
