"""Budgets checked before a format library parses a file, so its cost is bounded by numbers we chose.

A 16 KB page of 500 nested tables made the HTML walk recurse past Python's limit (a 500), and a 5 MB page of
nested tables ran for 320 s; a 5 MB PDF of drawing operators ran for over 580 s. The checks here are linear
scans that refuse such files with a message naming the limit (`UnreadableInput`, a 422 from the service,
exit 2 from the CLI, an error row in batch). Real adverts sit far below every limit.
"""

from __future__ import annotations

import re

from classifier.errors import UnreadableInput

MAX_HTML_ELEMENTS = 100_000
"""Tags in one page; a saved NHS Jobs page has a few thousand."""
MAX_HTML_DEPTH = 256
"""Open elements at any point; real pages nest a few dozen deep."""
MAX_PDF_PAGE_CONTENT_BYTES = 512 * 1024
"""Decoded content-stream bytes of one page (text and drawing operators); a page of text is tens of KB."""
MAX_PDF_CONTENT_BYTES = 2 * 1024 * 1024
"""The same over all pages read (pypdf extracts about 0.3-1 MB of operators a second)."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})(?:\s[^<>]{0,4000})?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
     "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup"}
)  # fmt: skip
"""Void elements, and those whose end tag may be omitted: they never count towards depth."""


def check_html(markup: str) -> None:
    """Refuse a page with more than MAX_HTML_ELEMENTS tags or nested deeper than MAX_HTML_DEPTH."""
    depth = elements = 0
    for match in _TAG.finditer(markup):
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise UnreadableInput(f"The HTML page has more than {MAX_HTML_ELEMENTS:,} elements (the limit).")
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _VOID:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > MAX_HTML_DEPTH:
            raise UnreadableInput(f"The HTML page is nested more than {MAX_HTML_DEPTH} elements deep (the limit).")


def check_pdf_page(content_bytes: int, page_number: int, total_bytes: int) -> None:
    """Refuse a page whose content stream is over MAX_PDF_PAGE_CONTENT_BYTES, or pages whose streams total
    over MAX_PDF_CONTENT_BYTES (operator-heavy drawing)."""
    if content_bytes > MAX_PDF_PAGE_CONTENT_BYTES:
        raise UnreadableInput(
            f"Page {page_number} of the PDF holds over {MAX_PDF_PAGE_CONTENT_BYTES // 1024} KB of drawing "
            "instructions (the limit)."
        )
    if total_bytes > MAX_PDF_CONTENT_BYTES:
        raise UnreadableInput(
            f"The PDF holds over {MAX_PDF_CONTENT_BYTES // 2**20} MB of drawing instructions in its first "
            f"{page_number} pages (the limit)."
        )
