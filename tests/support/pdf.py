"""Reading a built report back, as a person would read its text."""

import io
import re

from pypdf import PdfReader


def pdf_of(report) -> PdfReader:
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def text_of(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Text with the line breaks the layout made taken out, to find phrases that wrapped."""
    return re.sub(r"\s+", "", text)
