"""What the report's board summary reads beyond the report's context (scrutiny/board_summary.py)."""

from django import template

from scrutiny import board_summary

register = template.Library()


@register.simple_tag
def indicators_that_moved_most(partnership):
    """`{% indicators_that_moved_most partnership as movers %}`: the indicators that moved most, with their words."""
    return board_summary.indicators_that_moved_most(partnership)
