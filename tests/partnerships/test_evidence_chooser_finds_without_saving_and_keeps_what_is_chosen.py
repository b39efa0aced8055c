"""The evidence chooser, on every form that cites evidence: what is chosen comes first, then a few of the
newest; "Find evidence" posts the whole form back, saves nothing, loses nothing, and finds by words,
recommendation, agency and dates among only the evidence the field accepts."""

import re

import pytest
from django.utils import timezone

from partnerships.models import ActionItem, Evidence
from scrutiny.models import Judgement, QuestionResponse
from tests.support.builders import JUDGEMENT_R6, NEW_ACTION, action_form_data, add_evidence, errors_of

QUESTION = "/partnerships/northmere/reviews/{}/questions/{}/"


def boxes(html: str, name: str) -> list[tuple[str, bool]]:
    """The chooser's checkboxes in page order: (value, ticked)."""
    found = re.findall(
        rf'<input class="govuk-checkboxes__input" id="id_{name}_\d+" name="{name}" '
        rf'type="checkbox" value="(\d+)"( checked)?',
        html,
    )
    return [(value, bool(ticked)) for value, ticked in found]


@pytest.fixture
def lead_client(client, personas):
    client.force_login(personas["lead"])
    return client


def test_a_new_form_offers_a_few_of_the_newest_not_all(lead_client, world, personas):
    items = add_evidence(world, personas, 40)
    html = lead_client.get(NEW_ACTION).content.decode()
    for name in ("completion_evidence", "impact_evidence"):
        offered = boxes(html, name)
        assert [value for value, _ in offered] == [str(item.pk) for item in items[:5]]  # the five newest
        assert not any(ticked for _, ticked in offered)
    assert "Showing 5 of 42 items not chosen, newest first. Search to find the others." in html


def test_what_is_chosen_comes_first_and_stays_chosen_whatever_the_search(lead_client, world, personas):
    items = add_evidence(world, personas, 30)
    item = world["health_action"]
    item.completion_evidence.set([items[25], items[29]])  # old ones, beyond the newest five
    html = lead_client.get(f"/partnerships/northmere/actions/{item.pk}/edit/").content.decode()
    offered = boxes(html, "completion_evidence")
    assert offered[:2] == [(str(items[25].pk), True), (str(items[29].pk), True)]
    assert "Chosen (2)" in html

    data = action_form_data(
        completion_evidence=[str(items[25].pk), str(items[3].pk)],  # one unticked, one ticked from the list
        version=str(item.version),
        find_evidence="completion_evidence",
        **{"completion_evidence-q": "item 1"},
    )
    html = lead_client.post(f"/partnerships/northmere/actions/{item.pk}/edit/", data).content.decode()
    offered = boxes(html, "completion_evidence")
    assert offered[:2] == [(str(items[3].pk), True), (str(items[25].pk), True)]  # chosen, newest first
    found = {value for value, ticked in offered[2:] if not ticked}
    assert found == {str(items[n].pk) for n in (1, 10, 11, 12, 13, 14, 15, 16, 17, 18)}  # ten of eleven
    assert "Showing 10 of 11 matching items" in html
    assert list(item.completion_evidence.all().order_by("pk")) == sorted([items[25], items[29]], key=lambda e: e.pk)


def test_finding_saves_nothing_shows_no_error_and_keeps_everything_typed(lead_client, world, personas):
    add_evidence(world, personas, 3)
    data = action_form_data(
        description="Sample closed section 47 enquiries for joint visits",
        lead_name="",  # missing: no error while finding
        find_evidence="impact_evidence",
        **{"impact_evidence-q": "Chooser"},
    )
    response = lead_client.post(NEW_ACTION, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not ActionItem.objects.filter(description=data["description"]).exists()
    assert errors_of(response) == {}
    assert "There is a problem" not in html and not response.context["form"].is_valid()
    assert "Sample closed section 47 enquiries for joint visits</textarea>" in html
    assert 'value="Chooser"' in html
    assert "3 items match this search" in html

    response = lead_client.post(NEW_ACTION, {key: value for key, value in data.items() if key != "find_evidence"})
    assert "Enter the name of the person who leads this action" in errors_of(response)["lead_name"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ({"recommendation": "R2"}, {"R2 item 0", "R2 item 1"}),
        ({"agency": "partnership"}, {"Partnership item 0"}),
        ({"q": "pathway"}, {"Health pathway audit"}),  # words of the title or the summary
        ({"q": "WHAT R2 ITEM 1 SHOWS"}, {"R2 item 1"}),
        (
            {"date_from": "2026-02-28", "date_to": "2026-03-01"},
            {"Health pathway audit", "Police strategy discussion audit"},
        ),
    ],
)
def test_the_search_finds_by_words_recommendation_agency_and_dates(lead_client, world, personas, search, expected):
    add_evidence(world, personas, 2, title="R2 item", code="R2")
    add_evidence(world, personas, 1, title="Partnership item", agency="partnership")
    data = action_form_data(
        find_evidence="completion_evidence", **{f"completion_evidence-{k}": v for k, v in search.items()}
    )
    html = lead_client.post(NEW_ACTION, data).content.decode()
    titles = set(re.findall(r'govuk-checkboxes__label" for="id_completion_evidence_\d+">([^<]+)</label>', html))
    assert titles == expected


