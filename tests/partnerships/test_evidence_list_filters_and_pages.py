"""The register's filters (recommendation, agency, type, date range, text, withdrawn) and its pages."""

import datetime
import re

import pytest

from partnerships.models import Evidence
from recommendations.models import Recommendation

N = "/partnerships/northmere/evidence/"


@pytest.fixture
def register(world, personas, partnership, health_agency):
    """Five items besides the world's two, varied along every filter."""
    police = world["police"]

    def add(title, summary, kind, agency, day, codes):
        item = Evidence.objects.create(
            partnership=partnership,
            title=title,
            summary=summary,
            type=kind,
            source=Evidence.Source.DATA,
            agency=agency,
            date=day,
            confirmed_no_identifying_details=True,
            created_by=personas["lead"],
        )
        item.recommendations.set(Recommendation.objects.filter(framework=partnership.framework, code__in=codes))
        return item

    add(
        "SARC pathway",
        "Referral route to the sexual assault referral centre.",
        "strategy",
        health_agency,
        datetime.date(2026, 1, 10),
        ["R6"],
    )
    add(
        "Training needs assessment",
        "Multi-agency survey of 300 practitioners.",
        "survey",
        None,
        datetime.date(2025, 11, 5),
        ["R2"],
    )
    add(
        "Information-sharing protocol",
        "Probation and police agree what to share.",
        "strategy",
        police,
        datetime.date(2026, 2, 20),
        ["R4", "R3"],
    )
    add(
        "Youth forum feedback",
        "What children said about being listened to.",
        "voices",
        None,
        datetime.date(2026, 4, 2),
        ["R5"],
    )
    withdrawn = add("Old action plan", "Superseded.", "action_plan", None, datetime.date(2026, 1, 1), ["R1"])
    withdrawn.withdrawn_at = withdrawn.created_at
    withdrawn.withdrawn_by = personas["lead"]
    withdrawn.withdrawal_reason = "Superseded"
    withdrawn.save()
    return world


def titles(response) -> list[str]:
    html = response.content.decode()
    body = html[html.index("<tbody") : html.index("</tbody>")] if "<tbody" in html else ""
    return re.findall(r'<a class="govuk-link" href="/partnerships/northmere/evidence/\d+/">([^<]+)</a>', body)


