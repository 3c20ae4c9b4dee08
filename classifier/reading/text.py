"""Plain text in, `Advert` out; also how bytes that claim to be text are decoded."""

from __future__ import annotations

import codecs
from datetime import date

from classifier.reading.sections import detect_sections
from classifier.reading.sniff import Format
from classifier.reading.title import find_title
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


def make_advert(
    text: str, title: str | None, id: str | None, source_format: Format, heading: str | None = None
) -> Advert:
    """An `Advert` over `text` exactly as given, with sections and a title: the given one, else one found
    in the text or the reader's `heading` (HTML <h1>/<title>, DOCX heading), with where it came from."""
    given = title.strip() if title else ""
    found = None if given else find_title(text, heading, heading_first=source_format == "html")
    return Advert(
        id=id,
        title=given or (found.title if found else None),
        title_source="given" if given else (found.source if found else None),
        text=text,
        sections=detect_sections(text),
        source_format=source_format,
    )


def from_text(
    text: str, title: str | None = None, id: str | None = None, date_posted: date | None = None
) -> Advert:
    """An advert from plain text; span offsets index into `text` unchanged."""
    advert = make_advert(text, title, id, "text")
    return advert.model_copy(update={"date_posted": date_posted}) if date_posted else advert
