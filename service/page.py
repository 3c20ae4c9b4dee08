"""The recruiter page at `/` and the API docs at `/docs`: static HTML whose scripts are files, so the
Content-Security-Policy can forbid inline scripts. Assets are served from the package; no CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

STATIC_DIR = Path(__file__).resolve().parent / "static"


def page_router(docs: bool) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")

    @router.get("/", response_class=HTMLResponse)
    async def index() -> HTMLResponse:
        return HTMLResponse(page)

    if docs:
        docs_page = (STATIC_DIR / "docs.html").read_text(encoding="utf-8")

        @router.get("/docs", response_class=HTMLResponse)
        async def api_docs() -> HTMLResponse:
            return HTMLResponse(docs_page)

    return router
