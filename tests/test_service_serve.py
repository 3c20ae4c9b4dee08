"""`mhsw serve`: refuses a tampered model or a bad setting with one clear line, and serves with 2 workers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from classifier.artifacts import default_model_dir, verify_model
from classifier.errors import ModelIntegrityError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _slow_only_when_asked(request: pytest.FixtureRequest) -> None:
    """Slow tests run only when selected (`pytest -m slow`), so the default run stays quick."""
    if request.node.get_closest_marker("slow") and "slow" not in request.config.getoption("markexpr"):
        pytest.skip("slow: run with `pytest -m slow`")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_command(port: int, *args: str) -> list[str]:
    return [sys.executable, "-m", "mhsw", "serve", "--host", "127.0.0.1", "--port", str(port), *args]


def serve(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    command = serve_command(free_port(), *args)
    return subprocess.run(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(default_model_dir(), target)
    return target


def model_file(model: Path) -> Path:
    return next(path for path in sorted(model.iterdir()) if path.name != "manifest.json")


def test_tampered_model_stops_serve_with_one_clear_line(model_copy: Path) -> None:
    victim = model_file(model_copy)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    result = serve("--model", str(model_copy))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mhsw: model error: model file ")
    assert victim.name in lines[0] and "does not match its manifest" in lines[0]


def test_missing_model_file_and_manifest_are_refused(model_copy: Path) -> None:
    model_file(model_copy).unlink()
    with pytest.raises(ModelIntegrityError, match="model file missing"):
        verify_model(model_copy)
    (model_copy / "manifest.json").unlink()
    with pytest.raises(ModelIntegrityError, match="no manifest"):
        verify_model(model_copy)
    assert verify_model(None) == default_model_dir().resolve()


def test_bad_setting_is_a_usage_error_naming_the_variable() -> None:
    result = serve(env={"MHSW_API_KEYS": "short"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "mhsw: invalid setting api_keys (MHSW_API_KEYS): Value error, every API key must be at least 16 characters long"
    ]


@pytest.mark.slow
def test_two_workers_serve_and_share_their_metrics() -> None:
    port = free_port()
    command = serve_command(port, "--workers", "2")
    env = {key: value for key, value in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        ready_in_a_row, deadline = 0, time.monotonic() + 180
        while ready_in_a_row < 10 and time.monotonic() < deadline:  # fresh connections reach both workers
            try:
                ready_in_a_row = (
                    ready_in_a_row + 1 if httpx.get(f"{url}/readyz", timeout=2).status_code == 200 else 0
                )
            except httpx.TransportError:
                ready_in_a_row = 0
            time.sleep(0.1)
        assert ready_in_a_row >= 10, "the workers did not become ready"
        text = "Healthcare Support Worker, Band 3. The Care Certificate is essential."
        for _ in range(20):
            assert httpx.post(f"{url}/v1/analyse", json={"text": text}, timeout=10).status_code == 200
        metrics = httpx.get(f"{url}/metrics", timeout=5).text
        assert 'mhsw_http_requests_total{method="POST",route="/v1/analyse",status="200"} 20.0' in metrics
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert '"logger": "mhsw.access"' in stderr and text not in stderr
