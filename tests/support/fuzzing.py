"""What the fuzz tests share: hostile input, posting it as a browser would, and the check every example makes.

Every fuzzed form post must end one of two ways: a redirect after saving exactly what was
posted (after the form's own normalisation), or the form shown again with an error
summary and the database (and the uploaded files) just as they were. A 500 fails the
test by itself: the test client raises the view's exception.

Each example runs in a savepoint that is rolled back (`rolled_back`), so the next starts
from the same database. Hypothesis runs derandomized (the profile in tests/conftest.py),
so CI sees the same examples every time.
"""

import datetime
import operator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from django.apps import apps
from django.db import models, transaction
from hypothesis import HealthCheck, currently_in_test_context, event, settings
from hypothesis import strategies as st

OUR_APPS = ("partnerships", "scrutiny", "recommendations", "indicators", "case_audits", "surveys")


def fuzz_settings(examples: int):
    """The budget of one fuzz test: the whole fuzz suite stays near a minute and a half on SQLite."""
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


# Text: what people paste, what attackers send, and what breaks databases.
SNIPPETS = [
    "\x00",  # PostgreSQL refuses NUL in text; SQLite stores it
    "a\x00b",
    "\x01",
    "\x08",
    "\x0b",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\x9f",
    "\ud800",  # lone surrogates: the bytes a faulty client sends for them arrive as U+FFFD
    "x\udfffy",
    "\u202eevil",  # right-to-left override
    "שלום עולם",
    "مرحبا بالعالم",
    "👩\u200d👧\u200d👦",
    "\u200b",
    "\ufeff",
    "\uffff",
    "\u2028",
    "<script>alert(1)</script>",
    "{{ request }}",
    "{% debug %}",
    "' OR 1=1 --",
    '=HYPERLINK("http://example.org")',
    "%s%n",
    "\r\n",
    "\t",
    " ",
    "no further action",
    "Zoë",
]
_pieces = st.one_of(
    st.sampled_from(SNIPPETS),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=20),  # surrogates and controls included
)
_long = st.builds(
    operator.mul,
    st.sampled_from(["a", "é", "👩", " ", "<", "\x00"]),
    st.sampled_from([199, 200, 201, 1999, 2000, 2001, 4999, 5000, 5001, 20_000]),
)
# Text a form should take: any letters, marks, digits, punctuation and symbols (emoji, RTL scripts, markup).
plain_texts = st.text(
    alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=40
).filter(str.strip)
# About half plain, half hostile, so that examples both save and fail.
texts = st.one_of(plain_texts, st.lists(_pieces, max_size=5).map("".join), _long)

# Numbers as a form receives them: huge, negative, not numbers at all.
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=1, max_value=40).map(str),  # small enough to be a real row's id now and then
    st.sampled_from(["", "0", "-1", "1.5", "1e9", "9" * 5000, "NaN", "inf", "١", "0x10", "1_0", " 3 "]),
    texts,
)


def choice(values):
    """A choice field's value: as often one of its own as anything else."""
    return st.one_of(st.sampled_from(list(values)), st.one_of(numbers, texts))


def choices(values, max_size=4):
    return st.lists(choice(values), max_size=max_size)


# Dates, posted as the GOV.UK date input's day, month and year.
_parts = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.sampled_from(
        ["", " ", "0", "00", "1", "29", "30", "31", "32", "2", "13", "0000", "0001", "1899", "9999", "10000"]
        + ["٣", "２０２６", "1e3", "0x1f", "1_000", "+5", "-1", " 7 ", "12\x00"]
    ),
    texts,
)


def date_parts(min_value=datetime.date(1, 1, 1)):
    """(day, month, year) as text: often a real date on or after `min_value`, often not a date at all."""
    real = st.dates(min_value=min_value, max_value=datetime.date(9999, 12, 31)).map(
        lambda d: (str(d.day), str(d.month), str(d.year))
    )
    return st.one_of(real, st.tuples(_parts, _parts, _parts))


