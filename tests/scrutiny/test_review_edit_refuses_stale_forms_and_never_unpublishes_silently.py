"""A review's edit form refuses a save from a form opened before someone else changed or published the review
(common/versioning.py), and moving a published review back is never a side effect of a save: the edit form
first says who would lose its final reports, and saves only once the scrutineer confirms there."""

import hashlib
import html
import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from partnerships.models import Membership
from scrutiny.models import Report, Review
from tests.support.builders import MINIMAL_PDF, make_member

BASE = "/partnerships/northmere/reviews"


def fields(review, **changes):
    data = {
        "title": review.title,
        "period_start_0": str(review.period_start.day),
        "period_start_1": str(review.period_start.month),
        "period_start_2": str(review.period_start.year),
        "period_end_0": str(review.period_end.day),
        "period_end_1": str(review.period_end.month),
        "period_end_2": str(review.period_end.year),
        "status": review.status,
        "scrutineers": [user.pk for user in review.scrutineers.all()],
    }
    return {**data, **changes}


def hidden(page: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden {name} in the page"
    return match.group(1)


@pytest.fixture
def colleague(personas, partnership):
    """A second scrutineer of Northmere, who publishes while the first has the edit form open."""
    user = make_member("bea", partnership, Membership.Role.SCRUTINEER)
    user.first_name, user.last_name = "Bea", "Okafor"
    user.save()
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_edit_form_opened_before_publishing_is_refused_and_names_who_published(personas, world, colleague):
    review = world["review"]
    a, b = signed_in(personas["scrutineer"]), signed_in(colleague)
    opened = a.get(f"{BASE}/{review.pk}/edit/").content.decode()
    seen = hidden(opened, "version")
    assert b.post(f"{BASE}/{review.pk}/publish/").status_code == 302  # B confirms publishing
    review.refresh_from_db()
    assert review.is_published and review.version == int(seen) + 1

    # A only fixes the title; the status radio still says "judging", as when A opened the form.
    response = a.post(
        f"{BASE}/{review.pk}/edit/", fields(review, title="Review 2026 (typo fixed)", status="judging", version=seen)
    )

    assert response.status_code == 200  # refused: shown again, nothing saved
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED and review.title == "Review 2026"
    page = html.unescape(response.content.decode())
    assert "Bea Okafor changed status on" in page and "after you opened it" in page and "nothing was saved" in page
    assert 'id="saved-since"' in page and "Published after confirming who would then read what" in page
    assert 'value="Review 2026 (typo fixed)"' in page  # A's text, kept
    assert hidden(page, "version") == str(review.version)  # saving again is over B's publishing, deliberately
    assert "Review saved." not in page


def test_saving_again_after_the_refusal_asks_before_moving_the_review_back(personas, world, colleague):
    review = world["review"]
    a = signed_in(personas["scrutineer"])
    seen = hidden(a.get(f"{BASE}/{review.pk}/edit/").content.decode(), "version")
    signed_in(colleague).post(f"{BASE}/{review.pk}/publish/")
    refused = a.post(f"{BASE}/{review.pk}/edit/", fields(review, title="Typo fixed", status="judging", version=seen))
    again = html.unescape(refused.content.decode())

    # A saves the refused form as it stands, status "judging" and all: still not un-published, but asked.
    response = a.post(
        f"{BASE}/{review.pk}/edit/",
        fields(review, title="Typo fixed", status="judging", version=hidden(again, "version")),
    )
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.is_published and review.title == "Review 2026"
    page = html.unescape(response.content.decode())
    assert "Move Review 2026 back to judging?" in page
    assert "agency contributors (1 person) and viewers, such as board members (1 person)" in page
    assert "Move it back to judging and save" in page and "Cancel: keep it published" in page
    assert 'value="Typo fixed"' in page


def test_moving_a_published_review_back_is_asked_and_saved_only_once_confirmed(personas, world):
    review = world["review"]
    client = signed_in(personas["scrutineer"])
    client.post(f"{BASE}/{review.pk}/publish/")
    final = Report(review=review, kind="final", requested_by=personas["scrutineer"], status="ready")
    final.file.save("report.pdf", ContentFile(MINIMAL_PDF), save=False)
    final.sha256 = hashlib.sha256(MINIMAL_PDF).hexdigest()
    final.save()
    review.refresh_from_db()
    opened = client.get(f"{BASE}/{review.pk}/edit/").content.decode()

    asked = client.post(
        f"{BASE}/{review.pk}/edit/", fields(review, status="judging", version=hidden(opened, "version"))
    )
    assert asked.status_code == 200
    review.refresh_from_db()
    assert review.is_published  # not un-published by the save: asked first
    page = html.unescape(asked.content.decode())
    assert "can no longer download its final report (1 ready)" in page
    assert "cannot be taken back" in page

    # The confirmation is the same form, sent back with the confirmation the page set.
    confirm = {
        **fields(review, status="judging", version=hidden(page, "version")),
        "confirm_unpublishing": hidden(page, "confirm_unpublishing"),
    }
    done = client.post(f"{BASE}/{review.pk}/edit/", confirm, follow=True)
    review.refresh_from_db()
    assert review.status == Review.Status.JUDGING
    shown = html.unescape(done.content.decode())
    assert "is back to judging. Contributors and viewers can no longer read its judgements" in shown
    assert "Moved back after confirming who would lose its final reports" in shown  # in the history
    assert Report.objects.filter(pk=final.pk).exists()  # withdrawn from them, not deleted


def test_a_confirmation_page_opened_before_a_colleagues_save_is_refused_too(personas, world, colleague):
    review = world["review"]
    client = signed_in(personas["scrutineer"])
    client.post(f"{BASE}/{review.pk}/publish/")
    review.refresh_from_db()
    asked = client.post(f"{BASE}/{review.pk}/edit/", fields(review, status="judging", version=review.version))
    page = html.unescape(asked.content.decode())
    other = signed_in(colleague)
    other_form = other.get(f"{BASE}/{review.pk}/edit/").content.decode()
    other.post(
        f"{BASE}/{review.pk}/edit/",
        fields(review, title="Review 2026, Bea's title", version=hidden(other_form, "version")),
    )

    confirm = {
        **fields(review, status="judging", version=hidden(page, "version")),
        "confirm_unpublishing": hidden(page, "confirm_unpublishing"),
    }
    response = client.post(f"{BASE}/{review.pk}/edit/", confirm)
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.is_published and review.title == "Review 2026, Bea's title"
    assert "Bea Okafor changed title on" in html.unescape(response.content.decode())


def test_the_edit_form_bumps_the_version_only_when_it_changes_something(personas, world):
    review = world["review"]
    client = signed_in(personas["scrutineer"])
    client.post(f"{BASE}/{review.pk}/edit/", fields(review, version=review.version))
    review.refresh_from_db()
    assert review.version == 0  # nothing changed: a colleague's open form is still current
    client.post(f"{BASE}/{review.pk}/edit/", fields(review, title="Renamed", version=0))
    review.refresh_from_db()
    assert (review.title, review.version) == ("Renamed", 1)
    stale = client.post(f"{BASE}/{review.pk}/edit/", fields(review, title="Renamed again", version=0))
    assert stale.status_code == 200
    review.refresh_from_db()
    assert review.title == "Renamed"


def test_an_edit_sent_without_its_version_is_refused(personas, world):
    review = world["review"]
    response = signed_in(personas["scrutineer"]).post(f"{BASE}/{review.pk}/edit/", fields(review, title="No version"))
    assert response.status_code == 200
    assert "sent without the version" in html.unescape(response.content.decode())
    review.refresh_from_db()
    assert review.title == "Review 2026"
