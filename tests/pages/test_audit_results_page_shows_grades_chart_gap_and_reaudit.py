"""The results page: the grades table (domains by grades, not moderated, the share meeting the standard), the
chart with its words, the gap in words, and the re-audit against the earlier round; markup in titles and names
shows as text."""

import pytest

from tests.support import audit_world
from tests.support.builders import in_days


@pytest.fixture
def page(client, personas, partnership, health_agency):
    lead = personas["lead"]
    health_agency.name = "<b>Northmere</b> Health"
    health_agency.save()
    audit_world.moderated_round(
        partnership,
        lead,
        [health_agency],
        [{"childs_voice": "good"}, {"childs_voice": "good"}],
        title="<script>alert(1)</script> earlier",
        period_start=in_days(-500),
        period_end=in_days(-400),
        published=True,
    )
    now = audit_world.moderated_round(
        partnership,
        lead,
        [health_agency],
        [{"childs_voice": "inadequate"}, {"childs_voice": "requires_improvement"}, {}],
        title="<i>Now</i> & then",
    )
    audit_world.case(now, lead, "MACA-99")
    client.force_login(personas["scrutineer"])
    response = client.get(f"/partnerships/northmere/audits/{now.pk}/results/")
    assert response.status_code == 200
    return response.content.decode()


def test_grades_table_and_chart(page):
    assert "Results: &lt;i&gt;Now&lt;/i&gt; &amp; then" in page
    assert "<i>Now</i>" not in page
    assert "Not published yet" in page
    assert "3 of 4" in page  # cases moderated
    assert "Cases good or better" in page
    assert "1 of 3" in page  # the child's voice
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="audit-grades" role="img"' in page
    assert "Agreed grades of 3 moderated cases in 9 domains; 1 not moderated yet." in page
    assert "The child&#x27;s voice, 1 of 3" in page


def test_gap_in_words(page):
    assert (
        "&lt;b&gt;Northmere&lt;/b&gt; Health graded itself more favourably than the agreed grade in 2 of 27 and "
        "the same in 25 domain grades." in page
    )
    assert "<b>Northmere</b>" not in page


def test_reaudit_against_the_earlier_round(page):
    assert "Against the earlier round" in page
    assert "of 9 domains: worse in 1 and no change in 8." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; earlier" in page
    assert "<script>alert(1)" not in page
    assert "2 of 2" in page and "Worse" in page
