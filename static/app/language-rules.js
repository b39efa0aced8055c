// The language guidance rules, applied exactly as recommendations/language.py applies
// them on the server (read its docstring; change both together). The rules come from
// the framework file through the page's JSON (recommendations.language.rules_as_json).
// tests/pages/browser/test_browser_language_checker_agrees_with_the_server.py runs both on the same corpus.
const GAP = "[\\s'\"\u2018\u2019\u201c\u201d]*";
const JOINED = new RegExp(`^[\\s'"\u2018\u2019\u201c\u201d,/]*(?:(?:and|or)${GAP})?$`, "iu");
const WORD = "[\\p{L}\\p{N}_]";

function escapeForRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Longest first, each phrase literal but for its spaces, which match any run of white space.
function alternatives(phrases) {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.trim().split(/\s+/).map(escapeForRegExp).join("\\s+"))
    .join("|");
}

function patterns(rule) {
  const notAfter = rule.not_after || [];
  const notBefore = rule.not_before || [];
  return {
    found: new RegExp(`(?<!${WORD})(?:${alternatives(rule.phrases)})(?!${WORD})`, "giu"),
    after: notAfter.length ? new RegExp(`(?<!${WORD})(?:${alternatives(notAfter)})${GAP}$`, "iu") : null,
    before: notBefore.length ? new RegExp(`^${GAP}(?:${alternatives(notBefore)})(?!${WORD})`, "iu") : null,
  };
}

function firstUse(text, rule) {
  const { found, after, before } = patterns(rule);
  let exceptedEnd = null;
  for (const match of text.matchAll(found)) {
    const start = match.index;
    const end = start + match[0].length;
    const excepted =
      (after && after.test(text.slice(0, start))) ||
      (before && before.test(text.slice(end))) ||
      (exceptedEnd !== null && JOINED.test(text.slice(exceptedEnd, start)));
    if (!excepted) return match;
    exceptedEnd = end;
  }
  return null;
}

export function suggestionsFor(text, rules) {
  const found = [];
  if (!text) return found;
  for (const rule of rules) {
    const match = firstUse(text, rule);
    if (match) {
      found.push({ phrase: match[0], suggestion: rule.suggestion, code: rule.code, attribution: rule.attribution || "" });
    }
  }
  return found;
}
