"""Files and uploads (bytes) to `Advert`: sniff the format, extract text, then split it as plain text."""

from __future__ import annotations

from pathlib import Path

from classifier.errors import UnreadableInput
from classifier.reading.sniff import looks_like_html, sniff
from classifier.reading.text import decode_text, make_advert, normalise_newlines
from classifier.schema import Advert

MAX_BYTES = 50 * 1024 * 1024
_KIND = {"text": "file", "html": "HTML page", "docx": "DOCX file", "pdf": "PDF"}


def read_bytes(data: bytes, filename: str | None = None, media_type: str | None = None) -> Advert:
    """An advert from file content; the format comes from magic bytes, then `filename` / `media_type`."""
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    fmt = sniff(data, filename, media_type)
    heading: str | None = None  # a title the format shows as such: HTML <h1>/<title>, DOCX heading
    if fmt == "pdf":
        from classifier.reading.pdf import pdf_to_text  # format libraries load on first use: fast start-up

        text = pdf_to_text(data)
    elif fmt == "docx":
        from classifier.reading.docx import docx_text_and_heading

        text, heading = docx_text_and_heading(data)
    else:
        text = normalise_newlines(decode_text(data))
        if fmt == "html" or looks_like_html(text):
            fmt = "html"
            from classifier.reading.html import html_to_text

            text, heading = html_to_text(text)
    if not text.strip():
        hint = " (a scanned PDF has only images; an OCR'd copy is needed)" if fmt == "pdf" else ""
        raise UnreadableInput(f"The {_KIND[fmt]} contains no text to analyse{hint}.")
    return make_advert(text, None, None, fmt, heading=heading)


def read_file(path: Path) -> Advert:
    """An advert from a file on disk (text, HTML, DOCX or PDF)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UnreadableInput(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
    return read_bytes(data, filename=path.name)
