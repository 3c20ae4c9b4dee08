"""Pure ASGI middleware: request context (id, access log, metrics, last-resort 500), security headers, and a
request-body limit that holds for declared and chunked bodies alike (Starlette and FastAPI have none)."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.logs import error_fields
from service.metrics import Metrics

access_log = logging.getLogger("mhsw.access")
error_log = logging.getLogger("mhsw.service")

_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = PAGE_CSP.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)  # Swagger UI sets style attributes
_STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


async def send_json(send: Send, status: int, body: object, headers: dict[str, str] | None = None) -> None:
    payload = json.dumps(body).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(key.lower().encode(), value.encode()) for key, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


def route_template(scope: Scope) -> str:
    """The matched route's path template (bounded label values), or `unmatched`."""
    route = scope.get("route")
    return str(getattr(route, "path", None) or "unmatched")


class RequestContextMiddleware:
    """One JSON log line and one metrics sample per request, an `X-Request-ID` in and out, and a JSON 500
    without internals for anything the app failed to handle (so no traceback reaches logs or clients)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        status, started = 500, False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                status, started = message["status"], True
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        begun = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # noqa: BLE001 - the last resort: logged by type and place, answered as JSON
            error_log.error(
                "unhandled error", extra={"fields": {"request_id": request_id, **error_fields(exc)}}
            )
            if not started:
                await send_json(send_with_id, 500, {"detail": "Internal server error."})
        finally:
            seconds = time.perf_counter() - begun
            route = route_template(scope)
            self.metrics.observe_request(scope["method"], route, status, seconds)
            access_log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": scope["method"],
                        "route": route,
                        "status": status,
                        "duration_ms": round(seconds * 1000, 2),
                    }
                },
            )


class SecurityHeadersMiddleware:
    """Headers that make the page and API harder to misuse: CSP without inline scripts, no framing, no
    sniffing, and `Cache-Control: no-store` on API answers (they describe unpublished adverts)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        csp = DOCS_CSP if path == "/docs" else PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in _STATIC_HEADERS.items():
                    headers.setdefault(key, value)
                headers.setdefault("Content-Security-Policy", csp)
                if path.startswith("/v1/"):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """Raised from `receive` once a body passes its limit; FastAPI passes HTTPExceptions through as they are."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {limit:,} bytes.")


class BodyLimitMiddleware:
    """413 for a body over its path's limit: at once from `Content-Length`, else while it streams in."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await send_json(send, 413, {"detail": BodyTooLarge(limit).detail}, {"Connection": "close"})
            return
        received, started = 0, False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await send_json(send, 413, {"detail": exc.detail}, {"Connection": "close"})
