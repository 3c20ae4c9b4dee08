"""Readers: plain text, HTML, DOCX and PDF to an `Advert` with a title and labelled sections."""

from classifier.reading.files import read_bytes, read_file
from classifier.reading.sections import detect_sections
from classifier.reading.text import from_text
from classifier.reading.title import guess_title

__all__ = ["detect_sections", "from_text", "guess_title", "read_bytes", "read_file"]
