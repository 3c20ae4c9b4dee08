"""API keys, the per-key rate limit, CORS, trusted hosts and the security headers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from classifier.pipeline import Analyser
from service.app import create_app
from service.engine import Engine
from service.security import RateLimiter, matching_key
from service.settings import Settings

KEY_A = "key-a-0123456789abcdef"
KEY_B = "key-b-0123456789abcdef"
TEXT = "Mental Health Support Worker, Band 3. The Care Certificate is essential."


@pytest.fixture
def start(analyser: Analyser) -> Iterator[Callable[..., TestClient]]:
    """Start apps with the given settings (model already loaded); all are shut down after the test."""
    with ExitStack() as stack:

        def make(**settings: Any) -> TestClient:
            app = create_app(Settings(**settings), loader=lambda: Engine(analyser))
            client = stack.enter_context(TestClient(app))
            assert app.state.model.loaded.wait(60)
            return client

        yield make


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_api_keys_guard_every_v1_route_but_not_health(start: Callable[..., TestClient]) -> None:
    client = start(api_keys=[KEY_A, KEY_B])
    calls: list[tuple[str, str, dict[str, Any]]] = [
        ("post", "/v1/analyse", {"json": {"text": TEXT}}),
        ("post", "/v1/analyse/batch", {"json": {"adverts": [{"text": TEXT}]}}),
        ("post", "/v1/analyse/file", {"files": {"file": ("a.txt", TEXT.encode(), "text/plain")}}),
        ("get", "/v1/taxonomy/roles", {}),
        ("get", "/v1/meta", {}),
    ]
    for method, path, kwargs in calls:
        missing = getattr(client, method)(path, **kwargs)
        assert missing.status_code == 401, path
        assert missing.headers["WWW-Authenticate"] == "Bearer"
        wrong = getattr(client, method)(path, headers=bearer("not-a-key-0123456789"), **kwargs)
        assert wrong.status_code == 401, path
        basic = getattr(client, method)(path, headers={"Authorization": f"Basic {KEY_A}"}, **kwargs)
        assert basic.status_code == 401, path
        assert getattr(client, method)(path, headers=bearer(KEY_B), **kwargs).status_code == 200, path
    for path in ("/healthz", "/readyz", "/metrics", "/"):
        assert client.get(path).status_code == 200
    schema = client.get("/openapi.json").json()
    assert schema["paths"]["/v1/meta"]["get"]["security"] == [{"HTTPBearer": []}]
    assert "401" in schema["paths"]["/v1/analyse"]["post"]["responses"]


def test_rate_limit_per_key_on_batch_and_file_routes(start: Callable[..., TestClient]) -> None:
    client = start(api_keys=[KEY_A, KEY_B], rate_limit_per_minute=1, rate_limit_burst=2)
    batch = {"adverts": [{"text": TEXT}]}
    assert [
        client.post("/v1/analyse/batch", json=batch, headers=bearer(KEY_A)).status_code for _ in range(2)
    ] == [200, 200]
    limited = client.post(
        "/v1/analyse/file", files={"file": ("a.txt", TEXT.encode(), "text/plain")}, headers=bearer(KEY_A)
    )
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert "slow down" in limited.json()["detail"]
    assert (
        client.post("/v1/analyse/batch", json=batch, headers=bearer(KEY_B)).status_code == 200
    )  # its own bucket
    assert (
        client.post("/v1/analyse", json={"text": TEXT}, headers=bearer(KEY_A)).status_code == 200
    )  # not limited


def test_rate_limit_without_keys_is_per_client_address(start: Callable[..., TestClient]) -> None:
    client = start(rate_limit_per_minute=1, rate_limit_burst=1)
    assert client.post("/v1/analyse/batch", json={"adverts": [{"text": TEXT}]}).status_code == 200
    assert client.post("/v1/analyse/batch", json={"adverts": [{"text": TEXT}]}).status_code == 429


def test_token_bucket_refills_and_forgets_idle_clients() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    assert [limiter.acquire("a"), limiter.acquire("a")] == [0.0, 0.0]
    assert limiter.acquire("a") == pytest.approx(1.0)
    now[0] = 0.5
    assert limiter.acquire("a") == pytest.approx(0.5)
    now[0] = 1.0
    assert limiter.acquire("a") == 0.0
    assert RateLimiter(per_minute=0, burst=1).acquire("anyone") == 0.0  # 0 turns the limit off
    now[0] = 100.0
    limiter._forget_idle(now[0])
    assert limiter.buckets == {}


def test_key_matching_is_exact() -> None:
    keys = [SecretStr(KEY_A), SecretStr(KEY_B)]
    assert matching_key(KEY_B, keys) == 1
    assert matching_key(KEY_A[:-1], keys) is None
    assert matching_key("", keys) is None


def test_settings_refuse_wildcard_origins_and_weak_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValidationError, match="'\\*' is refused"):
        Settings(cors_origins=["*"])
    with pytest.raises(ValidationError, match="at least 16 characters"):
        Settings(api_keys=[SecretStr("short")])
    monkeypatch.setenv("MHSW_API_KEYS", f"{KEY_A}, {KEY_B}")
    monkeypatch.setenv("MHSW_CORS_ORIGINS", "https://hr.example.nhs.uk,https://ats.example.com")
    settings = Settings()
    assert [key.get_secret_value() for key in settings.api_keys] == [KEY_A, KEY_B]
    assert settings.cors_origins == ["https://hr.example.nhs.uk", "https://ats.example.com"]
    assert KEY_A not in repr(settings)


def test_cors_is_off_by_default_and_an_allow_list_when_set(start: Callable[..., TestClient]) -> None:
    origin = {"Origin": "https://hr.example.nhs.uk"}
    plain = start()
    assert "access-control-allow-origin" not in plain.get("/healthz", headers=origin).headers
    allowed = start(cors_origins=["https://hr.example.nhs.uk"])
    assert (
        allowed.get("/healthz", headers=origin).headers["access-control-allow-origin"]
        == "https://hr.example.nhs.uk"
    )
    other = allowed.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_trusted_hosts_when_configured(start: Callable[..., TestClient]) -> None:
    client = start(trusted_hosts=["mhsw.example.nhs.uk"])
    assert client.get("/healthz", headers={"Host": "mhsw.example.nhs.uk"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "attacker.example"}).status_code == 400


def test_security_headers_and_csp_without_inline_scripts(start: Callable[..., TestClient]) -> None:
    client = start()
    page = client.get("/")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    api = client.post("/v1/analyse", json={"text": TEXT})
    assert api.headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in client.get("/v1/nothing").headers
    docs = client.get("/docs").headers["Content-Security-Policy"]
    assert "script-src 'self';" in docs


def test_docs_can_be_turned_off(start: Callable[..., TestClient]) -> None:
    client = start(docs=False)
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 404
