"""The title used and its source travel from the reader to every face: the Analysis, the API, batch's flat
columns and `mhsw analyse --format text`; a found title puts the role right where no title would not."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from batch.layout import BASE_FIELDS, flat_record, output_row
from batch.rows import Row
from classifier.pipeline import Analyser
from classifier.reading import from_text, read_bytes
from mhsw.summary import text_summary

ROOT = Path(__file__).resolve().parent.parent
PEER_ADVERT = (
    "Peer Support Worker - Community Wellbeing Service\n\n"
    "About the role\nYou will draw on your own lived experience of mental ill health to walk alongside people "
    "using our community service, helping them to set goals, build confidence and connect with groups in "
    "their area. You will be supervised by a senior practitioner and take part in team meetings.\n"
)


def test_analysis_carries_a_guessed_title_and_the_role_follows_it(analyser: Analyser) -> None:
    analysis = analyser.analyse(from_text(PEER_ADVERT))
    assert (analysis.title, analysis.title_source) == (
        "Peer Support Worker - Community Wellbeing Service",
        "guessed",
    )
    assert analysis.role.id == "peer_support_worker"


def test_given_title_is_reported_as_given(analyser: Analyser) -> None:
    analysis = analyser.analyse(PEER_ADVERT, title="Peer Support Worker")
    assert (analysis.title, analysis.title_source) == ("Peer Support Worker", "given")


def test_no_title_found_gives_null_source(analyser: Analyser) -> None:
    analysis = analyser.analyse(
        "We are recruiting for our busy ward. You will work shifts and help patients."
    )
    assert analysis.title is None and analysis.title_source is None
    assert "Title:         (none found)" in text_summary(analysis)


def test_text_summary_names_the_source(analyser: Analyser) -> None:
    summary = text_summary(analyser.analyse(from_text("Job title: Ward Clerk\nWe are recruiting.")))
    assert "Title:         Ward Clerk  (from: a 'Job title' field)" in summary


def test_batch_flat_record_has_title_source(analyser: Analyser) -> None:
    assert "title_source" in {field.name for field in BASE_FIELDS}
    advert = from_text(PEER_ADVERT, id="a")
    flat = flat_record(1, output_row(Row("a", advert=advert), analyser.analyse(advert)), ())
    assert flat["title_source"] == "guessed" and flat["title"].startswith("Peer Support Worker")


def _word_file(heading: str, style: str, body: list[str]) -> bytes:
    document = docx.Document()
    document.add_paragraph(heading, style=style)
    for line in body:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_title_style_is_the_heading() -> None:
    data = _word_file(
        "Recovery Worker", "Title", ["Hollin Valley Mind", "You will support people in recovery."]
    )
    advert = read_bytes(data, filename="advert.docx")
    assert (advert.title, advert.title_source) == ("Recovery Worker", "heading")


def test_docx_heading_that_names_the_document_gives_way_to_the_field() -> None:
    data = _word_file("Job Description", "Heading 1", ["Job title: Assistant Psychologist", "Band: 4"])
    advert = read_bytes(data, filename="advert.docx")
    assert (advert.title, advert.title_source) == ("Assistant Psychologist", "field")


def test_html_h1_is_the_heading() -> None:
    page = "<html><body><h1>Peer Support Worker</h1><p>Job title: Ward Clerk</p><p>We are recruiting.</p></body></html>"
    advert = read_bytes(page.encode(), filename="advert.html")
    assert (advert.title, advert.title_source) == ("Peer Support Worker", "heading")


def _mhsw(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("extra", "line"),
    [
        (
            (),
            "Title:         Peer Support Worker - Community Wellbeing Service  (from: guessed from the first lines)",
        ),
        (("--title", "Peer Support Worker"), "Title:         Peer Support Worker  (from: given)"),
    ],
)
def test_cli_text_format_prints_title_and_source(extra: tuple[str, ...], line: str) -> None:
    result = _mhsw("analyse", "-", "--format", "text", *extra, stdin=PEER_ADVERT)
    assert result.returncode == 0, result.stderr
    assert line in result.stdout.splitlines()


def test_cli_json_has_title_source() -> None:
    result = _mhsw("analyse", "-", stdin="Job title: Ward Clerk\nWe are recruiting.\n")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title_source"] == "field"


def test_upload_with_a_title_field_reports_given_and_without_reports_where_found(analyser: Analyser) -> None:
    from service.engine import Engine

    engine = Engine(analyser)
    page = b"<html><body><h1>Peer Support Worker</h1><p>We are recruiting.</p></body></html>"
    found = engine.read(page, "advert.html", "text/html", None)
    assert (found.title, found.title_source) == ("Peer Support Worker", "heading")
    given = engine.read(page, "advert.html", "text/html", "  Recovery Worker ")
    assert (given.title, given.title_source) == ("Recovery Worker", "given")
