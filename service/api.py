"""The /v1 routes: analyse one advert, a batch or a file, and describe the taxonomy and the model.

Analyses are CPU-bound, so they run in worker threads (at most `MHSW_ANALYSIS_THREADS` at once) and the
event loop stays free for health checks and other requests. No `from __future__ import annotations` here:
the dependencies are closures, and FastAPI must see their annotations as objects.
"""

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, Security, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from classifier.errors import UnreadableInput, UnsupportedFormat
from classifier.schema import Analysis
from service.deadline import AnalysisPool, DeadlineExceeded
from service.metrics import Metrics
from service.models import (
    AdvertIn,
    BatchIn,
    BatchOut,
    ErrorOut,
    FileAnalysis,
    MetaOut,
    RolesOut,
    ValidationErrorOut,
)
from service.parsing import ParseLimits
from service.security import RateLimiter, matching_key, retry_after_header
from service.settings import Settings
from service.state import ModelState

if TYPE_CHECKING:
    from service.engine import Engine

T = TypeVar("T")

ERRORS: dict[int, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing or unknown API key (only when MHSW_API_KEYS is set)."},
    413: {"model": ErrorOut, "description": "The request body (or file) is over the size limit."},
    415: {"model": ErrorOut, "description": "The body is not of the media type this route reads."},
    422: {"model": ValidationErrorOut, "description": "Invalid input; `loc` names the field."},
    429: {"model": ErrorOut, "description": "Rate limit reached; see the Retry-After header."},
    500: {"model": ErrorOut, "description": "Internal error; nothing about it is returned."},
    503: {"model": ErrorOut, "description": "The model is not loaded yet (see /readyz)."},
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: ERRORS[code] for code in codes}


def _media_type_ok(content_type: str | None, expected: str) -> bool:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if expected == "application/json":
        return media_type == "application/json" or (
            media_type.startswith("application/") and media_type.endswith("+json")
        )
    return media_type == expected


class MediaTypeRoute(APIRoute):
    """415 before the body is read when its media type is not the one the route documents (FastAPI alone
    would read it and answer 422), and 422 rather than 400 for a body that cannot be parsed at all (JSON
    that is not UTF-8, broken multipart), like any other malformed body."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()
        field_info = self.body_field.field_info if self.body_field else None
        expected: str | None = getattr(field_info, "media_type", None)
        if expected is None:
            return handler

        async def checked(request: Request) -> Response:
            if not _media_type_ok(request.headers.get("content-type"), expected):
                raise HTTPException(415, f"Send the request body as {expected}.")
            try:
                response: Response = await handler(request)
            except StarletteHTTPException as exc:
                if (
                    exc.status_code != 400
                ):  # the only 400s here come from parsing the body (JSON or multipart)
                    raise
                error = {
                    "type": "body_unparsable",
                    "loc": ("body",),
                    "msg": f"The body is not valid {expected}.",
                }
                raise RequestValidationError([error]) from exc
            return response

        return checked


def too_long(loc: tuple[str | int, ...], limit: int, what: str) -> RequestValidationError:
    """The 422 pydantic itself gives, for limits lowered by settings below the schema's maximum."""
    message = f"{what} should have at most {limit} {'characters' if what == 'String' else 'items'}"
    kind = "string_too_long" if what == "String" else "too_long"
    return RequestValidationError([{"type": kind, "loc": loc, "msg": message}])


