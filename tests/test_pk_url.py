"""`pk_url`: one reverse() for a list's links, giving what reverse() gives for each row."""

import pytest
from django.urls import reverse

from common.rows import pk_url


@pytest.mark.parametrize("viewname", ["action_detail", "evidence_detail", "challenge_detail"])
@pytest.mark.parametrize("slug", ["northmere", "castle-brook-2"])
def test_links_match_reverse_for_every_pk(viewname, slug):
    url = pk_url(viewname, slug)
    for pk in (1, 7, 42, 2_147_483_646, 10**12):
        assert url(pk) == reverse(viewname, args=[slug, pk])
