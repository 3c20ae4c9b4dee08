"""The history routes: store an analysis, list and read stored ones, correct them, export the corrections
as training data, and erase. Database calls run in worker threads. No `from __future__ import
annotations`: FastAPI must see the closures' annotations as objects."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, TypeVar

import anyio
from fastapi import APIRouter, Depends, HTTPException, Query, Response
from fastapi.exceptions import RequestValidationError
from starlette.types import Receive, Scope, Send

from classifier.schema import BAND_VALUES, CATEGORY_IDS
from service.access import Caller, Requirement, role_checks
from service.api import MediaTypeRoute, responses, too_long
from service.history import History
from service.models import ErrorOut
from service.records_models import (
    AnalysisPage,
    AnalysisSummary,
    Choice,
    CorrectionOut,
    CorrectionsOut,
    StoreAdvertIn,
    StoredAnalysis,
    VocabularyOut,
)
from service.settings import Settings
from service.state import ModelState
from store.corrections import CorrectionIn, problems
from store.errors import NotFound
from store.vocabulary import default_vocabulary

T = TypeVar("T")
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No stored analysis with that id."}
}
FORBIDDEN: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorOut, "description": "The key's role does not allow this."}
}

BAND_PATTERN = r"^([1-79]|8[a-d])$"


def moment(value: str) -> datetime:
    """An ISO 8601 time as an aware datetime (naive means UTC), or a 422 naming `since`."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or "T" not in value.upper():
        error = {
            "type": "datetime_parsing",
            "loc": ("query", "since"),
            "msg": "since must be an ISO 8601 date and time, e.g. 2026-11-01T00:00:00Z",
        }
        raise RequestValidationError([error])
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)  # stored times are UTC


class HistoryRoute(MediaTypeRoute):
    """Several routes share a path here (GET and DELETE /v1/analyses/{id}); a 405 must list every method the
    path supports in `Allow`, not only those of the first route Starlette tried."""

    allowed: ClassVar[dict[str, set[str]]] = {}
    """Every method of each path of one router (filled by `records_router`)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.methods and scope["method"] not in self.methods:
            allow = ", ".join(sorted(self.allowed.get(self.path) or self.methods))
            raise HTTPException(405, "Method Not Allowed", {"Allow": allow})
        await super().handle(scope, receive, send)


@dataclass
class Context:
    """What every history route needs: settings, the model, the database, thread slots and role checks."""

    settings: Settings
    state: ModelState
    history: History
    threads: anyio.CapacityLimiter
    reader: Requirement
    reviewer: Requirement
    admin: Requirement

    async def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await anyio.to_thread.run_sync(lambda: func(*args, **kwargs), limiter=self.threads)

    async def found(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`run`, with the store's `NotFound` as a 404."""
        try:
            return await self.run(func, *args, **kwargs)
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from exc


def records_router(settings: Settings, state: ModelState, history: History) -> APIRouter:
    needs = role_checks(settings)
    threads = anyio.CapacityLimiter(settings.analysis_threads)
    ctx = Context(settings, state, history, threads, needs("reader"), needs("reviewer"), needs("admin"))
    common = (401, 503, 500) if settings.api_keys else (503, 500)
    allowed: dict[str, set[str]] = {}
    route_class = type("Route", (HistoryRoute,), {"allowed": allowed})
    router = APIRouter(prefix="/v1", route_class=route_class, tags=["history"], responses=responses(*common))
    for add in (_stored_routes, _list_route, _correction_routes, _export_routes):
        add(router, ctx)
    for route in router.routes:
        if isinstance(route, HistoryRoute):
            allowed.setdefault(route.path, set()).update(route.methods or ())
    return router


def _stored_routes(router: APIRouter, ctx: Context) -> None:
    Reader = Annotated[Caller, Depends(ctx.reader)]
    Reviewer = Annotated[Caller, Depends(ctx.reviewer)]
    Admin = Annotated[Caller, Depends(ctx.admin)]

    @router.post(
        "/analyses",
        status_code=201,
        response_model=StoredAnalysis,
        responses={**FORBIDDEN, **responses(415, 422)},
    )
    async def store_analysis(body: StoreAdvertIn, response: Response, caller: Reviewer) -> dict[str, Any]:
        """Analyse one advert and keep the analysis (its text only with MHSW_TEXT_RETENTION=true)."""
        store = ctx.history.require()
        if len(body.text) > ctx.settings.max_text_chars:
            raise too_long(("body", "text"), ctx.settings.max_text_chars, "String")
        engine = ctx.state.engine
        if engine is None:
            raise HTTPException(503, "The model is loading; try again shortly.", {"Retry-After": "5"})
        analysis = await ctx.run(engine.analyse, body)
        row = await ctx.run(
            store.add_analysis,
            analysis.model_dump(mode="json"),
            body.text,
            keep_text=ctx.settings.text_retention,
            actor=caller.name,
            external_id=body.external_id,
        )
        response.headers["Location"] = f"/v1/analyses/{row['id']}"
        return row

    @router.get("/analyses/{analysis_id}", response_model=StoredAnalysis, responses=NOT_FOUND)
    async def get_analysis(analysis_id: str, _caller: Reader) -> dict[str, Any]:
        """One stored analysis, with its text where it was retained."""
        return await ctx.found(ctx.history.require().get_analysis, analysis_id)

    @router.delete("/analyses/{analysis_id}", status_code=204, responses={**NOT_FOUND, **FORBIDDEN})
    async def delete_analysis(analysis_id: str, caller: Admin) -> Response:
        """Erase an analysis, its text and its corrections (right to erasure); the audit log keeps the id."""
        await ctx.found(ctx.history.require().delete_analysis, analysis_id, actor=caller.name)
        return Response(status_code=204)