def test_an_agency_search_finds_that_agencys_evidence(lead_client, world, personas):
    add_evidence(world, personas, 2, agency="police")
    police = world["police"]
    data = action_form_data(find_evidence="completion_evidence", **{"completion_evidence-agency": str(police.pk)})
    html = lead_client.post(NEW_ACTION, data).content.decode()
    assert "3 items match this search" in html  # the two added and the world's police audit


def test_a_wrong_date_is_said_and_the_other_terms_still_apply(lead_client, world, personas):
    add_evidence(world, personas, 2, title="R2 item", code="R2")
    data = action_form_data(
        find_evidence="completion_evidence",
        **{"completion_evidence-recommendation": "R2", "completion_evidence-date_from": "31/02/2026"},
    )
    html = lead_client.post(NEW_ACTION, data).content.decode()
    assert "Enter the date from as a real date, for example 2026-04-01" in html
    assert "2 items match this search" in html
    data["completion_evidence-date_to"] = "2026-01-01"
    data["completion_evidence-date_from"] = "2026-02-01"
    html = lead_client.post(NEW_ACTION, data).content.decode()
    assert "Date to must be the same as or after date from" in html


def test_only_what_the_field_accepts_is_found(lead_client, world, personas):
    withdrawn = add_evidence(world, personas, 1, title="Withdrawn item")[0]
    Evidence.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now(), withdrawn_by=personas["lead"])
    data = action_form_data(find_evidence="completion_evidence", **{"completion_evidence-q": "audit"})
    html = lead_client.post(NEW_ACTION, data).content.decode()
    assert "Castlebrook" not in html  # another partnership's, even when searched for
    data["completion_evidence-q"] = "Withdrawn"
    assert "No other evidence matches this search." in lead_client.post(NEW_ACTION, data).content.decode()
    # A search term that is not one of the choices finds everything rather than failing.
    data = action_form_data(
        find_evidence="completion_evidence", **{"completion_evidence-agency": "99999999999999999999"}
    )
    assert lead_client.post(NEW_ACTION, data).status_code == 200


def test_judgements_and_question_responses_choose_evidence_the_same_way(client, world, personas):
    client.force_login(personas["scrutineer"])
    items = add_evidence(world, personas, 12)
    review = world["review"]
    url = JUDGEMENT_R6.format(review.pk)
    html = client.get(url).content.decode()
    assert len(boxes(html, "evidence")) == 5 and "data-evidence-chooser" in html
    response = client.post(
        url,
        {
            "version": "0",
            "level": "limited",
            "rationale": "",
            "evidence": [str(items[11].pk)],
            "find_evidence": "evidence",
            "evidence-q": "Chooser item 1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and Judgement.objects.get(pk=world["judgement"].pk).version == 0
    assert boxes(html, "evidence")[0] == (str(items[11].pk), True)
    assert {value for value, _ in boxes(html, "evidence")[1:]} == {str(items[n].pk) for n in (1, 10)}

    question = review.partnership.framework.questions.filter(recommendations__code="R6").first()
    url = QUESTION.format(review.pk, question.code)
    response = client.post(
        url, {"version": "0", "partnership_response": "Typed before searching", "find_evidence": "evidence"}
    )
    html = response.content.decode()
    assert "Typed before searching</textarea>" in html and not QuestionResponse.objects.exists()
    assert "data-evidence-chooser" in html
