"""Routes for operators: liveness, readiness and Prometheus metrics (not under /v1, never behind a key)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.metrics import Metrics
from service.models import ErrorOut, HealthOut, ReadyOut
from service.state import ModelState


def ops_router(state: ModelState, metrics: Metrics) -> APIRouter:
    router = APIRouter(
        tags=["operations"], responses={500: {"model": ErrorOut, "description": "Internal error."}}
    )

    @router.get("/healthz", response_model=HealthOut)
    async def healthz() -> HealthOut:
        """Liveness: the process answers (the model may still be loading)."""
        return HealthOut()

    @router.get(
        "/readyz",
        response_model=ReadyOut,
        responses={503: {"model": ReadyOut, "description": "The model is loading, or failed to load."}},
    )
    async def readyz(response: Response) -> ReadyOut:
        """Readiness: 200 once the model is loaded and its files' hashes verified, 503 until then."""
        if state.engine is None:
            response.status_code = 503
            return ReadyOut(status="failed" if state.error else "loading", detail=state.error)
        return ReadyOut(status="ready", model_version=state.engine.meta.model_version)

    @router.get(
        "/metrics",
        response_class=Response,
        responses={
            200: {
                "content": {"text/plain": {"schema": {"type": "string"}}},
                "description": "Prometheus text.",
            }
        },
    )
    async def prometheus() -> Response:
        """Request counts and latency per route, analyses per role and band, in Prometheus text format."""
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    return router
