"""The recruiter page without a browser: markup (labels, landmarks, no inline script), assets served from
the package (no CDN), safe DOM use in the script, and contrast of the highlight colours."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import NoReturn

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.page import STATIC_DIR
from service.settings import Settings

CSS = (STATIC_DIR / "mhsw.css").read_text(encoding="utf-8")
SCRIPT = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
KINDS = ("qualification", "skill", "pathway", "issue")
TEXT_COLOUR = "#212b32"  # NHS.UK body text


class Page(HTMLParser):
    """Collects the tags and attributes the checks below need."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline_script = False
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {key: value or "" for key, value in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_script = True

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    never = threading.Event()

    def loader() -> NoReturn:  # the page needs no model
        never.wait(30)
        raise RuntimeError("not loaded in these tests")

    with TestClient(create_app(Settings(), loader=loader)) as test_client:
        yield test_client
    never.set()


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_page_markup_is_accessible_and_has_no_inline_code(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = parse(response.text)
    assert page.all("html")[0]["lang"] == "en-GB"
    assert any(meta.get("name") == "viewport" for meta in page.all("meta"))
    assert not page.inline_script
    assert all(script.get("src", "").startswith("/static/") for script in page.all("script"))
    assert not [
        attrs for _, attrs in page.tags if "style" in attrs or any(key.startswith("on") for key in attrs)
    ]
    labelled = {label["for"] for label in page.all("label")}
    controls = [attrs["id"] for name, attrs in page.tags if name in ("input", "textarea", "select")]
    assert controls and set(controls) <= labelled
    assert page.all("a")[0]["href"] == "#maincontent" and page.all("main")[0]["id"] == "maincontent"
    assert len(page.all("h1")) == 1
    assert any(attrs.get("aria-live") == "polite" for _, attrs in page.tags)
    assert any(attrs.get("role") == "alert" for _, attrs in page.tags)
    assert page.all("textarea")[0].get("aria-describedby") == "text-hint"


def test_every_asset_is_served_locally(client: TestClient) -> None:
    for path in ("/", "/docs"):
        page = parse(client.get(path).text)
        links = [link["href"] for link in page.all("link") if link["href"] != "data:,"]  # "no favicon"
        assets = links + [script["src"] for script in page.all("script")]
        assert assets
        for asset in assets:
            assert asset.startswith("/static/"), asset
            assert client.get(asset).status_code == 200, asset
        assert not page.inline_script


def test_stylesheet_is_nhsuk_frontend_without_remote_urls() -> None:
    assert ".nhsuk-button" in CSS and ".nhsuk-error-summary" in CSS and ".nhsuk-summary-list" in CSS
    assert "@font-face" not in CSS and "@import" not in CSS
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", CSS)
    for kind in KINDS:
        assert f".mhsw-mark--{kind}" in CSS and f".mhsw-swatch--{kind}" in CSS
        assert f'"{kind}"' in SCRIPT or f"{kind}:" in SCRIPT


def test_script_never_writes_html_and_only_calls_this_service() -> None:
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert unsafe not in SCRIPT
    urls = re.findall(r"fetch\(\s*\"([^\"]+)\"", SCRIPT)
    assert urls == ["/v1/analyse/file", "/v1/analyse"]
    assert "Array.from(text)" in SCRIPT  # span offsets count code points, as Python's do


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("kind", KINDS)
def test_highlight_colours_meet_wcag_aa(kind: str) -> None:
    rule = re.search(rf"\.mhsw-mark--{kind},\.mhsw-swatch--{kind}\{{([^}}]*)\}}", CSS)
    assert rule, kind
    background = re.search(r"background-color:(#[0-9a-f]{6})", rule.group(1))
    line = re.search(r"border-bottom:3px (\w+) (#[0-9a-f]{6})", rule.group(1))
    assert background and line
    assert contrast(TEXT_COLOUR, background.group(1)) >= 4.5  # text on the highlight (1.4.3)
    assert contrast(line.group(2), background.group(1)) >= 3.0  # the underline is visible (1.4.11)
    assert contrast(line.group(2), "#ffffff") >= 3.0


def test_built_css_is_committed_with_its_source() -> None:
    source = Path(__file__).resolve().parent.parent / "service" / "assets" / "mhsw.scss"
    assert source.is_file() and "nhsuk-frontend" in source.read_text(encoding="utf-8")
    assert (STATIC_DIR / "swagger" / "swagger-ui-bundle.js").is_file()
