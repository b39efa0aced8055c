"""Scrutineers create review cycles and move them through their statuses."""

import datetime

from scrutiny.models import Review

FORM = {
    "title": "Review 2026 to 2027",
    "period_start_0": "1",
    "period_start_1": "4",
    "period_start_2": "2026",
    "period_end_0": "31",
    "period_end_1": "3",
    "period_end_2": "2027",
    "status": "planning",
}


def test_scrutineer_creates_a_review(client, personas, partnership):
    client.force_login(personas["scrutineer"])
    response = client.post("/partnerships/northmere/reviews/new/", {**FORM, "scrutineers": personas["scrutineer"].pk})
    review = Review.objects.get(title="Review 2026 to 2027")
    assert response["Location"] == review.get_absolute_url()
    assert review.partnership == partnership
    assert (review.period_start, review.period_end) == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    assert list(review.scrutineers.all()) == [personas["scrutineer"]]
    assert partnership.reviews.current() == review


def test_end_before_start_is_refused_with_a_message(client, personas):
    client.force_login(personas["scrutineer"])
    data = {**FORM, "period_end_2": "2025", "scrutineers": personas["scrutineer"].pk}
    response = client.post("/partnerships/northmere/reviews/new/", data)
    assert response.status_code == 200
    assert "The end of the period must be the same as or after the start" in response.content.decode()
    assert not Review.objects.exists()


def test_impossible_date_is_refused_not_a_crash(client, personas):
    client.force_login(personas["scrutineer"])
    data = {**FORM, "period_start_0": "31", "period_start_1": "2", "scrutineers": personas["scrutineer"].pk}
    response = client.post("/partnerships/northmere/reviews/new/", data)
    assert "Start of the period must be a real date" in response.content.decode()
    data = {**FORM, "period_start_2": "99999999999999999999", "scrutineers": personas["scrutineer"].pk}
    page = client.post("/partnerships/northmere/reviews/new/", data).content.decode()
    assert "Start of the period: the year must include 4 numbers" in page
    assert not Review.objects.exists()


def test_only_the_partnerships_scrutineers_can_be_named(client, personas):
    client.force_login(personas["scrutineer"])
    data = {**FORM, "scrutineers": personas["lead"].pk}
    response = client.post("/partnerships/northmere/reviews/new/", data)
    assert response.status_code == 200
    assert not Review.objects.exists()


def test_scrutineer_moves_a_review_to_published_after_confirming_and_it_is_recorded(client, personas, world):
    review = world["review"]
    client.force_login(personas["scrutineer"])
    data = {
        **FORM,
        "title": review.title,
        "period_start_2": "2026",
        "period_start_1": "1",
        "period_start_0": "1",
        "period_end_2": "2026",
        "period_end_1": "12",
        "period_end_0": "31",
        "status": "published",
        "scrutineers": personas["scrutineer"].pk,
        "version": review.version,  # the version the edit form was opened at
    }
    response = client.post(f"/partnerships/northmere/reviews/{review.pk}/edit/", data)
    assert response["Location"] == f"/partnerships/northmere/reviews/{review.pk}/publish/"
    review.refresh_from_db()
    assert review.status == Review.Status.JUDGING  # not until confirmed
    assert client.post(response["Location"]).status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Published" in page and "Gathering evidence" not in page.split("History")[0]
    assert "Judging" in page.split("History")[1]  # the old status, in the history


def test_overview_shows_the_current_review(client, personas, world):
    client.force_login(personas["viewer"])
    page = client.get("/partnerships/northmere/").content.decode()
    assert "Current review" in page and "Review 2026" in page and "Judging" in page


def test_judgements_hidden_from_viewers_until_published(client, personas, world):
    client.force_login(personas["viewer"])
    page = client.get(world["review"].get_absolute_url()).content.decode()
    assert "will be shown here once the scrutineers publish it" in page
    client.force_login(personas["lead"])
    page = client.get(world["review"].get_absolute_url()).content.decode()
    assert "R6: Health" in page
