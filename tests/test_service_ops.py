"""Readiness, liveness under load, metrics, request ids, the last-resort 500 and log redaction."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from classifier.artifacts import default_model_dir
from classifier.errors import ModelIntegrityError
from classifier.pipeline import Analyser
from classifier.schema import Analysis
from service.app import create_app
from service.engine import Engine
from service.logs import JsonFormatter, redact
from service.models import AdvertIn
from service.settings import Settings
from service.state import default_loader

EMAIL = "jo.bloggs@example.org"
PHONE = "07700 900123"
TEXT = (
    "Mental Health Support Worker, Band 3. The Care Certificate is essential. "
    f"For an informal chat contact {EMAIL} or call {PHONE}."
)


def ready_client(analyser: Analyser, **settings: Any) -> TestClient:
    return TestClient(
        create_app(Settings(rate_limit_per_minute=0, **settings), loader=lambda: Engine(analyser))
    )


def test_readiness_gate_until_the_model_is_loaded(analyser: Analyser) -> None:
    release = threading.Event()

    def slow_loader() -> Engine:
        release.wait(30)
        return Engine(analyser)

    app = create_app(Settings(), loader=slow_loader)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200  # liveness at once
        loading = client.get("/readyz")
        assert loading.status_code == 503 and loading.json()["status"] == "loading"
        blocked = client.post("/v1/analyse", json={"text": TEXT})
        assert blocked.status_code == 503 and blocked.headers["Retry-After"] == "5"
        assert client.get("/v1/meta").status_code == 503
        release.set()
        assert app.state.model.loaded.wait(30)
        assert client.get("/readyz").json() == {
            "status": "ready",
            "model_version": analyser.model_version,
            "detail": None,
        }
        assert client.post("/v1/analyse", json={"text": TEXT}).status_code == 200


def test_a_tampered_model_never_becomes_ready(tmp_path: Path) -> None:
    model = tmp_path / "model"
    shutil.copytree(default_model_dir(), model)
    victim = next(path for path in sorted(model.iterdir()) if path.name != "manifest.json")
    victim.write_bytes(victim.read_bytes() + b" ")
    with pytest.raises(ModelIntegrityError, match="does not match its manifest"):
        default_loader(model)()
    app = create_app(Settings(), loader=default_loader(model))
    with TestClient(app) as client:
        assert app.state.model.loaded.wait(60)
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert (
            answer.json()["status"] == "failed" and "does not match its manifest" in answer.json()["detail"]
        )
        assert client.post("/v1/analyse", json={"text": TEXT}).json() == {
            "detail": "The model could not be loaded."
        }


def test_liveness_answers_while_analyses_run(analyser: Analyser) -> None:
    """Analyses are CPU-bound: they must run in worker threads, never on the event loop."""
    canned = analyser.analyse(TEXT)
    running = threading.Event()

    class SlowEngine(Engine):
        def analyse(self, body: AdvertIn) -> Analysis:
            running.set()
            end = time.perf_counter() + 1.5
            while time.perf_counter() < end:  # hold the CPU like a long analysis
                sum(range(1000))
            return canned

    app = create_app(Settings(analysis_threads=3), loader=lambda: SlowEngine(analyser))

    async def scenario() -> tuple[float, list[int]]:
        async with app.router.lifespan_context(app):
            await asyncio.to_thread(app.state.model.loaded.wait, 30)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                slow = [
                    asyncio.create_task(client.post("/v1/analyse", json={"text": TEXT})) for _ in range(3)
                ]
                await asyncio.to_thread(running.wait, 10)
                begun = time.perf_counter()
                health = await client.get("/healthz")
                elapsed = time.perf_counter() - begun
                assert health.status_code == 200
                assert not all(task.done() for task in slow)
                statuses = [response.status_code for response in await asyncio.gather(*slow)]
        return elapsed, statuses

    elapsed, statuses = asyncio.run(scenario())
    assert statuses == [200, 200, 200]
    assert elapsed < 0.75  # an analysis takes 1.5 s: a blocked loop would wait for it


def test_unexpected_errors_are_a_json_500_without_internals(
    analyser: Analyser, caplog: pytest.LogCaptureFixture
) -> None:
    class BrokenEngine(Engine):
        def analyse(self, body: AdvertIn) -> Analysis:
            raise RuntimeError(f"internal detail {body.text[:20]} at /srv/secret/path")

    app = create_app(Settings(), loader=lambda: BrokenEngine(analyser))
    caplog.set_level(logging.DEBUG)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert app.state.model.loaded.wait(30)
        response = client.post("/v1/analyse", json={"text": TEXT})
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert response.headers["X-Request-ID"]
    unhandled = [record for record in caplog.records if record.getMessage() == "unhandled error"]
    assert len(unhandled) == 1
    assert unhandled[0].fields["error_type"] == "RuntimeError"  # type: ignore[attr-defined]
    assert "secret" not in caplog.text and "Traceback" not in caplog.text


def test_client_errors_never_reach_the_last_resort_handler(
    analyser: Analyser, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with ready_client(analyser, max_body_bytes=4096) as client:
        assert client.app.state.model.loaded.wait(30)  # type: ignore[attr-defined]
        statuses = [
            client.post(
                "/v1/analyse", content=b"{", headers={"Content-Type": "application/json"}
            ).status_code,
            client.post("/v1/analyse", json={"text": ""}).status_code,
            client.post("/v1/analyse", content=b"x", headers={"Content-Type": "text/csv"}).status_code,
            client.post("/v1/analyse", json={"text": "x" * 5000}).status_code,
            client.post("/v1/analyse/batch", json={"adverts": "none"}).status_code,
            client.post(
                "/v1/analyse/file",
                files={"file": ("a.gz", b"\x1f\x8b\x08\x00" + b"\0" * 16, "application/gzip")},
            ).status_code,
            client.post(
                "/v1/analyse/file",
                content=b"--x\r\nbroken",
                headers={"Content-Type": "multipart/form-data; boundary=x"},
            ).status_code,
            client.get("/v1/missing").status_code,
            client.delete("/v1/meta").status_code,
        ]
    assert all(400 <= status < 500 for status in statuses), statuses
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_metrics_count_requests_by_route_and_analyses_by_role_and_band(analyser: Analyser) -> None:
    with ready_client(analyser) as client:
        assert client.app.state.model.loaded.wait(30)  # type: ignore[attr-defined]
        client.post("/v1/analyse", json={"title": "Healthcare Support Worker", "text": TEXT})
        client.post("/v1/analyse", json={"text": ""})
        client.get("/v1/analyse/nothing")
        metrics = client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    body = metrics.text
    assert 'mhsw_http_requests_total{method="POST",route="/v1/analyse",status="200"} 1.0' in body
    assert 'mhsw_http_requests_total{method="POST",route="/v1/analyse",status="422"} 1.0' in body
    assert 'mhsw_http_requests_total{method="GET",route="unmatched",status="404"} 1.0' in body
    assert 'mhsw_http_request_duration_seconds_bucket{le="0.5",method="POST",route="/v1/analyse"}' in body
    analysis = analyser.analyse(TEXT, title="Healthcare Support Worker")
    assert f'mhsw_analyses_total{{band="{analysis.band.value}",role="{analysis.role.id}"}} 1.0' in body


def test_request_id_is_echoed_when_safe_and_made_up_otherwise(analyser: Analyser) -> None:
    with ready_client(analyser) as client:
        assert (
            client.get("/healthz", headers={"X-Request-ID": "hr-system.42"}).headers["X-Request-ID"]
            == "hr-system.42"
        )
        made_up = client.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"]
        assert len(made_up) == 32 and made_up.isalnum()
        assert client.get("/healthz").headers["X-Request-ID"] != made_up


def test_one_json_log_line_per_request_and_no_advert_text(
    analyser: Analyser, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    docx_like = f"Healthcare Support Worker\n{TEXT}".encode()
    with ready_client(analyser, max_text_chars=250) as client:
        assert client.app.state.model.loaded.wait(30)  # type: ignore[attr-defined]
        caplog.clear()
        responses = [
            client.post(
                "/v1/analyse",
                json={"title": f"Worker {EMAIL}", "text": TEXT},
                headers={"X-Request-ID": "req-1"},
            ),
            client.post(
                "/v1/analyse/batch", json={"adverts": [{"id": EMAIL, "text": TEXT}, {"text": TEXT + TEXT}]}
            ),
            client.post(
                "/v1/analyse/file",
                files={"file": (f"{EMAIL}.txt", docx_like, "text/plain")},
                data={"title": PHONE},
            ),
            client.post("/v1/analyse", json={"text": TEXT + TEXT}),
            client.post("/v1/analyse", content=TEXT.encode(), headers={"Content-Type": "application/json"}),
        ]
    assert [response.status_code for response in responses] == [200, 422, 200, 422, 422]
    access = [record for record in caplog.records if record.name == "mhsw.access"]
    assert len(access) == len(responses)
    first = json.loads(JsonFormatter().format(access[0]))
    assert first["request_id"] == "req-1" and first["route"] == "/v1/analyse" and first["status"] == 200
    assert first["method"] == "POST" and isinstance(first["duration_ms"], float)
    formatted = "\n".join(JsonFormatter().format(record) for record in caplog.records)
    for secret in (EMAIL, PHONE, "Care Certificate", "jo.bloggs"):
        assert secret not in caplog.text
        assert secret not in formatted
        assert all(secret not in str(vars(record)) for record in caplog.records)


def test_formatter_masks_emails_and_phone_numbers_from_any_library() -> None:
    record = logging.LogRecord(
        "thirdparty", logging.WARNING, __file__, 1, "bad input %s / %s", (EMAIL, "+44 20 7946 0958"), None
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "bad input [email] / [phone]"
    assert line["level"] == "warning" and line["logger"] == "thirdparty"
    assert redact("took 12.5 ms on 2026-11-24, port 8000") == "took 12.5 ms on 2026-11-24, port 8000"
