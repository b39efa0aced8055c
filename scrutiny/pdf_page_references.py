"""Make pydyf's `PDF.page_references` cost one lookup instead of one pass over every page.

pydyf 0.13 builds the tuple of every page's reference each time the property is read, and
WeasyPrint's PDF/UA tagging reads it once per tagged element: on a 100-page report that is
millions of formatted strings, about a tenth of the render. The replacement keeps the tuple and
builds it again only when a page has been added since, so what it returns is always what
pydyf's own property would.

Applied only to the pydyf version it was written against: after an upgrade the original
property is left alone until someone checks that it still needs this.
"""

import pydyf

PATCHED_VERSION = "0.13.0"


def _cached_page_references(pdf):
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_page_references_cache")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references_cache"] = cached
    return cached[1]


def install() -> bool:
    """Replace the property on pydyf.PDF; returns whether it was (or already is) replaced."""
    if pydyf.__version__ != PATCHED_VERSION:
        return False
    if not getattr(pydyf.PDF.page_references, "is_cached_variant", False):
        replacement = property(_cached_page_references)
        replacement.fget.is_cached_variant = True
        pydyf.PDF.page_references = replacement
    return True
