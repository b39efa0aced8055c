"""Reviews, judgements and question responses: who may see and change what."""

import pytest

from tests.support.permission_table import READ_ONLY_POSTED, Row, cases, check

BASE = "/partnerships/northmere/reviews"
ALL_MEMBERS = {"scrutineer": 200, "lead": 200, "contributor": 200, "viewer": 200}
SCRUTINEER_ONLY = {"scrutineer": 200, "lead": 403, "contributor": 403, "viewer": 403}
SCRUTINEER_SAVES = {"scrutineer": 302, "lead": 403, "contributor": 403, "viewer": 403}
NOT_SCRUTINEERS = {"lead": 403, "contributor": 403, "viewer": 403}
DRAFT_READERS = {"scrutineer": 200, "lead": 200, "contributor": 403, "viewer": 403}
REVIEW_DATA = {
    "title": "Review 2027",
    "period_start_0": "1",
    "period_start_1": "4",
    "period_start_2": "2026",
    "period_end_0": "31",
    "period_end_1": "3",
    "period_end_2": "2027",
    "scrutineers": "{scrutineer_user}",
    "status": "planning",
    "version": "0",  # the version the edit form was opened at (a new review has none: ignored)
}
JUDGEMENT_DATA = {"version": "0", "level": "limited", "rationale": "Pathway exists but is not used."}
BOARD_SUMMARY_DATA = {
    "version": "0",
    "overall_opinion": "Reasonable assurance overall.",
    "board_asks": "Note the limited assurance on R6.",
    "next_priorities": "An audit.",
}
RESPONSE_DATA = {"version": "0", "partnership_response": "We have a pathway.", "scrutineer_note": "Test it."}

ROWS = [
    Row(f"{BASE}/", ALL_MEMBERS),
    Row(f"{BASE}/new/", SCRUTINEER_ONLY),
    Row(f"{BASE}/new/", SCRUTINEER_SAVES, method="post", data=REVIEW_DATA),
    Row(f"{BASE}/{{review}}/", ALL_MEMBERS),
    Row(f"{BASE}/", READ_ONLY_POSTED, method="post", data=REVIEW_DATA),
    Row(f"{BASE}/{{review}}/", READ_ONLY_POSTED, method="post", data=REVIEW_DATA),
    Row(f"{BASE}/{{review}}/edit/", SCRUTINEER_ONLY),
    Row(f"{BASE}/{{review}}/edit/", SCRUTINEER_SAVES, method="post", data=REVIEW_DATA),
    # Publishing: a confirmation page, and its POST (tests/scrutiny/test_publishing_asks_for_confirmation.py).
    Row(f"{BASE}/{{review}}/publish/", SCRUTINEER_ONLY),
    Row(f"{BASE}/{{review}}/publish/", SCRUTINEER_SAVES, method="post"),
    Row(f"{BASE}/{{other_review}}/publish/", {}, method="post"),
    Row("/partnerships/castlebrook/reviews/{review}/publish/", {}, method="post"),
    Row(f"{BASE}/{{review}}/board-summary/", SCRUTINEER_ONLY),
    Row(f"{BASE}/{{review}}/board-summary/", SCRUTINEER_SAVES, method="post", data=BOARD_SUMMARY_DATA),
    # Another partnership's review: 404 to the scrutineer, who may write one (the others lack the permission).
    Row(f"{BASE}/{{other_review}}/board-summary/", NOT_SCRUTINEERS, method="post", data=BOARD_SUMMARY_DATA),
    Row(
        "/partnerships/castlebrook/reviews/{review}/board-summary/",
        {"outsider": 403},
        method="post",
        data=BOARD_SUMMARY_DATA,
    ),
    Row(f"{BASE}/{{review}}/judgements/R6/", DRAFT_READERS),
    Row(f"{BASE}/{{review}}/judgements/R6/", SCRUTINEER_SAVES, method="post", data=JUDGEMENT_DATA),
    Row(f"{BASE}/{{review}}/judgements/R9/", {}),
    Row(f"{BASE}/{{review}}/questions/SQ9/", DRAFT_READERS),
    Row(f"{BASE}/{{review}}/questions/SQ9/", SCRUTINEER_SAVES, method="post", data=RESPONSE_DATA),
    # Another partnership's review, reached through this partnership's address: 404 for everyone.
    Row(f"{BASE}/{{other_review}}/", {}),
    Row(f"{BASE}/{{other_review}}/judgements/R6/", {}, method="post", data=JUDGEMENT_DATA),
    # This partnership's review through the outsider's own partnership's address: 404 even for them.
    Row("/partnerships/castlebrook/reviews/{review}/", {}),
    Row("/partnerships/castlebrook/reviews/{review}/judgements/R6/", {}, method="post", data=JUDGEMENT_DATA),
    Row("/partnerships/castlebrook/reviews/", {"outsider": 200}),
]


@pytest.mark.parametrize(**cases(ROWS))
def test_reviews(client, personas, world, row, persona):
    check(client, personas, world, row, persona)


@pytest.mark.parametrize("persona", ["contributor", "viewer"])
def test_contributors_and_viewers_read_judgements_once_published(client, personas, world, persona):
    review = world["review"]
    client.force_login(personas[persona])
    url = f"{BASE}/{review.pk}/judgements/R6/"
    assert client.get(url).status_code == 403
    review.status = review.Status.PUBLISHED
    review.save()
    response = client.get(url)
    assert response.status_code == 200
    assert b"Record the judgement" not in response.content
