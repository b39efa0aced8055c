"""`seed_demo` gives a newcomer a realistic picture, and running it twice duplicates nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from partnerships.models import Evidence, Membership, Partnership
from scrutiny.models import Challenge, Judgement, Review

pytestmark = pytest.mark.django_db


def counts():
    ours = {"partnerships", "scrutiny", "recommendations", "auth"}
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in ours}


@pytest.fixture
def seeded(framework):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_prints_how_to_sign_in(seeded):
    assert "scrutineer" in seeded and "outsider" in seeded and "demo-pass-2026" in seeded


def test_second_run_duplicates_nothing(seeded):
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    after = counts()
    # history tables record the second run's saves; the data tables stay the same
    assert {k: v for k, v in after.items() if "Historical" not in k} == {
        k: v for k, v in before.items() if "Historical" not in k
    }


def test_personas_and_roles(seeded):
    northmere = Partnership.objects.get(slug="northmere")
    roles = dict(Membership.objects.filter(partnership=northmere).values_list("user__username", "role"))
    assert roles == {
        "scrutineer": "scrutineer",
        "lead": "lead",
        "contributor": "contributor",
        "viewer": "viewer",
        "police-partner": "viewer",  # the police's lead safeguarding partner's delegate
        "council-partner": "viewer",  # the local authority's lead safeguarding partner
        "icb-partner": "viewer",  # the integrated care board's
    }
    outsider = get_user_model().objects.get(username="outsider")
    assert not outsider.memberships.filter(partnership=northmere).exists()
    assert outsider.check_password("demo-pass-2026")


def test_each_partnership_has_a_review_with_evidence_for_all_six_recommendations(seeded):
    for partnership in Partnership.objects.all():
        review = Review.objects.get(partnership=partnership, status="judging")
        evidence = Evidence.objects.filter(partnership=partnership)
        assert evidence.count() >= 12
        codes = set(evidence.values_list("recommendations__code", flat=True))
        assert codes == {"R1", "R2", "R3", "R4", "R5", "R6"}
        assert all(review.contains(item.date) for item in evidence)
        assert Judgement.objects.filter(review=review).exclude(level="not_assessed").count() >= 3


def test_open_and_answered_challenges(seeded):
    northmere = Challenge.objects.filter(partnership__slug="northmere")
    statuses = set(northmere.values_list("status", flat=True))
    assert {"responded", "awaiting_response", "accepted"} <= statuses
    assert northmere.overdue().exists()


def test_demo_password_from_environment(framework, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-long-demo-password")
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert get_user_model().objects.get(username="viewer").check_password("another-long-demo-password")
    assert "another-long-demo-password" not in out.getvalue()


def test_action_plans_cover_every_recommendation_with_overdue_items_and_updates(seeded):
    from partnerships.models import ActionItem, ProgressUpdate

    for partnership in Partnership.objects.all():
        items = ActionItem.objects.filter(partnership=partnership)
        assert set(items.values_list("recommendations__code", flat=True)) == {"R1", "R2", "R3", "R4", "R5", "R6"}
        assert items.overdue().exists()
        assert ProgressUpdate.objects.filter(item__partnership=partnership).count() >= 10


def test_previous_review_has_judgements_for_the_comparison(seeded):
    previous = Review.objects.filter(partnership__slug="northmere", status="published").get()
    assert Judgement.objects.filter(review=previous).exclude(level="not_assessed").count() == 6


def test_every_seeded_record_is_valid_and_every_page_renders(seeded, client):
    from partnerships.models import ActionItem

    for model in (Judgement, Evidence, ActionItem, Challenge, Review):
        for obj in model.objects.all():
            obj.full_clean()
    for username in ("scrutineer", "lead", "contributor", "viewer", "outsider"):
        client.force_login(get_user_model().objects.get(username=username))
        assert client.get("/").status_code == 200
        for partnership in Partnership.objects.filter(memberships__user__username=username):
            assert client.get(partnership.get_absolute_url()).status_code == 200
            assert client.get(f"/partnerships/{partnership.slug}/recommendations/R3/").status_code == 200


def test_northmere_has_its_three_lead_safeguarding_partners_and_one_answers_in_the_service(framework):
    from partnerships.models import LeadSafeguardingPartner

    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # again: still one for each organisation
    partners = LeadSafeguardingPartner.objects.filter(partnership__slug="northmere")
    assert sorted(partners.values_list("organisation", flat=True)) == sorted(LeadSafeguardingPartner.ORDER)
    police = partners.get(organisation="police")
    assert police.is_delegate and police.membership.user.username == "police-partner"
    assert police.membership.is_safeguarding_partner
    # All three sign in, so a final report can be offered to them for sign-off.
    assert all(partner.membership.is_safeguarding_partner for partner in partners)