def with_date(data: dict, name: str, parts: tuple) -> dict:
    return {**data, f"{name}_0": parts[0], f"{name}_1": parts[1], f"{name}_2": parts[2]}


def posted_date(data: dict, name: str) -> datetime.date:
    """The date a saved form read from `name`_0.._2 (the form accepted them, so they are numbers)."""
    day, month, year = (browser_text(data[f"{name}_{i}"]).strip() for i in range(3))
    return datetime.date(int(year), int(month), int(day))


# Files: random bytes, real file signatures with rubbish after them, misleading names, empty files.
SIGNATURES = [b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\xef\xbb\xbf"]
FILE_NAMES = [
    "audit.pdf",
    "AUDIT.PDF",
    "report.docx",
    "sheet.xlsx",
    "data.csv",
    "photo.png",
    "photo.jpeg",
    "notes.odt",
    "evil.pdf.exe",
    "archive.zip",
    "no-extension",
    ".pdf",
    "../../etc/passwd.pdf",
    "C:\\temp\\a.pdf",
    "<script>.pdf",
    "a\x00.pdf",
    "x" * 300 + ".pdf",
    "تقرير.csv",
    "😀.png",
    "con.pdf",
]


def file_contents(known: list[bytes]):
    return st.one_of(
        st.binary(max_size=2000),
        st.builds(operator.add, st.sampled_from(SIGNATURES), st.binary(max_size=2000)),
        st.sampled_from([b"", *known]),
    )


file_names = st.one_of(
    st.sampled_from(FILE_NAMES),
    st.builds(operator.add, plain_texts.filter(lambda s: not set(s) & set("\"'/\\;")), st.sampled_from(FILE_NAMES)),
)


def files(good: list[tuple[str, bytes]]):
    """(name, content) of one upload: as often a good file as a hostile one."""
    return st.one_of(st.sampled_from(good), st.tuples(file_names, file_contents([content for _, content in good])))


# Posting


def browser_text(value: str) -> str:
    """What the server reads for `value`: a lone surrogate cannot be encoded, so the bytes tried arrive as U+FFFD."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def cleaned_text(value: str) -> str:
    """What a text field saves from `value`: Django's CharField strips it."""
    return browser_text(value).strip()


def post_form(client, url, data: dict):
    """POST `data` form-encoded, lone surrogates sent as the bytes a faulty client would send."""
    body = urlencode(data, doseq=True, encoding="utf-8", errors="surrogatepass")
    return client.post(url, body, content_type="application/x-www-form-urlencoded")


def sendable(data: dict) -> dict:
    """`data` as the test client's multipart encoder can send it (it refuses lone surrogates)."""
    return {
        key: [browser_text(v) for v in value] if isinstance(value, list) else browser_text(value)
        for key, value in data.items()
    }


# Checking


@contextmanager
def rolled_back():
    """One example in its own savepoint, undone after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def database_state() -> dict:
    """Every row of our apps (history included), to show that a refused post changed nothing."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
    }


def files_under(root) -> list[Path]:
    root = Path(root)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def saved(response, before: dict) -> bool:
    """True for a redirect after a save; otherwise checks the form came back with its errors and nothing changed."""
    assert response.status_code in (200, 302), response.status_code
    if currently_in_test_context():
        event(f"answered {response.status_code}")  # --hypothesis-show-statistics shows how many saved
    if response.status_code == 302:
        return True
    assert "govuk-error-summary" in response.content.decode(), "a form shown again must say what is wrong"
    assert database_state() == before, "a refused post must change nothing"
    return False


def assert_storable(instance):
    """What PostgreSQL would refuse and SQLite lets through: NUL in text, text longer than its column."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            assert "\x00" not in value, field.name
            if isinstance(field, models.CharField | models.TextField) and field.max_length:
                assert len(value) <= field.max_length, field.name
