"""`mhsw analyse` and `mhsw serve` on hostile files: one stderr line and a clear exit code, never a traceback."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
from hostile import nested_html

from classifier.artifacts import default_model_dir

ROOT = Path(__file__).resolve().parent.parent


def mhsw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_analyse_on_a_5_mb_text_file_says_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Support worker. " * 330_000)
    result = mhsw("analyse", str(big))
    assert result.returncode == 2
    assert "over the 100,000 limit" in _one_line(result)


def test_analyse_on_deeply_nested_html_says_the_limit(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(nested_html(500))
    result = mhsw("analyse", str(page))
    assert result.returncode == 2
    assert "nested more than" in _one_line(result)


def test_serve_refuses_a_model_whose_arrays_are_pickled(tmp_path: Path) -> None:
    model = tmp_path / "model"
    shutil.copytree(default_model_dir(), model)
    arrays = dict(np.load(model / "band_model.npz"))
    arrays[next(iter(arrays))] = np.array([object(), object()], dtype=object)
    np.savez(model / "band_model.npz", **arrays)  # type: ignore[arg-type]
    manifest = json.loads((model / "manifest.json").read_text())
    manifest["files"]["band_model.npz"] = hashlib.sha256((model / "band_model.npz").read_bytes()).hexdigest()
    (model / "manifest.json").write_text(json.dumps(manifest))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = str(sock.getsockname()[1])
    result = mhsw("serve", "--port", port, "--model", str(model))
    assert result.returncode == 1
    assert "pickle" in _one_line(result)
