"""File readers: format sniffing, text/HTML/DOCX/PDF extraction, and clear errors for bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from classifier.errors import UnreadableInput, UnsupportedFormat
from classifier.paths import DATA_DIR
from classifier.reading import read_bytes, read_file
from classifier.reading.docx import MAX_DOCUMENT_XML
from classifier.reading.pdf import MAX_PAGES

SAMPLES = DATA_DIR / "samples"


# Inputs are built at test time so no binary fixtures are committed.


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one text line per entry, Helvetica, pages in order (ASCII text only)."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for pid, lines in zip(page_ids, pages, strict=True):
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {pid + 1} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx(paragraphs_before: list[str], table: list[list[str]], paragraphs_after: list[str]) -> bytes:
    """A .docx with paragraphs, one table, then more paragraphs."""
    document = docx.Document()
    for text in paragraphs_before:
        document.add_paragraph(text)
    grid = document.add_table(rows=0, cols=len(table[0]))
    for row in table:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for text in paragraphs_after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- plain text ---------------------------------------------------------------------------------------


def test_sample_text_advert() -> None:
    advert = read_file(SAMPLES / "hcsw_band3.txt")
    assert advert.source_format == "text"
    assert advert.title == "Healthcare Support Worker - Willow Ward (Adult Acute Inpatient)"
    names = [s.name for s in advert.sections]
    assert names[:4] == ["summary", "duties", "about", "person_spec"]
    assert names.count("essential") == 2 and names.count("desirable") == 2
    assert advert.section_at(advert.text.index("Care Certificate, or willing")) == "desirable"
    assert advert.section_at(advert.text.index("GCSE English and maths")) == "essential"
    assert advert.section_at(advert.text.index("1:1 therapeutic observation")) == "duties"
    assert advert.section_at(advert.text.index("Trainee Nursing Associate programme")) == "summary"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Job summary\r\nPay £24,937\r\n".encode(), "Job summary\nPay £24,937\n"),
        (b"\xef\xbb\xbfJob summary\nPay \xc2\xa324,937\n", "Job summary\nPay £24,937\n"),
        (b"Job summary\nPay \xa324,937 \x96 negotiable\n", "Job summary\nPay £24,937 – negotiable\n"),
        ("Job summary\nPay £1\n".encode("utf-16"), "Job summary\nPay £1\n"),
    ],
)
def test_text_decoding(data: bytes, expected: str) -> None:
    advert = read_bytes(data, filename="advert.txt")
    assert advert.text == expected
    assert advert.sections[0].name == "summary"


# --- HTML ---------------------------------------------------------------------------------------------


def test_sample_html_advert() -> None:
    advert = read_file(SAMPLES / "peer_support_worker.html")
    text = advert.text
    assert advert.source_format == "html"
    assert advert.title == "Peer Support Worker"
    for chrome in ("Sign in", "dataLayer", "font-family", "Accessibility statement", "Apply now"):
        assert chrome not in text
    for heading in ("Job summary", "Main duties of the job", "About us", "Person Specification", "Essential"):
        assert f"\n{heading}\n" in text
    assert "• Co-facilitate recovery groups with clinical colleagues.\n" in text
    assert [s.name for s in advert.sections] == [
        "summary",
        "duties",
        "about",
        "other",
        "other",
        "duties",
        "person_spec",
        "essential",
        "desirable",
        "essential",
        "desirable",
    ]
    assert advert.section_at(text.index("Lived experience of mental health")) == "essential"
    assert advert.section_at(text.index("group work or volunteering")) == "desirable"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("<title>Support Worker | Hollin Valley Careers</title>", "Support Worker"),
        ("<title>Job advert: Ward Clerk - NHS Jobs</title>", "Job advert: Ward Clerk"),
        ('<meta property="og:title" content="Recovery Worker"><title>Jobs</title>', "Recovery Worker"),
    ],
)
def test_html_title_without_h1(head: str, title: str) -> None:
    page = f"<html><head>{head}</head><body><p>We are recruiting.</p></body></html>"
    assert read_bytes(page.encode(), filename="page.html").title == title


def test_html_site_name_h1_is_not_the_title() -> None:
    page = "<html><head><title>Recruitment Administrator | Hollin Valley Careers</title></head>"
    page += "<body><h1>NHS Jobs</h1><p>We are recruiting.</p></body></html>"
    assert read_bytes(page.encode(), filename="page.html").title == "Recruitment Administrator"


def test_html_is_sniffed_from_markup_whatever_the_name() -> None:
    page = b"<!DOCTYPE html><html><body><h2>Job summary</h2><p>Helping people.</p></body></html>"
    advert = read_bytes(page, filename="advert.txt")
    assert advert.source_format == "html"
    assert advert.text == "Job summary\n\nHelping people."
    assert (
        read_bytes(b"<div>Job summary</div>", media_type="text/html; charset=utf-8").source_format == "html"
    )


def test_html_person_spec_table_and_whole_page_form() -> None:
    page = (
        "<html><body><form id='aspnetForm'><h1>Nursing Assistant</h1><h2>Person specification</h2>"
        "<table><tr><th>Criteria</th><th>Essential</th><th>Desirable</th></tr>"
        "<tr><td>Qualifications</td><td>GCSE English</td><td>NVQ Level 3</td></tr></table>"
        "</form></body></html>"
    )
    advert = read_bytes(page.encode(), filename="page.htm")
    assert advert.title == "Nursing Assistant"
    assert "Essential: GCSE English" in advert.text
    assert advert.section_at(advert.text.index("NVQ Level 3")) == "desirable"


# --- DOCX ---------------------------------------------------------------------------------------------

PERSON_SPEC_TABLE = [
    ["Criteria", "Essential", "Desirable"],
    ["Qualifications", "Degree or equivalent experience", "Psychology degree"],
    ["Experience", "Working with people in distress", "Work in an NHS Talking Therapies service"],
]


def test_docx_paragraphs_and_person_spec_table_in_order() -> None:
    data = make_docx(
        [
            "Job Description",
            "Job title: Trainee Psychological Wellbeing Practitioner",
            "",
            "Person specification",
        ],
        PERSON_SPEC_TABLE,
        ["What we offer", "A salaried training place."],
    )
    advert = read_bytes(data, filename="trainee_pwp.docx")
    text = advert.text
    assert advert.source_format == "docx"
    assert advert.title == "Trainee Psychological Wellbeing Practitioner"
    assert text.index("Person specification") < text.index("Qualifications") < text.index("What we offer")
    assert "Criteria" not in text  # the header row only says which column is which
    assert advert.section_at(text.index("Degree or equivalent")) == "essential"
    assert advert.section_at(text.index("Psychology degree")) == "desirable"
    assert advert.section_at(text.index("Working with people")) == "essential"
    assert advert.section_at(text.index("NHS Talking Therapies")) == "desirable"
    assert advert.section_at(text.index("A salaried")) == "benefits"


@pytest.mark.parametrize(
    ("table", "label"),
    [
        ([["Attribute", "Essential", "Desirable"], ["Full driving licence", "", "✓"]], "Desirable"),
        ([["Attribute", "E/D", "How assessed"], ["Full driving licence", "E", "Application"]], "Essential"),
    ],
)
def test_docx_marked_columns(table: list[list[str]], label: str) -> None:
    advert = read_bytes(make_docx(["Person Specification"], table, []), filename="spec.docx")
    assert f"{label}: Full driving licence" in advert.text
    assert advert.section_at(advert.text.index("Full driving")) == label.lower()


def test_docx_key_value_table() -> None:
    data = make_docx([], [["Job title", "Support Worker"], ["Band", "3"]], ["Job purpose", "To help."])
    advert = read_bytes(data)
    assert advert.text.startswith("Job title: Support Worker\nBand: 3\n")
    assert advert.title == "Support Worker"


def test_docx_reads_inside_content_controls() -> None:
    document = docx.Document()
    heading = document.add_paragraph("Main duties of the job")
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control.append(content)
    heading._p.addprevious(control)
    content.append(heading._p)
    document.add_paragraph("Support people with their recovery plans.")
    buffer = io.BytesIO()
    document.save(buffer)
    advert = read_bytes(buffer.getvalue())
    assert advert.text == "Main duties of the job\nSupport people with their recovery plans."
    assert [s.name for s in advert.sections] == ["duties"]


def test_docx_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (MAX_DOCUMENT_XML + 1))
    with pytest.raises(UnreadableInput, match="too large"):
        read_bytes(buffer.getvalue(), filename="bomb.docx")


# --- PDF ----------------------------------------------------------------------------------------------


def test_pdf_pages_and_sections() -> None:
    data = make_pdf(
        [
            ["Job Title: Assistant Psychologist", "Job Purpose", "To support the psychology team."],
            ["Person Specification", "Essential: Psychology degree", "Desirable: Work in a care setting"],
        ]
    )
    advert = read_bytes(data, filename="jd.pdf")
    assert advert.source_format == "pdf"
    assert advert.title == "Assistant Psychologist"
    assert advert.text.index("psychology team") < advert.text.index("Person Specification")
    assert [s.name for s in advert.sections] == ["summary", "person_spec", "essential", "desirable"]
    assert advert.section_at(advert.text.index("care setting")) == "desirable"


def test_pdf_reads_at_most_max_pages() -> None:
    data = make_pdf([[f"Page marker {n:03d}"] for n in range(1, MAX_PAGES + 2)])
    text = read_bytes(data).text
    assert f"Page marker {MAX_PAGES:03d}" in text
    assert f"Page marker {MAX_PAGES + 1:03d}" not in text


def test_pdf_with_no_text_is_unreadable() -> None:
    with pytest.raises(UnreadableInput, match="no text"):
        read_bytes(make_pdf([[]]), filename="scan.pdf")


# --- errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"<html><body>  </body></html>"])
def test_empty_input_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match="no text"):
        read_bytes(data, filename="advert.txt")


@pytest.mark.parametrize(
    ("data", "filename", "mention"),
    [
        (bytes(range(256)) * 8, "advert.bin", "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "advert.png", "PNG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "advert.doc", ".docx"),
        (b"{\\rtf1\\ansi Job summary}", "advert.rtf", "RTF"),
    ],
)
def test_unsupported_formats_name_the_accepted_types(data: bytes, filename: str, mention: str) -> None:
    with pytest.raises(UnsupportedFormat, match="Accepted formats") as caught:
        read_bytes(data, filename=filename)
    assert mention in str(caught.value)


def test_zip_that_is_not_docx_is_unsupported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormat, match="not a Word"):
        read_bytes(buffer.getvalue(), filename="sheet.zip")


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"PK\x03\x04" + b"\x00\x01garbage" * 20, "broken.docx"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref", "broken.pdf"),
        (make_pdf([["Job summary"]])[:200], "truncated.pdf"),
        (b"Just some text that claims to be a PDF", "advert.pdf"),
        (b"Just some text that claims to be a DOCX", "advert.docx"),
    ],
)
def test_corrupt_documents_are_unreadable_with_a_clear_message(data: bytes, filename: str) -> None:
    with pytest.raises(UnreadableInput) as caught:
        read_bytes(data, filename=filename)
    assert type(caught.value) is UnreadableInput
    assert "PDF" in str(caught.value) or "DOCX" in str(caught.value)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match=r"missing\.txt"):
        read_file(tmp_path / "missing.txt")
