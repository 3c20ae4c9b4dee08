"""PDF to plain text with pypdf, page by page.

Only the first `MAX_PAGES` pages are read: an advert or job description is a few pages, and a huge PDF must
not tie up a worker. Any pypdf failure becomes `UnreadableInput` with a message a user can act on.
"""

from __future__ import annotations

import io
import re

from pypdf import PageObject, PdfReader

from classifier.errors import UnreadableInput
from classifier.reading.budget import check_pdf_page

MAX_PAGES = 50
_MANY_BREAKS = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")


def _page_text(page: PageObject, number: int, total: list[int]) -> str:
    """One page's text, once its content stream is within budget (operator-heavy pages are refused);
    `total` carries the bytes of the pages before it."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    total[0] += size
    check_pdf_page(size, number, total[0])
    return page.extract_text() or ""


def pdf_to_text(data: bytes) -> str:
    """The text of the first `MAX_PAGES` pages, pages separated by a blank line."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableInput("The PDF is password-protected: save an unprotected copy and try again.")
        budget = [0]
        pages = [_page_text(page, n, budget) for n, page in enumerate(reader.pages[:MAX_PAGES], start=1)]
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput("The PDF could not be read: it is damaged or not a PDF.") from exc
    text = "\n\n".join(pages).replace("\r\n", "\n").replace("\r", "\n") + "\n"
    return _MANY_BREAKS.sub("\n\n", _TRAILING_SPACES.sub("\n", text)).strip()
