"""The History page at `/history`: static HTML whose script lists stored analyses and their corrections."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from service.page import STATIC_DIR


def history_page_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    page = (STATIC_DIR / "history.html").read_text(encoding="utf-8")

    @router.get("/history", response_class=HTMLResponse)
    async def history() -> HTMLResponse:
        return HTMLResponse(page)

    return router