ALL_CURRENT = [
    "Youth forum feedback",
    "Police strategy discussion audit",  # the same date as health's, logged after it
    "Health pathway audit",
    "Information-sharing protocol",
    "SARC pathway",
    "Training needs assessment",
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL_CURRENT),
        ("?recommendation=R6", ["Police strategy discussion audit", "Health pathway audit", "SARC pathway"]),
        ("?recommendation=R3", ["Information-sharing protocol"]),
        ("?agency=partnership", ["Youth forum feedback", "Training needs assessment"]),
        ("?type=strategy", ["Information-sharing protocol", "SARC pathway"]),
        ("?q=PATHWAY", ["Health pathway audit", "SARC pathway"]),
        ("?q=practitioners", ["Training needs assessment"]),  # in the summary
        (
            "?date_from_0=1&date_from_1=2&date_from_2=2026",
            [
                "Youth forum feedback",
                "Police strategy discussion audit",
                "Health pathway audit",
                "Information-sharing protocol",
            ],
        ),
        ("?date_to_0=10&date_to_1=1&date_to_2=2026", ["SARC pathway", "Training needs assessment"]),
        (
            "?date_from_0=1&date_from_1=1&date_from_2=2026&date_to_0=28&date_to_1=2&date_to_2=2026&type=strategy",
            ["Information-sharing protocol", "SARC pathway"],
        ),
        ("?show_withdrawn=on&recommendation=R1", ["Old action plan"]),
        ("?recommendation=R1", []),
        ("?q=nothing+like+this", []),
    ],
)
def test_filters(client, personas, register, query, expected):
    client.force_login(personas["contributor"])
    response = client.get(N + query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_agency_filter(client, personas, register, health_agency):
    client.force_login(personas["lead"])
    assert titles(client.get(f"{N}?agency={health_agency.pk}")) == ["Health pathway audit", "SARC pathway"]
    police = register["police"].pk
    assert titles(client.get(f"{N}?agency={police}")) == [
        "Police strategy discussion audit",
        "Information-sharing protocol",
    ]


def test_filter_choices_are_this_partnerships(client, personas, register):
    client.force_login(personas["lead"])
    html = client.get(N).content.decode()
    assert "Northmere Police" in html and "Castlebrook Health" not in html
    assert 'value="R6"' in html


@pytest.mark.parametrize(
    "query",
    [
        "?agency=999999",
        f"?agency={'x'}",
        "?recommendation=R9",
        "?type=poem",
        "?date_from_0=31&date_from_1=2&date_from_2=2026",
        "?date_from_0=1&date_from_1=3&date_from_2=2026&date_to_0=1&date_to_1=1&date_to_2=2026",
    ],
)
def test_a_bad_filter_is_reported_and_left_out(client, personas, register, query):
    client.force_login(personas["lead"])
    response = client.get(N + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<title>Error: " in html
    assert set(titles(response)) <= set(ALL_CURRENT) and titles(response)


def test_no_match_says_so(client, personas, register):
    client.force_login(personas["lead"])
    html = client.get(f"{N}?q=zebra").content.decode()
    assert "No evidence matches these filters" in html


def test_empty_register(client, personas, partnership):
    client.force_login(personas["lead"])
    html = client.get(N).content.decode()
    assert "No evidence has been logged yet" in html
    assert "govuk-pagination" not in html


@pytest.fixture
def sixty(partnership, personas):
    r2 = Recommendation.objects.get(framework=partnership.framework, code="R2")
    items = Evidence.objects.bulk_create(
        Evidence(
            partnership=partnership,
            title=f"Item {n:02d}",
            summary="Briefing attendance",
            type=Evidence.Type.TRAINING if n % 2 else Evidence.Type.MINUTES,
            source=Evidence.Source.DATA,
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            confirmed_no_identifying_details=True,
            created_by=personas["lead"],
        )
        for n in range(60)
    )
    Evidence.recommendations.through.objects.bulk_create(
        Evidence.recommendations.through(evidence=item, recommendation=r2) for item in items
    )
    return items


def test_pages_of_25_newest_first(client, personas, sixty):
    client.force_login(personas["lead"])
    first = client.get(N)
    assert titles(first) == [f"Item {n:02d}" for n in range(59, 34, -1)]
    html = first.content.decode()
    assert "60 items" in html and "Showing 1 to 25 of 60" in html
    assert 'class="govuk-pagination"' in html
    assert 'aria-current="page">1<' in html
    assert "?page=2" in html and "?page=3" in html and 'rel="next"' in html and 'rel="prev"' not in html

    last = client.get(f"{N}?page=3")
    assert titles(last) == [f"Item {n:02d}" for n in range(9, -1, -1)]
    html = last.content.decode()
    assert "Showing 51 to 60 of 60" in html
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert "(page 3 of 3)" in html


@pytest.mark.parametrize(("page", "first_title"), [("abc", "Item 59"), ("99", "Item 09"), ("0", "Item 09")])
def test_odd_page_numbers_give_a_real_page(client, personas, sixty, page, first_title):
    client.force_login(personas["lead"])
    response = client.get(f"{N}?page={page}")
    assert response.status_code == 200
    assert titles(response)[0] == first_title


def test_page_links_keep_the_filters(client, personas, sixty):
    client.force_login(personas["lead"])
    response = client.get(f"{N}?type=training&q=Item")
    assert len(titles(response)) == 25  # 30 training items
    html = response.content.decode()
    assert "?type=training&amp;q=Item&amp;page=2" in html
    second = client.get(f"{N}?type=training&q=Item&page=2")
    assert titles(second) == [f"Item {n:02d}" for n in range(9, 0, -2)]
    assert "30 items matching the filters" in second.content.decode()
