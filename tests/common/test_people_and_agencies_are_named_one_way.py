"""A person is named by their full name, or their username when they have none, and evidence or a
challenge of no agency is "the partnership as a whole", the same on every page, export and email."""

import re

import pytest

from common.naming import agency_or_partnership, display_name


def test_display_name_and_its_fallbacks(personas):
    person = personas["lead"]
    assert display_name(person) == "lead"
    person.first_name, person.last_name = "Priya", "Lindqvist"
    assert display_name(person) == "Priya Lindqvist"
    assert display_name(None) == "" and display_name(None, nobody="System") == "System"


def test_agency_or_partnership(world):
    agency = world["health_evidence"].agency
    assert agency_or_partnership(agency) == agency.name == agency_or_partnership(agency.name)
    assert agency_or_partnership(None) == "The partnership as a whole"
    assert agency_or_partnership("", in_a_sentence=True) == "the partnership as a whole"


@pytest.mark.parametrize(
    "url", ["/partnerships/northmere/evidence/", "/partnerships/northmere/reviews/{review}/judgements/R6/"]
)
def test_evidence_of_no_agency_reads_the_same_on_every_page(client, personas, world, url):
    evidence = world["police_evidence"]
    evidence.agency = None
    evidence.save()
    world["judgement"].evidence.add(evidence)
    client.force_login(personas["scrutineer"])
    html = client.get(url.format(review=world["review"].pk)).content.decode()
    assert "The partnership as a whole" in html
    assert not re.search(r"\(Partnership, ", html)
