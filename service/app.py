"""The FastAPI app factory: routes, error handlers and middleware around one `ModelState`.

`create_app(settings, loader=...)` is what tests use; `serve_app()` is what uvicorn workers call (it also
switches logging to JSON lines).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from classifier.schema import SCHEMA_VERSION
from service.admin import admin_router
from service.api import api_router
from service.history import History
from service.history_page import history_page_router
from service.logs import configure_logging
from service.metrics import Metrics
from service.middleware import BodyLimitMiddleware, RequestContextMiddleware, SecurityHeadersMiddleware
from service.ops import ops_router
from service.page import STATIC_DIR, page_router
from service.records import records_router
from service.settings import Settings
from service.state import Loader, ModelState, default_loader

UPLOAD_PATH = "/v1/analyse/file"
DESCRIPTION = (
    "Analyses UK mental health support workforce job adverts: role, category, Agenda for Change band, "
    "qualifications, skills, career-pathway signals and wording. Advert text is never logged, and never "
    "stored unless the deployment sets MHSW_TEXT_RETENTION=true."
)


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 naming each bad field (`loc`), without echoing the input back."""
    assert isinstance(exc, RequestValidationError)
    detail = [
        {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]} for error in exc.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


def create_app(settings: Settings | None = None, *, loader: Loader | None = None) -> FastAPI:
    """A service that starts loading its model at startup and answers 503 on /v1 until it is ready."""
    settings = settings or Settings()
    state = ModelState(loader or default_loader(settings.model))
    metrics = Metrics()
    history = History(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        state.start()
        history.start()  # opens and migrates the database (unless MHSW_MIGRATE_ON_START=false)
        yield
        history.stop()

    app = FastAPI(
        title="mhsw",
        version=SCHEMA_VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.docs else None,
    )
    app.state.model = state
    app.state.history = history
    app.include_router(api_router(settings, state, metrics))
    app.include_router(records_router(settings, state, history))
    app.include_router(admin_router(settings, state))
    app.include_router(ops_router(state, metrics))
    app.include_router(page_router(settings.docs))
    app.include_router(history_page_router())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(RequestValidationError, validation_error)

    def body_limit(path: str) -> int:
        return settings.upload_body_bytes if path == UPLOAD_PATH else settings.max_body_bytes

    # Added innermost first: the request context wraps everything, so it sees every status and error.
    app.add_middleware(BodyLimitMiddleware, limit_for=body_limit)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
        )
    if settings.trusted_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.trusted_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    return app


def serve_app() -> FastAPI:
    """The uvicorn factory: settings from the environment, JSON logs."""
    settings = Settings()
    configure_logging(settings.log_level)
    return create_app(settings)
