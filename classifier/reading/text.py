"""Plain text in, `Advert` out; also how bytes that claim to be text are decoded."""

from __future__ import annotations

import codecs

from classifier.reading.sections import detect_sections
from classifier.reading.sniff import Format
from classifier.reading.title import guess_title
from classifier.schema import Advert


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), or UTF-16 with a BOM; anything else is read as Windows-1252, which never fails."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_advert(text: str, title: str | None, id: str | None, source_format: Format) -> Advert:
    """An `Advert` over `text` exactly as given, with sections and a title (guessed when none is given)."""
    given = title.strip() if title else ""
    return Advert(
        id=id,
        title=given or guess_title(text),
        text=text,
        sections=detect_sections(text),
        source_format=source_format,
    )


def from_text(text: str, title: str | None = None, id: str | None = None) -> Advert:
    """An advert from plain text; span offsets index into `text` unchanged."""
    return make_advert(text, title, id, "text")
