"""The secondary-disclosure rule of surveys/results.py: agency types of fewer than five answers are folded into
"Other agencies (combined)"; while that group has fewer than five, the smallest type still shown joins it, so the
overall figures minus the groups shown never give fewer than five people. Fewer than five in all: nothing shown."""

import pytest

from recommendations.models import AgencyType
from surveys.results import COMBINED_AGENCIES, fold

ORDER = list(AgencyType.choices)


def labels(grouping):
    return [(group.label, group.answers) for group in grouping.groups]


def test_every_group_of_five_or_more_is_shown_on_its_own():
    grouping = fold({"health": 5, "police": 7}, ORDER, COMBINED_AGENCIES)
    assert labels(grouping) == [("Police", 7), ("Health", 5)]
    assert grouping.too_few == [] and grouping.folded_to_protect == []


def test_small_groups_reaching_five_together_are_shown_combined():
    grouping = fold({"health": 6, "police": 3, "education": 2}, ORDER, COMBINED_AGENCIES)
    assert labels(grouping) == [("Health", 6), (COMBINED_AGENCIES, 5)]
    assert grouping.too_few == ["Police", "Education"]


def test_one_small_group_takes_the_smallest_shown_group_with_it():
    grouping = fold({"health": 9, "police": 4, "education": 5}, ORDER, COMBINED_AGENCIES)
    assert labels(grouping) == [("Health", 9), (COMBINED_AGENCIES, 9)]
    assert grouping.combined.codes == ("police", "education")
    assert grouping.too_few == ["Police"]
    assert grouping.folded_to_protect == ["Education"]


def test_when_everyone_is_folded_only_the_overall_is_shown():
    grouping = fold({"health": 5, "police": 4}, ORDER, COMBINED_AGENCIES)
    assert grouping.groups == []
    assert grouping.too_few == ["Police"] and grouping.folded_to_protect == ["Health"]


def test_fewer_than_five_in_all_shows_nothing():
    grouping = fold({"health": 2, "police": 2}, ORDER, COMBINED_AGENCIES)
    assert grouping.groups == []
    assert grouping.too_few == ["Police", "Health"]


@pytest.mark.parametrize(
    "counts",
    [
        {"health": 5, "police": 1},
        {"health": 12, "police": 4, "education": 6, "probation": 1},
        {"health": 5, "police": 5, "education": 5, "probation": 2, "other": 2},
        {"health": 30, "police": 1, "education": 1, "probation": 1, "other": 1},
    ],
)
def test_no_group_shown_and_no_difference_from_the_overall_is_under_five(counts):
    grouping = fold(counts, ORDER, COMBINED_AGENCIES)
    total = sum(counts.values())
    shown = [group.answers for group in grouping.groups]
    assert all(n >= 5 for n in shown)
    remainder = total - sum(shown)
    assert remainder == 0 or remainder >= 5
    assert sum(group.answers for group in grouping.groups) in (0, total)
