"""A second framework file loads beside the first without touching it, and its partnerships see only its own."""

import pytest
from django.contrib.auth import get_user_model

from partnerships.models import Membership, Partnership
from recommendations.loader import FRAMEWORKS_DIR, load_framework
from recommendations.models import Framework, Recommendation
from tests.support.paths import DATA

BUNDLED = FRAMEWORKS_DIR / "csa-family-environment-2024.yaml"
SECOND = DATA / "frameworks" / "second-framework.yaml"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_frameworks")]


def first_framework_recommendations():
    return list(Recommendation.objects.filter(framework__code="csa-family-environment-2024").order_by("pk").values())


def test_second_framework_loads_without_changing_the_first():
    load_framework(BUNDLED)
    before = first_framework_recommendations()

    load_framework(SECOND)

    first = Framework.objects.get(code="csa-family-environment-2024")
    second = Framework.objects.get(code="test-second-framework")
    assert [r.code for r in first.recommendations.order_by("position")] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert [r.code for r in second.recommendations.order_by("position")] == ["T1", "T2"]
    assert first_framework_recommendations() == before


@pytest.fixture
def lead_client(client):
    load_framework(BUNDLED)
    framework = load_framework(SECOND).framework
    partnership = Partnership.objects.create(
        name="Testshire Safeguarding Partnership", slug="testshire", area="Testshire", framework=framework
    )
    user = get_user_model().objects.create_user(username="lead", password="a-long-test-password")
    Membership.objects.create(user=user, partnership=partnership, role=Membership.Role.LEAD)
    client.force_login(user)
    return client


def test_partnership_overview_lists_only_its_own_frameworks_recommendations(lead_client):
    response = lead_client.get("/partnerships/testshire/")
    assert response.status_code == 200
    assert "Listening to families" in response.text
    assert "Strategic planning" not in response.text


def test_recommendation_page_shows_its_paragraphs_and_question(lead_client):
    response = lead_client.get("/partnerships/testshire/recommendations/T1/")
    assert response.status_code == 200
    assert "Partners should ask families what helped." in response.text
    assert "They should publish what they heard." in response.text
    assert "How does the partnership hear from families?" in response.text


def test_first_frameworks_recommendation_is_not_found_for_this_partnership(lead_client):
    response = lead_client.get("/partnerships/testshire/recommendations/R1/")
    assert response.status_code == 404
