"""Working out a list's rows once in Python, rather than row by row in templates.

Each function gives exactly what the template tag or filter named in its docstring would: per row,
`{% url %}` and the filters cost a good part of a list page (bench/page_costs.py).
"""

import unicodedata

from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.text import Truncator

_PLACEHOLDER_PK = 2_147_483_647


def pk_url(viewname: str, *args):
    """`reverse(viewname, args=[*args, pk])` as a function of pk, from one reverse(): in a list of rows
    the object's number is the link's only varying part."""
    head, _, tail = reverse(viewname, args=[*args, _PLACEHOLDER_PK]).rpartition(str(_PLACEHOLDER_PK))
    return lambda pk: f"{head}{pk}{tail}"


def day_month_year(day) -> str:
    """`day|date:"j M Y"`, as dateformat's j, M and Y write it, without parsing the format each time."""
    return f"{day.day} {MONTHS_3[day.month].title()} {day.year:04d}"


def truncate_chars(text: str, length: int) -> str:
    """`text|truncatechars:length`, without walking the text when it is short enough already."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= length else Truncator(text).chars(length)


def truncate_words(text: str, count: int) -> str:
    """`text|truncatewords:count`."""
    return Truncator(text).words(count, truncate=" …")
