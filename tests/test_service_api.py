"""The /v1 routes with the shipped model: shapes, order, files, and every client-error status."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from classifier.pipeline import Analyser
from classifier.reading import from_text
from classifier.schema import Advert, Analysis
from service.app import create_app
from service.engine import Engine
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "data" / "samples" / "hcsw_band3.txt").read_text(encoding="utf-8")
SHORT = "Healthcare Support Worker, Band 3. The Care Certificate is essential. You will support people on the ward."


def client_for(analyser: Analyser, **settings: Any) -> TestClient:
    app = create_app(Settings(rate_limit_per_minute=0, **settings), loader=lambda: Engine(analyser))
    return TestClient(app)


@pytest.fixture(scope="module")
def client(analyser: Analyser) -> Iterator[TestClient]:
    with client_for(analyser) as test_client:
        assert test_client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        yield test_client


def minimal_pdf(line: str) -> bytes:
    """A one-page PDF with one line of Helvetica text, built here so no binary fixture is committed."""
    stream = f"BT /F1 11 Tf 50 800 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, io.SEEK_END)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def minimal_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---- Successful answers ----------------------------------------------------------------------------------


def test_analyse_returns_exactly_the_engine_analysis(client: TestClient, analyser: Analyser) -> None:
    response = client.post("/v1/analyse", json={"title": "Healthcare Support Worker", "text": SAMPLE})
    assert response.status_code == 200
    expected = analyser.analyse(from_text(SAMPLE, title="Healthcare Support Worker"))
    assert response.json() == json.loads(expected.model_dump_json())
    assert Analysis.model_validate(response.json()).band.value == "3"


def test_batch_answers_one_result_per_advert_in_order(client: TestClient) -> None:
    adverts = [
        {"id": "first", "text": SHORT},
        {
            "id": "second",
            "title": "Staff Nurse",
            "text": "Band 5 staff nurse on an acute ward. NMC registration essential.",
        },
        {"text": SAMPLE},
    ]
    response = client.post("/v1/analyse/batch", json={"adverts": adverts})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["id"] for item in results] == ["first", "second", None]
    assert all(item["error"] is None and item["analysis"] is not None for item in results)
    assert results[1]["analysis"]["band"]["value"] == "5"
    assert results[2]["analysis"]["band"]["value"] == "3"


class FragileAnalyser:
    """The real analyser, except that the fast path fails and so does the advert whose id is "bad"."""

    def __init__(self, real: Analyser) -> None:
        self.real = real

    def analyse_many(self, adverts: object) -> object:
        raise ValueError("a chunk failed")

    def analyse(self, advert: Advert) -> Analysis:
        if advert.id == "bad":
            raise ValueError("cannot analyse jane@example.org")
        return self.real.analyse(advert)


def test_batch_reports_a_failing_advert_without_sinking_the_others(analyser: Analyser) -> None:
    engine = Engine(analyser)
    engine.analyser = FragileAnalyser(analyser)  # type: ignore[assignment]
    app = create_app(Settings(rate_limit_per_minute=0), loader=lambda: engine)
    with TestClient(app) as test_client:
        assert app.state.model.loaded.wait(60)
        body = {
            "adverts": [
                {"id": "ok-1", "text": SHORT},
                {"id": "bad", "text": SHORT},
                {"id": "ok-2", "text": SAMPLE},
            ]
        }
        results = test_client.post("/v1/analyse/batch", json=body).json()["results"]
    assert [item["id"] for item in results] == ["ok-1", "bad", "ok-2"]
    assert results[1]["analysis"] is None and results[1]["error"]["code"] == "analysis_failed"
    assert "jane@example.org" not in results[1]["error"]["message"]
    assert results[0]["analysis"] and results[2]["analysis"]


@pytest.mark.parametrize(
    ("filename", "media_type", "content"),
    [
        ("advert.txt", "text/plain", SHORT.encode()),
        (
            "advert.html",
            "text/html",
            f"<html><body><h1>Healthcare Support Worker</h1><p>{SHORT}</p></body></html>".encode(),
        ),
        ("advert.docx", "application/octet-stream", minimal_docx(["Healthcare Support Worker", SHORT])),
        ("advert.pdf", "application/pdf", minimal_pdf(SHORT)),
    ],
)
def test_file_upload_returns_the_analysis_and_the_text_its_spans_index(
    client: TestClient, filename: str, media_type: str, content: bytes
) -> None:
    response = client.post(
        "/v1/analyse/file", files={"file": (filename, content, media_type)}, data={"title": "HCSW"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source_format"] == filename.rsplit(".", 1)[1].replace("txt", "text")
    assert body["analysis"]["title"] == "HCSW"
    assert "Care Certificate" in body["text"]
    care = [q for q in body["analysis"]["qualifications"] if q["id"] == "care_certificate"]
    assert care, body["analysis"]["qualifications"]
    span = care[0]["span"]
    assert body["text"][span["start"] : span["end"]] == span["text"]


def test_taxonomy_and_meta_describe_the_loaded_model(client: TestClient, analyser: Analyser) -> None:
    roles = client.get("/v1/taxonomy/roles").json()
    assert roles["taxonomy_version"] == analyser.taxonomy.version
    assert [role["id"] for role in roles["roles"]] == [role.id for role in analyser.taxonomy.top_roles()]
    meta = client.get("/v1/meta").json()
    assert meta == analyser.meta()
    assert meta["artifacts"] and all(len(digest) == 64 for digest in meta["artifacts"].values())


def test_health_readiness_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    schema = client.get("/openapi.json").json()
    analyse = schema["paths"]["/v1/analyse"]["post"]
    assert analyse["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Analysis")
    assert {"413", "415", "422", "503"} <= set(analyse["responses"])
    assert "security" not in analyse  # no API keys configured
    assert client.get("/docs").status_code == 200


# ---- Client errors: never a 500 -------------------------------------------------------------------------


def test_malformed_json_is_422(client: TestClient) -> None:
    for body in (b'{"text": "unfinished', b"\xff\xfe\x00not utf-8"):
        response = client.post("/v1/analyse", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][0] == "body"


def test_malformed_multipart_is_422_not_400(client: TestClient) -> None:
    """Broken multipart framing (found by schemathesis) is a malformed body like broken JSON."""
    boundary = "7c5156fb04a2177cf9e322ad31ebde44"
    body = f"--{boundary}\r\nNone--{boundary}--\r\n".encode()
    response = client.post(
        "/v1/analyse/file",
        content=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "body"


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        ("/v1/analyse", {"text": "x" * 100_001}, ["body", "text"]),
        ("/v1/analyse", {"text": " \n\t "}, ["body", "text"]),
        ("/v1/analyse", {"title": "t"}, ["body", "text"]),
        ("/v1/analyse", {"text": SHORT, "colour": "blue"}, ["body", "colour"]),
        ("/v1/analyse/batch", {"adverts": [{"text": SHORT}] * 101}, ["body", "adverts"]),
        ("/v1/analyse/batch", {"adverts": []}, ["body", "adverts"]),
        (
            "/v1/analyse/batch",
            {"adverts": [{"text": SHORT}, {"text": "y" * 100_001}]},
            ["body", "adverts", 1, "text"],
        ),
    ],
)
def test_limits_are_422_naming_the_field(
    client: TestClient, path: str, body: dict[str, object], loc: list[object]
) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == loc
    assert "input" not in detail[0]  # the advert is never echoed back


def test_limits_lowered_by_settings_give_the_same_422(analyser: Analyser) -> None:
    with client_for(analyser, max_text_chars=50, max_batch=2) as test_client:
        assert test_client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        long_text = test_client.post("/v1/analyse", json={"text": "z" * 51})
        many = test_client.post("/v1/analyse/batch", json={"adverts": [{"text": "ok"}] * 3})
        upload = test_client.post("/v1/analyse/file", files={"file": ("a.txt", b"w " * 40, "text/plain")})
    assert long_text.status_code == 422 and long_text.json()["detail"][0]["loc"] == ["body", "text"]
    assert "50 characters" in long_text.json()["detail"][0]["msg"]
    assert many.status_code == 422 and many.json()["detail"][0]["loc"] == ["body", "adverts"]
    assert upload.status_code == 422 and upload.json()["detail"][0]["loc"] == ["body", "file"]


@pytest.mark.parametrize(
    ("path", "kwargs"),
    [
        ("/v1/analyse", {"content": SHORT, "headers": {"Content-Type": "text/plain"}}),
        ("/v1/analyse", {"content": json.dumps({"text": SHORT})}),
        ("/v1/analyse", {"files": {"file": ("a.txt", b"text", "text/plain")}}),
        ("/v1/analyse/batch", {"data": {"adverts": "x"}}),
        ("/v1/analyse/file", {"json": {"text": SHORT}}),
    ],
)
def test_wrong_media_type_is_415(client: TestClient, path: str, kwargs: dict[str, Any]) -> None:
    response = client.post(path, **kwargs)
    assert response.status_code == 415
    assert "Send the request body as" in response.json()["detail"]


def test_unsupported_and_unreadable_files(client: TestClient) -> None:
    image = client.post(
        "/v1/analyse/file", files={"file": ("advert.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")}
    )
    assert image.status_code == 415 and "PNG" in image.json()["detail"]
    fake_pdf = client.post(
        "/v1/analyse/file", files={"file": ("advert.pdf", b"not really a pdf", "application/pdf")}
    )
    assert fake_pdf.status_code == 422 and fake_pdf.json()["detail"][0]["loc"] == ["body", "file"]
    empty = client.post("/v1/analyse/file", files={"file": ("advert.txt", b"   ", "text/plain")})
    assert empty.status_code == 422
    missing = client.post(
        "/v1/analyse/file", data={"title": "no file"}, files={"other": ("a.txt", b"x", "text/plain")}
    )
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "file"]


def test_oversized_bodies_are_413_declared_or_chunked(analyser: Analyser) -> None:
    with client_for(analyser, max_body_bytes=4096, max_upload_bytes=8192) as test_client:
        declared = test_client.post("/v1/analyse", json={"text": "a" * 5000})
        chunked = test_client.post(
            "/v1/analyse",
            content=(b"a" * 1024 for _ in range(8)),
            headers={"Content-Type": "application/json"},
        )
        big_body = test_client.post(
            "/v1/analyse/file", files={"file": ("a.txt", b"word " * 20_000, "text/plain")}
        )
        fits_envelope = test_client.post(
            "/v1/analyse/file", files={"file": ("a.txt", b"word " * 1700, "text/plain")}
        )
    assert declared.status_code == 413 and "4,096 bytes" in declared.json()["detail"]
    assert chunked.request.headers.get("transfer-encoding") == "chunked"
    assert chunked.status_code == 413
    assert big_body.status_code == 413 and "request body" in big_body.json()["detail"]
    assert fits_envelope.status_code == 413 and "file is larger" in fits_envelope.json()["detail"]


def test_unknown_routes_and_methods_answer_json(client: TestClient) -> None:
    assert client.get("/v1/nothing-here").json() == {"detail": "Not Found"}
    assert client.put("/v1/analyse").status_code == 405
