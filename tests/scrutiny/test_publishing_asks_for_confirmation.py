"""Publishing a review asks for confirmation on a page that says who will then be able to read what;
nothing else publishes (not the edit form's "Published", not a new review, not a POST without CSRF)."""

import re

from django.test import Client

from partnerships.models import Membership
from scrutiny.models import Review

BASE = "/partnerships/northmere/reviews"
EDIT = {
    "title": "Review 2026, renamed",
    "period_start_0": "1",
    "period_start_1": "1",
    "period_start_2": "2026",
    "period_end_0": "31",
    "period_end_1": "12",
    "period_end_2": "2026",
    "status": "published",
    "version": "0",  # the version the edit form was opened at (common/versioning.py)
}


def test_choosing_published_on_the_edit_form_saves_the_rest_and_asks_for_confirmation(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    response = client.post(f"{BASE}/{review.pk}/edit/", {**EDIT, "scrutineers": personas["scrutineer"].pk})
    assert response["Location"] == f"{BASE}/{review.pk}/publish/"
    review.refresh_from_db()
    assert review.status == Review.Status.JUDGING
    assert review.title == "Review 2026, renamed"
    page = client.get(response["Location"]).content.decode()
    assert "The review is not published until you confirm below" in page


def test_the_confirmation_page_says_who_will_then_read_what(client, personas, world):
    client.force_login(personas["scrutineer"])
    page = client.get(f"{BASE}/{world['review'].pk}/publish/").content.decode()
    assert "Publish Review 2026?" in page
    assert "Who will then be able to read what" in page
    readers = page[page.index('id="readers"') :]
    # One of each role in Northmere (the personas): scrutineer and lead together, then each other role.
    assert "Independent scrutineers and partnership managers (2 people)" in readers
    assert "Agency contributors (1 person)" in readers
    assert "Viewers, such as board members (1 person)" in readers
    assert "strengths and areas for improvement" in readers
    assert "evidence register" in readers and "challenges with their responses" in readers
    assert "cannot be taken back" in page
    assert "6 recommendations are not yet assessed" in page
    action = re.escape(f"{BASE}/{world['review'].pk}/publish/")
    form = re.search(rf'<form method="post" action="{action}"[^>]*>(.*?)</form>', page, re.S)
    assert form, "the confirmation is a POST form"
    assert 'name="csrfmiddlewaretoken"' in form.group(1) and "Publish this review" in form.group(1)
    Membership.objects.filter(role="viewer").delete()
    page = client.get(f"{BASE}/{world['review'].pk}/publish/").content.decode()
    assert "Viewers, such as board members (0 people)" in page


def test_confirming_publishes_and_the_history_records_it(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    response = client.post(f"{BASE}/{review.pk}/publish/", follow=True)
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    page = response.content.decode()
    assert "is published. You can now build its final report." in page
    assert "Build a final report" in page
    assert "Published" in page.split('id="history"')[1]
    # Published already: the page sends the scrutineer back, and publishes nothing twice.
    assert client.get(f"{BASE}/{review.pk}/publish/")["Location"] == review.get_absolute_url()
    assert review.history.count() == 2


def test_a_post_without_the_csrf_token_does_not_publish(personas, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas["scrutineer"])
    assert client.post(f"{BASE}/{world['review'].pk}/publish/").status_code == 403
    world["review"].refresh_from_db()
    assert world["review"].status == Review.Status.JUDGING


def test_a_new_review_cannot_be_created_published(client, personas, partnership):
    client.force_login(personas["scrutineer"])
    page = client.get(f"{BASE}/new/").content.decode()
    assert 'value="published"' not in page
    response = client.post(f"{BASE}/new/", {**EDIT, "scrutineers": personas["scrutineer"].pk})
    assert response.status_code == 200
    assert not Review.objects.filter(title="Review 2026, renamed").exists()


def test_only_scrutineers_are_offered_publishing(client, personas, world):
    for persona, offered in (("scrutineer", True), ("lead", False), ("contributor", False), ("viewer", False)):
        client.force_login(personas[persona])
        page = client.get(f"{BASE}/{world['review'].pk}/").content.decode()
        assert (f"{BASE}/{world['review'].pk}/publish/" in page) is offered, persona
