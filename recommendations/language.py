"""The review's language guidance: phrases to avoid in anything written here, and what to say instead.

The phrases live in the framework file; this module only finds them. A suggestion
never blocks saving.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from recommendations.models import LanguageGuidance


@dataclass(frozen=True)
class Suggestion:
    phrase: str  # as written in the text
    suggestion: str
    code: str


@lru_cache(maxsize=256)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def suggestions_for(text: str, rules) -> list[Suggestion]:
    """One suggestion per rule whose phrases appear in `text`, in the rules' order."""
    if not text:
        return []
    found = []
    for rule in rules:
        match = _pattern(tuple(rule.phrases)).search(text)
        if match:
            found.append(Suggestion(phrase=match.group(0), suggestion=rule.suggestion, code=rule.code))
    return found


def rules_for(framework) -> list[LanguageGuidance]:
    return list(framework.language_guidance.all())


def rules_as_json(rules) -> list[dict]:
    """The rules for the browser, which shows the same suggestions as the person types."""
    return [{"code": r.code, "phrases": r.phrases, "suggestion": r.suggestion} for r in rules]


def language_context(framework) -> dict:
    """Template context for pages that show or edit text: the rules, and the same as JSON for the browser."""
    rules = rules_for(framework)
    return {"language_rules": rules, "language_rules_json": rules_as_json(rules)}
