"""Issue 12, item 8: the Panel addressed its local recommendations to "safeguarding partners";
the footer, the pages and the report's appendix say so, not "local safeguarding children partnerships"."""

from scrutiny.models import Report
from scrutiny.report_build import render_html
from tests.support.paths import DATA, ROOT

SEEDS = DATA / "seeds"
WRONG = "safeguarding children partnerships"


def test_the_panel_addresses_its_recommendations_to_safeguarding_partners():
    scrutineer_briefing = (SEEDS / "scrutineer-briefing-2026-03.txt").read_text(encoding="utf-8")
    assert "Recommendations to safeguarding partners in England" in scrutineer_briefing
    professionals_briefing = (SEEDS / "professionals-briefing-2024-11.txt").read_text(encoding="utf-8")
    assert "6 specific recommendations for safeguarding partners" in professionals_briefing


def test_no_template_says_local_safeguarding_children_partnerships():
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.is_file() and WRONG in path.read_text(encoding="utf-8").lower()
    ]
    assert offenders == []


def test_the_footer_names_safeguarding_partners(client, personas):
    client.force_login(personas["scrutineer"])
    page = client.get("/").content.decode()
    footer = page.split('<footer class="govuk-footer">')[1]
    assert "safeguarding partners" in footer
    assert WRONG not in footer.lower()


def test_the_report_appendix_says_the_recommendations_were_addressed_to_safeguarding_partners(world, personas):
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["scrutineer"])
    html = render_html(report)
    method = html.split('id="method"')[1].split("</section>")[0]
    assert "local recommendations, addressed to safeguarding partners:" in method
    assert WRONG not in html.lower()
