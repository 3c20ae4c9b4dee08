"""Which reader a file needs: magic bytes first, then the file name's extension or the declared media type.

Magic bytes win because uploads are often misnamed; the name or media type only decides between plain text
and HTML, and turns "this .pdf is not a PDF" into a clear message.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePath
from typing import Literal

from classifier.errors import UnreadableInput, UnsupportedFormat

Format = Literal["text", "html", "docx", "pdf"]

ACCEPTED = "Accepted formats: plain text (.txt), HTML (.html, .htm), Word (.docx) and PDF (.pdf)."
_PDF_MAGIC_WINDOW = 1024  # PDF readers accept junk before the %PDF header
_SNIFF_BYTES = 8192
_EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf",
}  # fmt: skip
_MEDIA_TYPES: dict[str, Format] = {
    "text/plain": "text",
    "text/markdown": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_OTHER_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "a legacy Word .doc (or other Office 97-2003) file: save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document: save it as .docx or PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_HTML_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|h[1-6]|ul|ol|table|article|section|main|span|br)\b",
    re.IGNORECASE,
)
_TEXT_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def declared_format(filename: str | None, media_type: str | None) -> Format | None:
    """The format the caller's file name or media type claims, if any."""
    if media_type:
        claimed = _MEDIA_TYPES.get(media_type.split(";", 1)[0].strip().lower())
        if claimed:
            return claimed
    if filename:
        return _EXTENSIONS.get(PurePath(filename).suffix.lower())
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_TEXT_BOMS):
        return False
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return b"\x00" in head or controls > len(head) // 20


def looks_like_html(text: str) -> bool:
    """Markup at the start of the text: a document or fragment that begins with an HTML tag."""
    head = text[:_SNIFF_BYTES].lstrip("\ufeff \t\r\n")
    return head.startswith("<") and _HTML_MARKUP.search(head, 0, 2048) is not None


def sniff(data: bytes, filename: str | None = None, media_type: str | None = None) -> Format:
    """The reader for `data`.

    Raises `UnsupportedFormat` for other kinds of file and `UnreadableInput` when `data` is not what its name
    or media type claims.
    """
    declared = declared_format(filename, media_type)
    if b"%PDF-" in data[:_PDF_MAGIC_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if declared == "docx" or _is_docx(data):
            return "docx"
        raise UnsupportedFormat(f"The file is a zip archive but not a Word .docx document. {ACCEPTED}")
    for magic, description in _OTHER_BINARIES:
        if data.startswith(magic):
            raise UnsupportedFormat(f"The file is {description}. {ACCEPTED}")
    if declared in ("pdf", "docx"):
        kind = "PDF" if declared == "pdf" else "DOCX (Word)"
        raise UnreadableInput(f"The file is named or declared as {kind} but is not a valid {kind} file.")
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise UnsupportedFormat(f"The file is binary data of an unknown type. {ACCEPTED}")
    return declared or "text"
