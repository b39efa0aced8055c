"""White space a PDF shows counts towards the text the scan reads, as it does for the other formats.

A page of blank strings gives pypdf's extraction nothing but spaces; the scan keeps no
part for it, but the characters still count against attachment_text.MAX_CHARACTERS, so
pages of white space cannot be read without end.
"""

import io

from partnerships import attachment_text, filetypes
from tests.support import crafted_files


def test_pages_of_blank_strings_reach_the_limit_of_text(monkeypatch):
    monkeypatch.setattr(attachment_text, "MAX_CHARACTERS", 1_000)
    stream = io.BytesIO(crafted_files.pdf_pages_sharing_a_stream(400, pages=5))
    result = attachment_text.read_text(stream, filetypes.detect(stream), "blank.pdf")
    assert result.parts == []
    assert result.problem == "it holds more text than the check reads (1,000 characters)"


def test_a_page_of_text_within_the_limit_is_read(monkeypatch):
    monkeypatch.setattr(attachment_text, "MAX_CHARACTERS", 1_000)
    stream = io.BytesIO(crafted_files.pdf_pages_sharing_a_stream(100, pages=2))
    result = attachment_text.read_text(stream, filetypes.detect(stream), "short.pdf")
    assert result.problem == ""
