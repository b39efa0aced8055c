"""Every link in a form's error summary moves focus to an element that exists on the page."""

import re

import pytest

FORMS = [
    ("scrutineer", "/partnerships/northmere/evidence/new/", {}),
    ("scrutineer", "/partnerships/northmere/reviews/new/", {"period_start_0": "31", "period_start_1": "2"}),
    ("scrutineer", "/partnerships/northmere/reviews/{review}/judgements/R6/", {"version": "0"}),
    ("scrutineer", "/partnerships/northmere/reviews/{review}/judgements/R6/", {"version": "0", "level": "limited"}),
    ("scrutineer", "/partnerships/northmere/challenges/new/", {}),
    ("scrutineer", "/partnerships/northmere/challenges/new/", {"response_due_2": "26"}),
    ("lead", "/accounts/password/change/", {}),
    (
        "lead",
        "/partnerships/northmere/actions/new/",
        {
            "start_date_0": "1",
            "start_date_1": "5",
            "start_date_2": "2026",
            "due_date_0": "1",
            "due_date_1": "4",
            "due_date_2": "2026",
        },
    ),
    ("lead", "/partnerships/northmere/actions/{health_action}/updates/", {}),
]


@pytest.mark.parametrize(("persona", "url", "data"), FORMS)
def test_error_summary_links_have_targets(client, personas, world, persona, url, data):
    client.force_login(personas[persona])
    page = client.post(url.format(**{name: obj.pk for name, obj in world.items()}), data).content.decode()
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets, "the form was refused with no links in its summary"
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert [t for t in targets if t not in ids] == []
