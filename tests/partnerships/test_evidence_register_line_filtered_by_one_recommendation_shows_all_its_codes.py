"""A line of the register filtered by one recommendation still names every recommendation it bears on,
in the framework's order."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import Agency, Evidence
from recommendations.models import AgencyType, Recommendation

N = "/partnerships/northmere/evidence/"


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


def test_a_line_filtered_by_one_recommendation_still_shows_all_of_its_codes(client, personas, varied):
    client.force_login(personas["contributor"])
    html = client.get(N + "?recommendation=R3").content.decode()
    assert " · R3, R4</span>" in html and " · R3</span>" not in html
