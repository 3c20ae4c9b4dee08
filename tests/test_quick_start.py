"""The Makefile's quick start without installing anything: the Python check, HOST/PORT, the install stamps.

CI runs the real thing (`.ci/run`: `make test` and `.ci/make-run-check` with the system Python marked
externally managed); these checks keep the Makefile's rules honest on every test run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The Makefile beside a pyproject.toml and lock files, and a .venv that looks installed."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "requirements").mkdir()
    for lock in ("serve.txt", "full.txt"):
        (tmp_path / "requirements" / lock).write_text("")
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("")
    time.sleep(0.01)
    for stamp in (".installed-serve", ".installed-full"):
        (venv / stamp).touch()
    return tmp_path


def test_the_lock_files_exist_and_are_hash_checked() -> None:
    for lock in ("serve.txt", "full.txt"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        assert "make lock" in text.splitlines()[1] and "--hash=sha256:" in text


def test_an_old_python_is_one_clear_line(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    shutil.rmtree(project / ".venv")
    fake = tmp_path_factory.mktemp("bin") / "python3.10"
    fake.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.10.12" && exit 0\nexit 1\n')
    fake.chmod(0o755)
    result = make(project, "run", f"PYTHON={fake}")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"mhsw needs Python 3.11 or newer; '{fake}' is Python 3.10.12. "
        "Install Python 3.11+ and run: make run PYTHON=python3.11"
    )
    assert not (project / ".venv").exists()


def test_installs_only_when_pyproject_or_a_lock_changed(project: Path) -> None:
    assert make(project, "-q", "install").returncode == 0  # up to date: `make run` starts at once
    assert make(project, "-q", "install-dev").returncode == 0
    time.sleep(0.01)
    (project / "requirements" / "serve.txt").touch()
    assert make(project, "-q", "install").returncode == 1
    assert make(project, "-q", "install-dev").returncode == 0
    time.sleep(0.01)
    (project / "pyproject.toml").touch()
    assert make(project, "-q", "install-dev").returncode == 1
    planned = make(project, "-n", "install").stdout
    assert "--require-hashes --no-deps -r requirements/serve.txt" in planned
    assert ".venv/bin/python -m pip install" in planned  # into the project's venv, never the system Python


def test_host_and_port_from_make_or_left_to_mhsw_serve(project: Path) -> None:
    default = make(project, "-n", "run").stdout
    assert default.strip().endswith(".venv/bin/python -m mhsw serve")  # MHSW_HOST / MHSW_PORT then apply
    given = make(project, "-n", "run", "HOST=0.0.0.0", "PORT=8001").stdout
    assert given.strip().endswith("-m mhsw serve --host 0.0.0.0 --port 8001")
    stray = make(project, "-n", "run", env={"HOST": "some-machine-name"}).stdout  # e.g. a shell's own HOST
    assert "--host" not in stray


def _pins(lock: str) -> dict[str, set[str]]:
    pins: dict[str, set[str]] = {}
    for line in (ROOT / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        if line[:1].isalpha():
            name, _, version = line.split(" ")[0].partition("==")
            pins.setdefault(name, set()).add(version)
    return pins


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_the_locks_hold_every_dependency_of_pyproject() -> None:
    """Fails when pyproject.toml gained a dependency after the last `make lock`."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    serve, full = _pins("serve.txt"), _pins("full.txt")
    assert _names(project["dependencies"]) <= set(serve), "run `make lock`"
    extras = [r for group in project["optional-dependencies"].values() for r in group if not r.startswith("mhsw")]
    assert _names(extras) <= set(full), "run `make lock`"


def test_the_serving_lock_takes_the_full_lock_versions() -> None:
    """So `make run` after `make test` (or the other way round) reinstalls nothing."""
    serve, full = _pins("serve.txt"), _pins("full.txt")
    assert all(versions <= full.get(name, set()) for name, versions in serve.items())
