"""Working out a list's rows once in Python, rather than row by row in templates."""

from django.urls import reverse

_PLACEHOLDER_PK = 2_147_483_647


def pk_url(viewname: str, *args):
    """`reverse(viewname, args=[*args, pk])` as a function of pk, from one reverse(): in a list of rows
    the object's number is the link's only varying part, and reverse() per row cost a good part of a page."""
    head, _, tail = reverse(viewname, args=[*args, _PLACEHOLDER_PK]).rpartition(str(_PLACEHOLDER_PK))
    return lambda pk: f"{head}{pk}{tail}"
