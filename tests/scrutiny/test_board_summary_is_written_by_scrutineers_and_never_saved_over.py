"""The board summary (the report's first part) is written by the review's scrutineers on its own page,
checked like every text a board reads, and never saved over a colleague's change."""

import pytest
from django.core.exceptions import PermissionDenied

from scrutiny.board_summary import save_board_summary
from scrutiny.models import Review
from tests.support.builders import as_member, errors_of

pytestmark = pytest.mark.django_db

SUMMARY = {
    "overall_opinion": "Reasonable assurance overall.\n\nLimited where children meet services.",
    "board_asks": "Note the limited assurance on R6.\nDecide on health attendance.",
    "next_priorities": "An audit with probation.",
    "board_meeting_0": "14",
    "board_meeting_1": "1",
    "board_meeting_2": "2027",
}


def url(review):
    return f"/partnerships/{review.partnership.slug}/reviews/{review.pk}/board-summary/"


def post(client, review, version=None, **changes):
    data = {**SUMMARY, "version": review.version if version is None else version, **changes}
    return client.post(url(review), {k: v for k, v in data.items() if v is not None})


def test_a_scrutineer_writes_it_and_the_review_page_shows_it(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    response = post(client, review)
    assert response.status_code == 302 and response["Location"].endswith("#board-summary")
    review.refresh_from_db()
    assert review.overall_opinion == SUMMARY["overall_opinion"]
    assert review.board_meeting.isoformat() == "2027-01-14"
    assert review.version == 1
    latest = review.history.latest()
    assert latest.history_user == personas["scrutineer"]
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Limited where children meet services." in page and "14 January 2027" in page
    assert "Change the board summary" in page


def test_markup_is_kept_as_text(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    post(client, review, overall_opinion="<script>alert(1)</script> opinion")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; opinion" in page


def test_a_stale_form_is_refused_and_keeps_the_persons_text(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    opened_at = review.version
    post(client, review, overall_opinion="A colleague's opinion.")
    response = post(client, review, version=opened_at, overall_opinion="My opinion, written meanwhile.")
    assert response.status_code == 200
    assert "nothing was saved" in " ".join(errors_of(response)["__all__"])
    assert "My opinion, written meanwhile." in response.content.decode()
    review.refresh_from_db()
    assert review.overall_opinion == "A colleague's opinion."


def test_a_date_that_is_not_real_is_refused_and_nothing_is_saved(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    response = post(client, review, board_meeting_0="31", board_meeting_1="2")
    assert response.status_code == 200
    assert errors_of(response)["board_meeting"] == ["Board meeting must be a real date"]
    assert "Reasonable assurance overall." in response.content.decode()
    assert Review.objects.get(pk=review.pk).overall_opinion == ""


def test_a_meeting_date_may_be_left_out(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    post(client, review, board_meeting_0="", board_meeting_1="", board_meeting_2="")
    review.refresh_from_db()
    assert review.board_meeting is None and review.board_asks


def test_what_could_identify_a_child_is_asked_about_before_saving(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    response = post(client, review, overall_opinion="Seen at 14 Acacia Road, NHS number 943 476 5919.")
    assert response.status_code == 200
    assert "I confirm these are not about a child or family" in response.content.decode()
    assert Review.objects.get(pk=review.pk).overall_opinion == ""


def test_the_service_checks_the_acting_membership(personas, world):
    review = world["review"]
    values = dict.fromkeys(("overall_opinion", "board_asks", "next_priorities"), "")
    with pytest.raises(PermissionDenied):
        save_board_summary(
            membership=as_member(personas["lead"]), review=review, seen_version=0, board_meeting=None, **values
        )
    with pytest.raises(PermissionDenied):
        save_board_summary(
            membership=as_member(personas["scrutineer"]),
            review=world["other_review"],
            seen_version=0,
            board_meeting=None,
            **values,
        )
    assert Review.objects.get(pk=review.pk).version == 0


def test_saving_what_is_there_already_changes_nothing(personas, world):
    review = world["review"]
    values = {"overall_opinion": "", "board_asks": "", "next_priorities": "", "board_meeting": None}
    assert not save_board_summary(membership=as_member(personas["scrutineer"]), review=review, seen_version=0, **values)
    assert Review.objects.get(pk=review.pk).version == 0
