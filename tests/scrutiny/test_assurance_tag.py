"""`{% assurance_tag %}`: a judgement's level in words, in a tag whose colour only helps."""

import pytest
from django.template import Context, Template

from scrutiny.models import AssuranceLevel

COLOURS = {
    AssuranceLevel.SUBSTANTIAL: "green",
    AssuranceLevel.REASONABLE: "turquoise",
    AssuranceLevel.LIMITED: "orange",
    AssuranceLevel.NONE: "red",
    AssuranceLevel.NOT_ASSESSED: "grey",
}


def draw(level):
    return Template("{% load assurance %}{% assurance_tag level %}").render(Context({"level": level}))


@pytest.mark.parametrize("level", list(AssuranceLevel))
def test_each_level_reads_in_words_in_its_colour(level):
    assert draw(level.value) == (
        f'<strong class="govuk-tag govuk-tag--{COLOURS[level]} app-level">{level.label}</strong>\n'
    )


@pytest.mark.parametrize("missing", [None, ""])
def test_no_judgement_reads_as_not_yet_assessed(missing):
    assert draw(missing) == draw(AssuranceLevel.NOT_ASSESSED.value)
    assert AssuranceLevel.NOT_ASSESSED.label in draw(missing)
