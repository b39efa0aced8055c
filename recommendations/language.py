"""Language guidance: phrases to avoid in anything written here, and what to say instead.

The phrases, their exceptions and their sources live in the framework file; this
module only finds them. static/app/language-rules.js applies the same rules in the
browser, step for step, from the JSON `rules_as_json` gives it; change both together.
A suggestion never blocks saving.

A rule fires on the first match of one of its phrases (whole words, any case) that is
not excepted. A match is excepted when one of the rule's `not_after` phrases ends right
before it ("stop recording 'no further action'"), or one of its `not_before` phrases
starts right after it ("consented to the referral"), with only spaces and quotation
marks between; or when it follows an excepted match of the same rule joined only by
"and", "or", a comma or a slash ("replace 'no further action' and 'NFA'").
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from recommendations.models import LanguageGuidance

GAP = "[\\s'\"\u2018\u2019\u201c\u201d]*"
JOINED = re.compile(f"^[\\s'\"\u2018\u2019\u201c\u201d,/]*(?:(?:and|or){GAP})?$", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    phrase: str  # as written in the text
    suggestion: str
    code: str
    attribution: str = ""


def _alternatives(phrases) -> str:
    """Longest first, each phrase literal but for its spaces, which match any run of white space."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


@lru_cache(maxsize=256)
def _patterns(phrases: tuple, not_after: tuple, not_before: tuple) -> tuple:
    found = re.compile(rf"(?<!\w)(?:{_alternatives(phrases)})(?!\w)", re.IGNORECASE)
    after = re.compile(rf"(?<!\w)(?:{_alternatives(not_after)}){GAP}$", re.IGNORECASE) if not_after else None
    before = re.compile(rf"^{GAP}(?:{_alternatives(not_before)})(?!\w)", re.IGNORECASE) if not_before else None
    return found, after, before


def _first_use(text: str, rule) -> re.Match | None:
    found, after, before = _patterns(
        tuple(rule.phrases), tuple(getattr(rule, "not_after", ()) or ()), tuple(getattr(rule, "not_before", ()) or ())
    )
    excepted_end = None
    for match in found.finditer(text):
        excepted = (
            (after is not None and after.search(text[: match.start()]))
            or (before is not None and before.search(text[match.end() :]))
            or (excepted_end is not None and JOINED.match(text[excepted_end : match.start()]))
        )
        if not excepted:
            return match
        excepted_end = match.end()
    return None


def suggestions_for(text: str, rules) -> list[Suggestion]:
    """One suggestion per rule whose phrases are used in `text`, in the rules' order."""
    if not text:
        return []
    found = []
    for rule in rules:
        match = _first_use(text, rule)
        if match:
            attribution = getattr(rule, "attribution", "")
            found.append(
                Suggestion(phrase=match.group(0), suggestion=rule.suggestion, code=rule.code, attribution=attribution)
            )
    return found


def rules_for(framework) -> list[LanguageGuidance]:
    return list(framework.language_guidance.all())


def rules_as_json(rules) -> list[dict]:
    """The rules for the browser, which shows the same suggestions as the person types."""
    return [
        {
            "code": r.code,
            "phrases": r.phrases,
            "not_after": r.not_after,
            "not_before": r.not_before,
            "suggestion": r.suggestion,
            "attribution": r.attribution,
        }
        for r in rules
    ]


def language_context(framework) -> dict:
    """Template context for pages that show or edit text: the rules, and the same as JSON for the browser."""
    rules = rules_for(framework)
    return {"language_rules": rules, "language_rules_json": rules_as_json(rules)}