def api_router(settings: Settings, state: ModelState, metrics: Metrics) -> APIRouter:
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    pool = AnalysisPool(settings.analysis_threads, settings.analysis_deadline_seconds)
    limits = ParseLimits(settings.parse_deadline_seconds, settings.parse_memory_bytes)
    bearer = HTTPBearer(auto_error=False, description="One of the keys in MHSW_API_KEYS.")

    async def client_by_key(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    ) -> str:
        index = matching_key(credentials.credentials, settings.api_keys) if credentials else None
        if index is None:
            raise HTTPException(
                401, "Send a valid API key as 'Authorization: Bearer <key>'.", {"WWW-Authenticate": "Bearer"}
            )
        return f"key-{index}"

    async def client_by_address(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    client = client_by_key if settings.api_keys else client_by_address

    async def rate_limited(who: Annotated[str, Depends(client)]) -> None:
        wait = limiter.acquire(who)
        if wait:
            raise HTTPException(429, "Too many requests for this key; slow down.", retry_after_header(wait))

    def engine() -> "Engine":
        if state.engine is None:
            detail = (
                "The model could not be loaded."
                if state.error
                else "The model is loading; try again shortly."
            )
            raise HTTPException(503, detail, {"Retry-After": "5"})
        return state.engine

    async def in_thread(
        func: Callable[..., T], *args: Any, seconds: float | None = None, chars: int | None = None
    ) -> T:
        """Off the event loop, within the analysis deadline: past it, 503 with Retry-After."""
        try:
            return await pool.run(func, *args, seconds=seconds, chars=chars)
        except DeadlineExceeded as exc:
            raise HTTPException(503, str(exc), {"Retry-After": exc.retry_after}) from None

    def check_text(text: str, loc: tuple[str | int, ...]) -> None:
        if len(text) > settings.max_text_chars:
            raise too_long(loc, settings.max_text_chars, "String")

    common = (401, 503, 500) if settings.api_keys else (503, 500)
    router = APIRouter(
        prefix="/v1",
        route_class=MediaTypeRoute,
        dependencies=[Depends(client)] if settings.api_keys else [],
        responses=responses(*common),
    )

    @router.post("/analyse", response_model=Analysis, responses=responses(413, 415, 422), tags=["analyse"])
    async def analyse(body: AdvertIn) -> Analysis:
        """Analyse one advert given as plain text; spans are offsets into `text` as sent."""
        check_text(body.text, ("body", "text"))
        analysis: Analysis = await in_thread(engine().analyse, body, chars=len(body.text))
        metrics.count_analyses([analysis])
        return analysis

    @router.post(
        "/analyse/batch", response_model=BatchOut, responses=responses(413, 415, 422, 429), tags=["analyse"],
        dependencies=[Depends(rate_limited)],
    )  # fmt: skip
    async def analyse_batch(body: BatchIn) -> BatchOut:
        """Analyse up to 100 adverts in one call: one result or error per advert, in order."""
        if len(body.adverts) > settings.max_batch:
            raise too_long(("body", "adverts"), settings.max_batch, "List")
        for index, item in enumerate(body.adverts):
            check_text(item.text, ("body", "adverts", index, "text"))
        seconds = settings.analysis_deadline_seconds * (1 + len(body.adverts) // 10)
        results = await in_thread(engine().analyse_batch, body.adverts, seconds=seconds)
        metrics.count_analyses([item.analysis for item in results if item.analysis])
        return BatchOut(results=results)

    @router.post(
        "/analyse/file", response_model=FileAnalysis, responses=responses(413, 415, 422, 429), tags=["analyse"],
        dependencies=[Depends(rate_limited)],
    )  # fmt: skip
    async def analyse_file(
        file: Annotated[UploadFile, File(description="A TXT, HTML, DOCX or PDF advert (at most 5 MB).")],
        title: Annotated[
            str | None, Form(max_length=300, description="The job title, if not in the file.")
        ] = None,
    ) -> FileAnalysis:
        """Analyse an uploaded advert file; the answer carries the extracted text that spans index into."""
        data = await file.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise HTTPException(
                413, f"The file is larger than the limit of {settings.max_upload_bytes:,} bytes."
            )
        try:
            read = partial(engine().read, limits=limits)
            advert = await in_thread(read, data, file.filename, file.content_type, title, seconds=limits.seconds + 5)
        except UnsupportedFormat as exc:
            raise HTTPException(415, str(exc)) from exc
        except UnreadableInput as exc:
            raise RequestValidationError(
                [{"type": "unreadable_file", "loc": ("body", "file"), "msg": str(exc)}]
            ) from exc
        check_text(advert.text, ("body", "file"))
        analysis = await in_thread(engine().analyser.analyse, advert)
        metrics.count_analyses([analysis])
        return FileAnalysis(analysis=analysis, text=advert.text, source_format=advert.source_format)

    @router.get("/taxonomy/roles", response_model=RolesOut, tags=["reference"])
    async def taxonomy_roles() -> RolesOut:
        """The roles an advert can be classified as, with their typical bands and next steps."""
        return engine().roles

    @router.get("/meta", response_model=MetaOut, tags=["reference"])
    async def meta() -> MetaOut:
        """Schema, model and taxonomy versions and the sha256 of every model file, to reproduce an analysis."""
        return engine().meta

    return router
