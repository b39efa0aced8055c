"""In a real Chromium: the checker that runs as the person types (static/app/language-rules.js,
fed the framework file's rules through the page) gives exactly the server's suggestions, with
their sources, on every sentence of the language corpus."""

import re

import pytest

from recommendations.language import suggestions_for
from recommendations.models import LanguageGuidance
from tests.support.browser import check_page, sign_in
from tests.support.language_corpus import MUST_NOT_SUGGEST, MUST_SUGGEST

pytestmark = pytest.mark.browser


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_page_checker_and_the_server_agree_on_the_whole_corpus(
    transactional_db, live_server, personas, world, browser_page
):
    rules = list(LanguageGuidance.objects.filter(framework=world["review"].partnership.framework))
    page = browser_page
    sign_in(page, live_server.url, "scrutineer")
    page.goto(live_server.url + f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/")
    page.get_by_role("heading", name="Record the judgement").wait_for()
    field = page.get_by_label("Rationale")
    box = page.locator(f"#{field.get_attribute('id')}-language")

    corpus = [text for text, _ in MUST_SUGGEST] + MUST_NOT_SUGGEST
    for text in corpus:
        field.fill(text)
        expected = [
            flat(f"Instead of “{s.phrase}”: {s.suggestion} {s.attribution}") for s in suggestions_for(text, rules)
        ]
        if expected:
            box.wait_for(state="visible")
            shown = [flat(item) for item in box.locator("li").all_inner_texts()]
        else:
            shown = [] if box.count() == 0 or box.is_hidden() else box.locator("li").all_inner_texts()
        assert shown == expected, text

    field.fill("Police recorded NFA and the GP wrote that she was sexually active.")
    box.wait_for(state="visible")
    check_page(page, "language-guidance-with-sources")
