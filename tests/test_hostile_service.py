"""The service under hostile input: files over a budget get 422 naming it, a slow analysis gets 503 with
Retry-After and frees the caller, and ordinary requests still work (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hostile import docx_bomb, hostile_texts, nested_html, operator_heavy_pdf, wide_html

from classifier.pipeline import Analyser
from service.app import create_app
from service.engine import Engine
from service.settings import Settings

ADVERT = "Healthcare Support Worker, Band 3. The Care Certificate is essential. You will support people on the ward."


def client_for(analyser: Analyser, **settings: Any) -> TestClient:
    app = create_app(Settings(rate_limit_per_minute=0, history=False, **settings), loader=lambda: Engine(analyser))
    return TestClient(app)


@pytest.fixture(scope="module")
def client(analyser: Analyser) -> Iterator[TestClient]:
    with client_for(analyser, analysis_deadline_seconds=120, parse_deadline_seconds=120) as test_client:
        assert test_client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        yield test_client


@pytest.mark.parametrize(
    ("make", "filename", "limit"),
    [
        (lambda: nested_html(500), "page.html", "nested more than 256"),
        (lambda: wide_html(200_000), "page.html", "100,000 elements"),
        (lambda: operator_heavy_pdf(300_000), "advert.pdf", "512 KB of drawing instructions"),
        (lambda: docx_bomb(200_000_000), "advert.docx", "not what its headers declare"),
    ],
)
def test_hostile_uploads_get_422_naming_the_limit(client: TestClient, make, filename: str, limit: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/v1/analyse/file", files={"file": (filename, make())})
    assert response.status_code == 422
    assert limit in response.json()["detail"][0]["msg"]


def test_an_upload_over_the_parse_deadline_gets_422(analyser: Analyser) -> None:
    with client_for(analyser, parse_deadline_seconds=0.001) as slow:
        assert slow.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        response = slow.post("/v1/analyse/file", files={"file": ("advert.txt", ADVERT.encode())})
    assert response.status_code == 422
    assert "0.001 s limit" in response.json()["detail"][0]["msg"]


def test_an_upload_over_the_memory_limit_gets_422(analyser: Analyser) -> None:
    with client_for(analyser, parse_memory_bytes=64 * 1024 * 1024) as small:
        assert small.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        response = small.post("/v1/analyse/file", files={"file": ("advert.txt", ADVERT.encode())})
    assert response.status_code == 422
    assert "memory limit" in response.json()["detail"][0]["msg"]


def test_uploads_are_parsed_in_a_child_and_ordinary_files_still_work(client: TestClient) -> None:
    response = client.post("/v1/analyse/file", files={"file": ("advert.txt", ADVERT.encode())})
    assert response.status_code == 200
    assert response.json()["analysis"]["role"]["id"]


def test_an_analysis_over_its_deadline_gets_503_with_retry_after(analyser: Analyser) -> None:
    with client_for(analyser, analysis_deadline_seconds=0.000001) as hurried:
        assert hurried.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        response = hurried.post("/v1/analyse", json={"text": ADVERT * 200})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "1"
        assert "limit" in response.json()["detail"]
        assert hurried.get("/healthz").status_code == 200


@pytest.mark.parametrize("name", ["run '!'", "run '£'", "run '😀'", "advert with '!' tail", "run 'a\u0301'"])
def test_hostile_texts_of_the_full_length_are_analysed(client: TestClient, name: str) -> None:
    response = client.post("/v1/analyse", json={"text": hostile_texts(100_000)[name]})
    assert response.status_code == 200
