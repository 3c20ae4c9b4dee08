"""The readers refuse hostile files with a message naming the limit, and still read ordinary ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import (
    billion_laughs_xml,
    docx_bomb,
    docx_with_document,
    many_pages_pdf,
    nested_html,
    operator_heavy_pdf,
    wide_html,
)

from classifier.errors import UnreadableInput
from classifier.reading import read_bytes
from classifier.reading.budget import MAX_HTML_DEPTH, check_html

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.mark.parametrize(
    ("name", "make", "filename", "message"),
    [
        ("500 nested tables", lambda: nested_html(500), "page.html", "nested more than"),
        ("200,000 elements", lambda: wide_html(200_000), "page.html", "100,000 elements"),
        ("operator-heavy PDF", lambda: operator_heavy_pdf(300_000), "advert.pdf", "drawing instructions"),
        ("lying zip bomb", lambda: docx_bomb(200_000_000), "advert.docx", "not what its headers declare"),
        ("honest zip bomb", lambda: docx_bomb(200_000_000, lie=False), "advert.docx", "too large"),
    ],
)
def test_hostile_files_are_refused_naming_the_limit(name: str, make, filename: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnreadableInput, match=message):
        read_bytes(make(), filename=filename)


def test_a_zip_part_compressed_too_hard_is_refused() -> None:
    import io
    import zipfile

    from classifier.reading.zipcheck import check_members

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * 5_000_000)
    with zipfile.ZipFile(buffer) as archive, pytest.raises(UnreadableInput, match="over 200 to 1"):
        check_members(archive, 100_000_000)


def test_billion_laughs_is_not_expanded() -> None:
    try:
        advert = read_bytes(docx_with_document(billion_laughs_xml()), filename="advert.docx")
    except UnreadableInput:
        return
    assert len(advert.text) < 10_000  # entities were not expanded into a billion "lol"s


def test_a_pdf_of_many_empty_pages_reads_only_the_first_pages() -> None:
    with pytest.raises(UnreadableInput, match="no text"):
        read_bytes(many_pages_pdf(5000), filename="advert.pdf")


def test_html_budget_counts_real_nesting_only() -> None:
    check_html("<div>" * MAX_HTML_DEPTH + "</div>" * MAX_HTML_DEPTH)
    check_html("<p>one<p>two<br><li>three" * 10_000)  # omitted end tags and void elements do not nest
    with pytest.raises(UnreadableInput, match="nested"):
        check_html("<div>" * (MAX_HTML_DEPTH + 1))


def test_ordinary_samples_still_read() -> None:
    for path in SAMPLES.iterdir():
        assert read_bytes(path.read_bytes(), filename=path.name).text.strip()
