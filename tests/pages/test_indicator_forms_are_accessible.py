"""The indicator forms follow the GOV.UK patterns: every field labelled, radios and checkboxes in a fieldset
with a legend, hints tied to their fields, an error summary whose links land on the fields; and the tables of
the list and the indicator's page have captions and header cells with their scope."""

import re

import pytest

from tests.support import indicator_world

BASE = "/partnerships/northmere/indicators"


@pytest.fixture
def sarc(partnership, personas):
    indicator = indicator_world.own_indicator(partnership, personas["lead"])
    indicator_world.value(partnership, indicator, personas["lead"], "2024-25", 60)
    return indicator


def fields_without_labels(html) -> list[str]:
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html)
    hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', html))
    return [i for i in ids if i not in hidden and f'for="{i}"' not in html]


@pytest.mark.parametrize(
    "page", ["new/", "{pk}/edit/", "{pk}/values/new/", "{pk}/values/{value}/edit/", "{pk}/target/"]
)
def test_every_field_is_labelled_and_errors_link_to_their_fields(client, personas, sarc, page):
    client.force_login(personas["lead"])
    url = f"{BASE}/" + page.format(pk=sarc.pk, value=sarc.values.get().pk)
    html = client.get(url).content.decode()
    assert fields_without_labels(html) == []
    for hint in re.findall(r'id="([^"]+-hint)"', html):
        assert f'aria-describedby="{hint}' in html or f' {hint}"' in html, hint
    if 'type="radio"' in html or 'type="checkbox"' in html:
        assert "<fieldset" in html and "govuk-fieldset__legend" in html
    refused = client.post(url, {"version": "0", "value": "-1", "period": "soon", "code": ""}).content.decode()
    assert 'class="govuk-error-summary"' in refused and "<title>Error: " in refused
    for target in re.findall(r"govuk-error-summary__list.*?</ul>", refused, re.S)[0].split('href="#')[1:]:
        field = target.split('"')[0]
        assert f'id="{field}"' in refused, field


def test_the_tables_have_captions_and_scoped_headers(client, personas, sarc):
    client.force_login(personas["lead"])
    for url in (f"{BASE}/", f"{BASE}/{sarc.pk}/"):
        html = client.get(url).content.decode()
        tables = re.findall(r"<table.*?</table>", html, re.S)
        assert tables
        for table in tables:
            assert "<caption" in table
            headers = re.findall(r"<th\b[^>]*>", table)
            assert headers and all("scope=" in th for th in headers)
