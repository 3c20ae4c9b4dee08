"""Word (.docx) to plain text: paragraphs and table rows in document order.

The zip is checked before python-docx opens it, so a zip bomb or a zip that is no Word document gives a clear
`UnreadableInput` instead of exhausting memory or leaking a library exception.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

from classifier.errors import UnreadableInput
from classifier.reading.tables import table_lines
from classifier.reading.title import heading_title
from classifier.reading.zipcheck import check_members

MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 5000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MANY_BREAKS = re.compile(r"\n{3,}")
_TITLE_STYLES = frozenset({"title", "heading 1", "heading 2"})
_HEADING_BLOCKS = 12  # the post's title heads the document; later headings name its sections


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableInput(
            "The DOCX file could not be opened: it is damaged or not a Word document."
        ) from exc
    sizes = {info.filename: info.file_size for info in infos}
    if "word/document.xml" not in sizes:
        raise UnreadableInput(
            "The DOCX file has no document body (word/document.xml): it is not a Word document."
        )
    if (
        sizes["word/document.xml"] > MAX_DOCUMENT_XML
        or sum(sizes.values()) > MAX_TOTAL_UNCOMPRESSED
        or len(infos) > MAX_ENTRIES
    ):
        raise UnreadableInput("The DOCX file is too large to analyse (over 20 MB of document text).")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_members(archive, MAX_TOTAL_UNCOMPRESSED)  # the actual inflated sizes, in bounded steps


def _blocks(parent: _Element, owner: object) -> Iterator[Paragraph | Table]:
    """Body paragraphs and tables in order, looking inside content controls (w:sdt) that templates use."""
    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, owner)  # type: ignore[arg-type]
        elif child.tag == f"{_W}tbl":
            yield Table(child, owner)  # type: ignore[arg-type]
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content, owner)


def _cell_text(cell: _Cell) -> str:
    parts = [
        block.text if isinstance(block, Paragraph) else "\n".join(_table_text(block))
        for block in _blocks(cell._tc, cell)
    ]
    return "\n".join(parts)


def _table_text(table: Table) -> list[str]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell is repeated once per grid column it spans
                continue
            previous = cell._tc
            cells.append(_cell_text(cell))
        rows.append(cells)
    return table_lines(rows)


def _heading_style(paragraph: Paragraph) -> bool:
    """Word's Title style or a top-level heading (Heading 1-2), where a job description names the post."""
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError):  # a style id the styles part does not define
        return False
    return name.lower() in _TITLE_STYLES


def _document_heading(blocks: list[Paragraph | Table]) -> str | None:
    """The first Title-style or heading paragraph among the first blocks that reads as a post's title."""
    for block in blocks[:_HEADING_BLOCKS]:
        if not isinstance(block, Paragraph) or not block.text.strip() or not _heading_style(block):
            continue
        if title := heading_title(block.text):
            return title
    return None


def docx_text_and_heading(data: bytes) -> tuple[str, str | None]:
    """The text of a .docx file (paragraphs one per line, tables as labelled lines) and its heading title."""
    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document.element.body, document))
        lines: list[str] = []
        for block in blocks:
            lines.extend([block.text] if isinstance(block, Paragraph) else _table_text(block))
        heading = _document_heading(blocks)
    except Exception as exc:
        raise UnreadableInput("The DOCX file could not be read: it looks damaged.") from exc
    text = "\n".join(line.rstrip() for line in "\n".join(lines).replace("\r", "\n").split("\n"))
    return _MANY_BREAKS.sub("\n\n", text).strip(), heading


def docx_to_text(data: bytes) -> str:
    """The text of a .docx file, paragraphs one per line and tables as labelled lines."""
    return docx_text_and_heading(data)[0]