def _list_route(router: APIRouter, ctx: Context) -> None:
    Reader = Annotated[Caller, Depends(ctx.reader)]

    @router.get("/analyses", response_model=AnalysisPage)
    async def list_analyses(
        _caller: Reader,
        role: Annotated[str | None, Query(max_length=100, description="A role id.")] = None,
        band: Annotated[
            str | None, Query(pattern=BAND_PATTERN, description="An AfC band, e.g. 3 or 8a.")
        ] = None,
        corrected: Annotated[
            bool | None, Query(description="Only corrected (true) or uncorrected (false).")
        ] = None,
        since: Annotated[
            str | None,
            Query(
                max_length=40,
                description="Only analyses stored at or after this ISO 8601 time (UTC if no offset).",
                json_schema_extra={"format": "date-time"},
            ),
        ] = None,
        cursor: Annotated[
            str | None, Query(pattern=r"^[0-9]{1,18}$", description="next_cursor of the page before.")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> AnalysisPage:
        """Stored analyses, newest first, a page at a time."""
        since_time = moment(since) if since is not None else None
        page = await ctx.run(
            ctx.history.require().list_analyses, role=role, band=band, corrected=corrected, since=since_time,
            cursor=int(cursor) if cursor else None, limit=limit,
        )  # fmt: skip
        return AnalysisPage(
            items=[AnalysisSummary(**item) for item in page.items], next_cursor=page.next_cursor
        )


def _correction_routes(router: APIRouter, ctx: Context) -> None:
    Reader = Annotated[Caller, Depends(ctx.reader)]
    Reviewer = Annotated[Caller, Depends(ctx.reviewer)]

    @router.post(
        "/analyses/{analysis_id}/corrections", status_code=201, response_model=CorrectionOut,
        responses={**NOT_FOUND, **FORBIDDEN, **responses(415, 422)},
    )  # fmt: skip
    async def correct(
        analysis_id: str, body: CorrectionIn, response: Response, caller: Reviewer
    ) -> dict[str, Any]:
        """Record a reviewer's correction; the 201 is sent only once it is committed."""
        store = ctx.history.require()
        stored = await ctx.found(store.get_analysis, analysis_id)
        errors = problems(body, default_vocabulary(), stored["analysis"])
        if errors:
            raise RequestValidationError(errors)
        row = await ctx.found(
            store.add_correction, analysis_id, body.changes(), note=body.note, actor=caller.name
        )
        response.headers["Location"] = f"/v1/analyses/{analysis_id}/corrections"
        return row

    @router.get("/analyses/{analysis_id}/corrections", response_model=CorrectionsOut, responses=NOT_FOUND)
    async def corrections(analysis_id: str, _caller: Reader) -> CorrectionsOut:
        """Every correction of one analysis, oldest first."""
        rows = await ctx.found(ctx.history.require().corrections_for, analysis_id)
        return CorrectionsOut(corrections=[CorrectionOut(**row) for row in rows])


def _export_routes(router: APIRouter, ctx: Context) -> None:
    Reader = Annotated[Caller, Depends(ctx.reader)]

    @router.get(
        "/corrections/export",
        response_class=Response,
        responses={200: {"content": {"application/x-ndjson": {}}, "description": "Labelled JSONL."}},
    )
    async def export(
        _caller: Reader,
        include_untexted: Annotated[
            bool, Query(description="Also rows whose text was not kept (not trainable).")
        ] = False,
    ) -> Response:
        """Corrected analyses as labelled JSONL for `mhsw train --data` (text only where it was retained)."""
        from store.export import jsonl_lines, labelled_rows

        def lines() -> str:
            rows = labelled_rows(
                ctx.history.require(), default_vocabulary(), include_untexted=include_untexted
            )
            return "".join(jsonl_lines(rows))

        body = await ctx.run(lines)
        headers = {"Content-Disposition": 'attachment; filename="corrections.jsonl"'}
        return Response(body, media_type="application/x-ndjson", headers=headers)

    @router.get("/corrections/vocabulary", response_model=VocabularyOut)
    async def vocabulary(_caller: Reader) -> VocabularyOut:
        """The role, category, band, qualification and skill ids a correction may use, with labels."""
        vocab = default_vocabulary()
        return VocabularyOut(
            roles=[Choice(id=r.id, label=r.label) for r in vocab.taxonomy.top_roles()],
            categories=list(CATEGORY_IDS),
            bands=list(BAND_VALUES),
            qualifications=[
                Choice(id=k, label=v) for k, v in sorted(vocab.qualifications.items(), key=lambda i: i[1])
            ],
            skills=[Choice(id=k, label=v) for k, v in sorted(vocab.skills.items(), key=lambda i: i[1])],
        )
