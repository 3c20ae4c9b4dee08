"""HTML (a saved job page) to plain text with one block per line, plus the page's job title.

Site chrome (scripts, navigation, page header and footer, forms) is dropped; block elements become line
breaks so headings such as "Main duties of the job" stay on lines of their own for the section splitter.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from classifier.reading.budget import check_html
from classifier.reading.tables import table_lines

_DROP = ["script", "style", "noscript", "template", "svg", "iframe", "button", "select", "nav"]
_CHROME = ["header", "footer", "form"]  # dropped unless they hold the page's main content
_CONTENT = ["main", "article", "h1"]
_PARAGRAPH = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "section", "hr"}
)
_BLOCK = frozenset(
    {
        "div", "li", "tr", "dt", "dd", "address", "article", "aside", "main", "figure", "figcaption",
        "details", "summary", "fieldset", "legend", "caption", "tbody", "thead", "tfoot", "center",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_MANY_BREAKS = re.compile(r"\n{3,}")
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_SITE_NAME = re.compile(r"jobs|careers|vacanc|\.(?:uk|com|org)\b|\btrac\b|indeed", re.IGNORECASE)
_NOT_A_TITLE = re.compile(r"\bjobs\b", re.IGNORECASE)  # "NHS Jobs", "Jobs at ...": a site, not a post
_MAX_TITLE = 150


class _Text:
    """Accumulates inline text and pending line breaks (the largest pending break wins)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = 0

    def brk(self, count: int) -> None:
        self.pending = max(self.pending, count)

    def add(self, text: str) -> None:
        if not text or (self.pending and text.isspace()):
            return
        if self.pending and self.parts:
            self.parts.append("\n" * self.pending)
        self.pending = 0
        self.parts.append(text)

    def newline(self) -> None:
        self.parts.append("\n")
        self.pending = 0

    def result(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return _MANY_BREAKS.sub("\n\n", "\n".join(lines)).strip()


def _render(root: Tag) -> str:
    """Text of `root`, walking the tree iteratively (deeply nested pages must not exhaust the stack)."""
    out = _Text()
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not comments, doctypes, CDATA or script text
                out.add(_SPACES.sub(" ", str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        breaks = 2 if name in _PARAGRAPH else 1 if name in _BLOCK else 0
        if closing:
            out.brk(breaks)
            continue
        if name == "br":
            out.newline()
            continue
        out.brk(breaks)
        if name == "table":
            out.add("\n".join(table_lines(_table_rows(node))))
            out.brk(2)
            continue
        if name == "li":
            out.add("• ")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    return out.result()


def _table_rows(table: Tag) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is table:
            rows.append([_render(cell) for cell in row.find_all(["td", "th"], recursive=False)])
    return rows


def _drop_chrome(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(_CHROME):
        if tag.decomposed:
            continue
        if tag.find(_CONTENT) is None and tag.find_parent(["main", "article"]) is None:
            tag.decompose()


def _clean_title(title: str) -> str | None:
    title = " ".join(title.split())
    while separators := list(_TITLE_SEPARATOR.finditer(title)):
        last = separators[-1]
        if not _SITE_NAME.search(title[last.end() :]):
            break
        title = title[: last.start()]
    return title if 0 < len(title) <= _MAX_TITLE and not _NOT_A_TITLE.search(title) else None


def _page_title(soup: BeautifulSoup) -> str | None:
    h1 = soup.find("h1")
    if h1 is not None and (title := _clean_title(h1.get_text(" "))):
        return title
    og = soup.find("meta", attrs={"property": "og:title"})
    if (
        isinstance(og, Tag)
        and isinstance(og.get("content"), str)
        and (title := _clean_title(str(og["content"])))
    ):
        return title
    if soup.title is not None and soup.title.string:
        return _clean_title(str(soup.title.string))
    return None


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The visible text of a page, one block per line, and its job title (None if the page has none)."""
    check_html(markup)  # element and depth budgets before parsing (raises UnreadableInput)
    soup = BeautifulSoup(markup, "lxml")
    title = _page_title(soup)
    _drop_chrome(soup)
    body = soup.body or soup
    return _render(body), title
