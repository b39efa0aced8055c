"""The register's lines are read as plain values in one query and worked out in the view (model rows, a
prefetch, a reverse() and the date filter on every line were most of the page), so each line must still read
exactly as the template drew it from the evidence itself: link, withdrawn tag, agency, every recommendation
code in the framework's order, date, type and strength."""

import datetime
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import Agency, Evidence
from recommendations.models import AgencyType, Recommendation

N = "/partnerships/northmere/evidence/"
AS_THE_TEMPLATE_DREW_IT = Template(
    '<tr class="govuk-table__row">\n<td class="govuk-table__cell">\n'
    '<a class="govuk-link" href="{% url \'evidence_detail\' item.partnership.slug item.pk %}">{{ item.title }}</a>\n'
    '{% if item.is_withdrawn %}<strong class="govuk-tag govuk-tag--grey">Withdrawn</strong>{% endif %}\n'
    '<span class="app-evidence-meta">'
    "{% if item.agency %}{{ item.agency.name }}{% else %}The partnership as a whole{% endif %}"
    "{% for recommendation in item.recommendations.all %}"
    "{% if forloop.first %} · {% else %}, {% endif %}{{ recommendation.code }}"
    "{% endfor %}</span>\n</td>\n"
    '<td class="govuk-table__cell app-nowrap">{{ item.date|date:"j M Y" }}</td>\n'
    '<td class="govuk-table__cell">{{ item.get_type_display }}</td>\n'
    '<td class="govuk-table__cell">'
    "{% if item.strength %}{{ item.get_strength_display }}{% else %}Not graded{% endif %}</td>\n</tr>"
)


def unindented(html: str) -> str:
    return re.sub(r"\n[ \t]+", "\n", html)


def as_drawn(item) -> str:
    return unindented(AS_THE_TEMPLATE_DREW_IT.render(Context({"item": Evidence.objects.get(pk=item.pk)})))


@pytest.fixture
def varied(partnership, personas):
    """An item of every type and strength, in every month, with none to three recommendations."""
    agency = Agency.objects.create(partnership=partnership, name="Police <Northmere> & Co", type=AgencyType.POLICE)
    recommendations = list(Recommendation.objects.filter(framework=partnership.framework))
    strengths = ["", *Evidence.Strength.values]
    items = []
    for n, kind in enumerate(Evidence.Type.values * 2):
        item = Evidence.objects.create(
            partnership=partnership,
            title=f"Children's <voices> & {kind} {n}",
            summary="Summary",
            type=kind,
            source=Evidence.Source.DATA,
            strength=strengths[n % len(strengths)],
            agency=agency if n % 2 else None,
            date=datetime.date(2025 + n % 2, 1 + n % 12, 1 + n),
            confirmed_no_identifying_details=True,
            created_by=personas["lead"],
        )
        # Added out of order: the line lists them in the framework's order all the same.
        item.recommendations.set(list(reversed(recommendations[n % 4 : n % 4 + n % 4])))
        items.append(item)
    items[3].withdrawn_at = timezone.now()
    items[3].withdrawn_by = personas["lead"]
    items[3].save()
    return items


@pytest.mark.parametrize("query", ["?show_withdrawn=on", "?show_withdrawn=on&recommendation=R2"])
def test_each_line_reads_as_the_template_drew_it(client, personas, varied, query):
    client.force_login(personas["contributor"])
    html = unindented(client.get(N + query).content.decode())
    shown = [
        item for item in varied if "recommendation=R2" not in query or item.recommendations.filter(code="R2").exists()
    ]
    assert shown
    for item in shown:
        assert as_drawn(item) in html, item.title
    assert html.count('<tr class="govuk-table__row">') == len(shown) + 1  # and the heading's row


def test_a_line_filtered_by_one_recommendation_still_shows_all_of_its_codes(client, personas, varied):
    client.force_login(personas["contributor"])
    html = client.get(N + "?recommendation=R3").content.decode()
    assert " · R3, R4</span>" in html and " · R3</span>" not in html


def test_an_empty_page_asks_for_no_lines(client, personas, partnership):
    client.force_login(personas["lead"])
    client.get(N)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(N).content.decode()
    assert "No evidence has been logged yet" in html
    assert not [query for query in captured.captured_queries if "recommendation_code" in query["sql"]]
