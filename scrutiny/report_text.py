"""Words the reports build from what people wrote: the one-line reason, points typed a line each, and the
distribution line. Shared by the review's report (report_build) and the yearly statement (statement_build)."""

import re

SENTENCE_END = re.compile(r"(?<=[.!?])\s")
REASON_LIMIT = 200


def first_sentence(text: str) -> str:
    """The first sentence of `text` on one line, cut at a word near REASON_LIMIT characters if longer."""
    line = " ".join(text.split())
    sentence = SENTENCE_END.split(line, maxsplit=1)[0]
    if len(sentence) <= REASON_LIMIT:
        return sentence
    return sentence[:REASON_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def lines(text: str) -> list[str]:
    """A text typed one point a line, as the points: blank lines and leading list marks dropped."""
    return [line.strip().lstrip("-*•").strip() for line in text.splitlines() if line.strip().lstrip("-*•").strip()]


def distribution(partnership, *, is_draft: bool) -> str:
    """The cover's distribution line: who the report is for."""
    if is_draft:
        return f"The scrutineers and partnership managers of {partnership.name} only: not for circulation."
    return (
        f"The members of {partnership.name}, its board and its lead safeguarding partners; "
        "not to be shared more widely without the partnership's agreement."
    )
