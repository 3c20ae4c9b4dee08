"""`POST /v1/admin/reload`: switch the served model without a restart, keeping the previous one for rollback.

The new model is loaded and hash-verified in a worker thread while the old one keeps answering; the swap is
one attribute assignment, so a request sees either model, never a half-loaded one. With several workers the
call reaches one process: restart the service (or call once per worker) to switch them all.
No `from __future__ import annotations` (FastAPI closures).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import anyio
from fastapi import APIRouter, Body, Depends, HTTPException

from classifier.errors import ModelIntegrityError
from classifier.paths import MODELS_DIR
from service.access import Caller, role_checks
from service.api import responses
from service.models import ErrorOut
from service.records_models import ReloadIn, ReloadOut
from service.settings import Settings
from service.state import ModelState, default_loader

if TYPE_CHECKING:
    from service.engine import Engine


def admin_router(settings: Settings, state: ModelState) -> APIRouter:
    needs = role_checks(settings)
    kept: dict[str, Engine | None] = {"previous": None}
    lock = anyio.Lock()
    codes = (401, 422, 500) if settings.api_keys else (422, 500)
    documented: dict[int | str, dict[str, Any]] = {
        **responses(*codes),
        403: {"model": ErrorOut, "description": "Needs an admin key."},
        404: {"model": ErrorOut, "description": "No model with that version."},
        409: {"model": ErrorOut, "description": "No previous model, or the model failed verification."},
    }
    router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=documented)

    def folder(version: str | None) -> Path | None:
        if version is None:
            return settings.model  # None: whatever models/DEFAULT names now
        path = MODELS_DIR / version
        if not path.is_dir():
            raise HTTPException(404, f"no model version {version!r} in {MODELS_DIR.name}/")
        return path

    @router.post("/reload", response_model=ReloadOut)
    async def reload(
        caller: Annotated[Caller, Depends(needs("admin"))],
        body: Annotated[ReloadIn | None, Body()] = None,
    ) -> ReloadOut:
        """Load the default model (or `version`) and serve it; `rollback` serves the one before instead."""
        body = body or ReloadIn()
        async with lock:
            current = state.engine
            if body.rollback:
                new = kept["previous"]
                if new is None:
                    raise HTTPException(409, "There is no previous model to roll back to.")
            else:
                try:
                    new = await anyio.to_thread.run_sync(default_loader(folder(body.version)))
                except ModelIntegrityError as exc:
                    raise HTTPException(409, f"The model was refused: {exc}") from exc
            state.engine, kept["previous"] = new, current
        return ReloadOut(
            model_version=new.meta.model_version,
            previous=current.meta.model_version if current else None,
        )

    return router
