"""Hostile texts, rows and files, made on demand so every attack in issue 11 can be replayed by a test.

Nothing here is real advert text; each generator returns bytes or str small enough to keep in memory but
built to cost a careless reader a lot (quadratic tokenizing, deep recursion, inflating zip parts).
"""

from __future__ import annotations

import io
import json
import zipfile

ADVERSARIAL_ALPHABETS: list[str] = [
    "!", "£", "%", "$", '"', ",", "'s", "😀", "👩\u200d⚕️", "a\u0301", "\u0301", "(", "…", "-", ".",
    "e.g.", "£1,", "\u200b", "x", "'", "?!", "[)", "#", "°C",
]
"""Units repeated without spaces: punctuation, symbols, emoji, combining marks, one long word."""

ORDINARY = (
    "Healthcare Support Worker, band 3. You will support people with mental health needs on a busy ward, "
    "working with the nursing team. Essential: Care Certificate. Salary £24,071 to £25,674 a year.\n"
)


def hostile_texts(chars: int = 100_000) -> dict[str, str]:
    """Texts of `chars` characters: each alphabet repeated, a long tail of "!" on an advert, one huge line."""
    texts = {f"run {unit!r}": (unit * (chars // len(unit) + 1))[:chars] for unit in ADVERSARIAL_ALPHABETS}
    texts["advert with '!' tail"] = (ORDINARY + "!" * chars)[:chars]
    texts["spaced symbols"] = ("£% " * chars)[:chars]
    texts["one line of words"] = ("support" * chars)[:chars]
    for phrase in ("Band 3/", "NVQ Level 3 ", "AB "):  # a band chain, no full stops, a line of capitals
        texts[f"phrase {phrase!r}"] = (phrase * (chars // len(phrase) + 1))[:chars]
    return texts


def deep_json_line(depth: int = 100_000) -> str:
    """One JSONL row whose `text` is an array nested `depth` deep (RecursionError in json.loads)."""
    return '{"id": "deep", "text": ' + "[" * depth + "]" * depth + "}"


def hostile_rows() -> list[str]:
    """JSONL lines that ended whole batch runs: deep nesting, a 5,000-digit id, lone surrogates."""
    return [
        deep_json_line(),
        '{"id": ' + "9" * 5000 + ', "text": "Support worker in a community team."}',
        '{"id": "\\ud800", "text": "Support worker in a community team."}',
        '{"id": "s2", "text": "Support worker \\udfff in a team.", "employer_type": "\\udc00"}',
        '{"id": "ok", "text": "' + "!" * 20_000 + '"}',
    ]


def nested_html(depth: int = 500) -> bytes:
    """Tables nested `depth` deep (500 gave a 500 at once; the parser recursed)."""
    return ("<html><body>" + "<table><tr><td>" * depth + "Support worker" + "</td></tr></table>" * depth
            + "</body></html>").encode()


def wide_html(nodes: int = 200_000) -> bytes:
    """A flat page with `nodes` elements."""
    return ("<html><body>" + "<p>x</p>" * nodes + "</body></html>").encode()


def billion_laughs_xml(levels: int = 10) -> bytes:
    """The classic entity expansion: 10 levels of 10 references."""
    parts = ['<?xml version="1.0"?>', "<!DOCTYPE lolz [", '<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        parts.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    parts.append("]>")
    parts.append(
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        f"<w:t>&lol{levels - 1};</w:t></w:r></w:p></w:body></w:document>"
    )
    return "\n".join(parts).encode()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
    '+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_with_document(document: bytes) -> bytes:
    """A minimal DOCX package whose main part is `document`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def docx_bomb(inflated_bytes: int = 200_000_000, lie: bool = True) -> bytes:
    """A DOCX whose document part inflates to `inflated_bytes`; with `lie`, headers declare 1 KB instead."""
    head = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
    tail = b"</w:p></w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            block = b" " * 1_000_000
            for _ in range(inflated_bytes // len(block)):
                part.write(block)
            part.write(tail)
    data = buffer.getvalue()
    return _declare_small(data) if lie else data


def _declare_small(data: bytes) -> bytes:
    """Rewrite the document part's declared uncompressed size (local and central headers) to 1,000 bytes."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("word/document.xml")
    patched = bytearray(data)
    real = info.file_size
    for width in (8, 4):  # zip64 extra fields, then the 4-byte header fields
        needle = real.to_bytes(width, "little")
        start = 0
        while (at := patched.find(needle, start)) != -1:
            patched[at : at + width] = (1000).to_bytes(width, "little")
            start = at + width
    return bytes(patched)


def operator_heavy_pdf(operators: int = 300_000) -> bytes:
    """A one-page PDF whose content stream holds `operators` drawing operators and one line of text."""
    ops = b"0 0 m 1 1 l S\n" * (operators // 3)
    content = b"BT /F1 12 Tf 72 720 Td (Support worker band 3) Tj ET\n" + ops
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


def many_pages_pdf(pages: int = 5000) -> bytes:
    """A PDF with `pages` empty pages."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def jsonl(rows: list[dict[str, object]]) -> str:
    """Rows as JSONL text."""
    return "".join(json.dumps(row) + "\n" for row in rows)
