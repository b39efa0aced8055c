"""Looking for what could identify a child or family: NHS numbers, dates of birth, postcodes, phones, emails.

Pure Python (no Django). `find_identifiers(text, where)` returns a Finding for each likely
identifier, in the order they appear. The rules aim to catch real identifiers and to stay
quiet on ordinary professional writing (recommendation codes such as "R1", dates of
meetings, years, statistics); tests/common/test_identifier_scanner.py holds both sides.
"""

import re
from dataclasses import dataclass

NHS_NUMBER = "NHS number"
DATE_OF_BIRTH = "Date of birth"
POSTCODE = "Postcode"
PHONE_NUMBER = "Phone number"
EMAIL_ADDRESS = "Email address"


@dataclass(frozen=True)
class Finding:
    kind: str  # one of the labels above, for people
    text: str  # exactly as found
    where: str  # a field's label, or a file and the place in it
    start: int = 0  # offset in the text scanned

    @property
    def masked(self) -> str:
        """The text with its middle hidden, so that a page or log does not repeat it whole.

        Enough is left to find it again: the first and last few letters or digits.
        """
        positions = [i for i, char in enumerate(self.text) if char.isalnum()]
        keep = 3 if len(positions) >= 9 else 2
        hidden = set(positions[keep:-keep]) if len(positions) > 2 * keep else set()
        return "".join("*" if i in hidden else char for i, char in enumerate(self.text))


# Ten digits, alone or grouped 3-3-4 with spaces or hyphens, not part of a longer number.
_NHS = re.compile(r"(?<![\d-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d-])")

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 3/5/2012, 03-05-12, 3.5.2012
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 2012-05-03
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTHS}\.?,?\s+\d{{4}}"  # 3 May 2012, 3rd of May 2012
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"  # May 3, 2012
)
_BIRTH_WORDS = r"(?:\bborn\b|\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bbirthday\b)"
# A date of birth: a birth word, then within a few words (on the same line) a date.
_DOB = re.compile(rf"{_BIRTH_WORDS}[^\n\d]{{0,25}}?(?P<date>(?<![\d]){_DATE})(?!\d)", re.IGNORECASE)

# The UK postcode format: outward code (area, district) and inward code (sector, unit), space optional.
# Letters each position may hold, from the Royal Mail's rules, keep ordinary words out.
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA"
    r"|(?P<outward>[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]))"
    r" ?(?P<inward>\d[ABD-HJLNP-UW-Z]{2}))\b",
    re.IGNORECASE,
)
# "R1 3rd", "SQ2 1st": a code and an ordinal, not a postcode.
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")

# A UK number from +44 or 0, then 01, 02, 03 or 07, with spaces, hyphens or brackets between groups.
_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)[1237][\d\s()-]{7,14}\d(?!\d)")

_EMAIL = re.compile(r"\b[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def is_valid_nhs_number(digits: str) -> bool:
    """The modulus 11 check: weights 10 down to 2 on the first nine digits; the tenth is the check digit."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _phone_digits_ok(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")  # +44 (0)20 ...
    if digits.startswith("01"):
        return len(digits) in (10, 11)
    return len(digits) == 11


def _nhs_span(match: re.Match) -> tuple[int, int] | None:
    return match.span() if is_valid_nhs_number("".join(match.group(1, 3, 4))) else None


def _date_of_birth_span(match: re.Match) -> tuple[int, int]:
    return match.span("date")  # the date alone, not the birth word before it


def _email_span(match: re.Match) -> tuple[int, int]:
    return match.span()


def _phone_span(match: re.Match) -> tuple[int, int] | None:
    return match.span() if _phone_digits_ok(match.group()) else None


def _postcode_span(match: re.Match) -> tuple[int, int] | None:
    inward = match.group("inward")
    if inward and _ORDINAL.fullmatch(inward):
        return None
    return match.span()


# Each kind: its pattern, and what of a match to report (None: the match is not one after all). Most
# specific first: a match that overlaps one already found is that identifier again, not a new one.
_RULES = (
    (NHS_NUMBER, _NHS, _nhs_span),
    (DATE_OF_BIRTH, _DOB, _date_of_birth_span),
    (EMAIL_ADDRESS, _EMAIL, _email_span),
    (PHONE_NUMBER, _PHONE, _phone_span),
    (POSTCODE, _POSTCODE, _postcode_span),
)


def find_identifiers(text: str, where: str = "") -> list[Finding]:
    """Likely identifiers in `text`, in order. `where` names the place for each Finding.

    When `text` has several lines, each finding's place says which line.
    """
    if not text:
        return []
    found = _findings(text, where)
    found.sort(key=lambda finding: finding.start)
    if "\n" in text.strip():
        found = [
            Finding(kind=f.kind, text=f.text, where=_with_line(where, text, f.start), start=f.start) for f in found
        ]
    return found


def _findings(text: str, where: str) -> list[Finding]:
    """Every rule's findings, in the order of _RULES, none overlapping another."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, span_of in _RULES:
        for match in pattern.finditer(text):
            span = span_of(match)
            if span is None:
                continue
            start, end = span
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue  # already reported as something more specific
            taken.append(span)
            found.append(Finding(kind=kind, text=text[start:end], where=where, start=start))
    return found


def _with_line(where: str, text: str, start: int) -> str:
    line = text.count("\n", 0, start) + 1
    return f"{where}, line {line}" if where else f"line {line}"
