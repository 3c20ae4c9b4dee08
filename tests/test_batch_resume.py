"""A run killed with SIGKILL part way, then resumed, gives exactly the output of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from test_batch_support import read_jsonl, repeated, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
ROWS, CHUNK = 200, 10
SCRIPT = """
import sys
from pathlib import Path
from typing import Any

from test_batch_support import FakeAnalyser
from batch.config import BatchConfig
from batch.local import run_local

if __name__ == "__main__":
    source, output, mode, workers = sys.argv[1:5]
    config = BatchConfig(
        Path(source), Path(output), chunk_size=int(sys.argv[5]), workers=int(workers),
        resume=mode == "resume", loader=FakeAnalyser.load, progress=False,
    )
    run_local(config)
"""


def start(tmp_path: Path, output: str, mode: str, workers: int, delay: float) -> subprocess.Popen[bytes]:
    script = tmp_path / "run_batch.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
        "MHSW_TEST_FAKE_DELAY": str(delay),
    }
    command = [
        sys.executable,
        str(script),
        str(tmp_path / "in.jsonl"),
        str(tmp_path / output),
        mode,
        str(workers),
    ]
    return subprocess.Popen([*command, str(CHUNK)], env=env, cwd=tmp_path, stderr=subprocess.PIPE)


def wait_for_first_chunk(manifest: Path, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if json.loads(manifest.read_text())["chunks"]:
                return
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            pass
        time.sleep(0.01)
    raise AssertionError(f"no chunk recorded before the run ended: {process.communicate()[1]!r}")


def test_killed_run_resumes_to_the_same_output_with_no_row_lost_or_duplicated(tmp_path: Path) -> None:
    rows: list[dict[str, Any] | str] = list(repeated(ROWS))
    rows[25] = "{a broken line"
    write_jsonl(tmp_path / "in.jsonl", rows)
    clean = start(tmp_path, "clean.jsonl", "fresh", 1, 0.0)
    assert clean.wait(timeout=120) == 0, clean.communicate()[1]

    victim = start(tmp_path, "out.jsonl", "fresh", 1, 0.02)
    manifest = tmp_path / "out.jsonl.manifest.json"
    wait_for_first_chunk(manifest, victim)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait(timeout=30) == -signal.SIGKILL
    done_before = set(json.loads(manifest.read_text())["chunks"])
    assert 1 <= len(done_before) < ROWS // CHUNK
    assert not (tmp_path / "out.jsonl").exists()

    resumed = start(tmp_path, "out.jsonl", "resume", 2, 0.0)
    assert resumed.wait(timeout=120) == 0, resumed.communicate()[1]
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "clean.jsonl").read_bytes()
    ids = [row["id"] for row in read_jsonl(tmp_path / "out.jsonl")]
    assert len(ids) == len(set(ids)) == ROWS
    summary = json.loads(manifest.read_text())["summary"]
    assert summary["chunks_resumed"] == len(done_before)
    assert summary["rows_in"] == ROWS and summary["rows_this_run"] == ROWS - CHUNK * len(done_before)
