"""Batch rows that used to end the run become error rows; one writer per output; workers die with the parent."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import deep_json_line, hostile_rows
from test_batch_support import ADVERTS, FakeAnalyser, read_jsonl

from batch.config import BatchConfig
from batch.errors import BatchUsageError
from batch.local import run_local
from batch.lock import OutputLock
from batch.rows import Columns

ROOT = Path(__file__).resolve().parent.parent


def _mixed_input(path: Path) -> list[str]:
    lines = []
    for i in range(3):
        for advert in ADVERTS:
            lines.append(json.dumps({**advert, "id": f"{advert['id']}-{i}"}))
        lines.extend(hostile_rows())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


class _StopsAfter(FakeAnalyser):
    """Stands in for a run killed part way: interrupts on its `calls`-th chunk."""

    def __init__(self, calls: int) -> None:
        super().__init__()
        self.calls = calls

    def analyse_many(self, adverts, batch_size=64):  # type: ignore[no-untyped-def]
        self.calls -= 1
        if self.calls == 0:
            raise KeyboardInterrupt
        return super().analyse_many(adverts, batch_size)


def test_hostile_rows_become_error_rows_and_resume_passes_them(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = _mixed_input(source)
    config = BatchConfig(
        input=source, output=output, columns=Columns(keep=("employer_type",)), chunk_size=4, progress="none"
    )
    with pytest.raises(KeyboardInterrupt):
        run_local(config, _StopsAfter(calls=5))
    resumed = run_local(BatchConfig(**{**config.__dict__, "resume": True}), FakeAnalyser())
    assert resumed.chunks_resumed > 0
    rows = read_jsonl(output)
    assert len(rows) == len(lines) == resumed.rows_in
    errors = [row for row in rows if "error" in row]
    assert len(errors) == 3 * 3  # per copy: the deep line, the 5,000-digit id, the surrogate id
    reasons = {e["error"].split(":")[0] for e in errors}
    assert reasons == {"not a valid JSON line", "id is not valid Unicode (it holds a lone surrogate)"}
    replaced = [row for row in rows if row.get("id") == "s2"]
    assert replaced and replaced[0]["input"]["employer_type"] == "\ufffd"


def test_deeply_nested_kept_column_is_summarised(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    deep = "[" * 900 + "]" * 900
    source.write_text(
        '{"id": "a", "text": "Support worker in a team.", "extra": ' + deep + "}\n" + deep_json_line(2000) + "\n"
    )
    config = BatchConfig(input=source, output=output, columns=Columns(keep=("extra",)), progress="none")
    run_local(config, FakeAnalyser())
    rows = read_jsonl(output)
    assert len(rows) == 2 and "nested over" in json.dumps(rows[0]["input"]["extra"])


def test_a_second_run_on_an_output_in_use_fails_at_once(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _mixed_input(source)
    with OutputLock(output):
        for overwrite in (False, True):
            config = BatchConfig(input=source, output=output, overwrite=overwrite, progress="none")
            with pytest.raises(BatchUsageError, match=f"being written by another run \\(pid {os.getpid()}"):
                run_local(config, FakeAnalyser())
    assert not output.exists()
    run_local(BatchConfig(input=source, output=output, progress="none"), FakeAnalyser())  # lock released
    assert output.is_file()


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True).stdout
    return [int(x) for x in found.split()]


def _alive(pid: int) -> bool:
    state = subprocess.run(["ps", "-p", str(pid), "-o", "stat="], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses ps and Linux process groups")
def test_pool_workers_die_with_their_parent(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({**ADVERTS[0], "id": str(i)}) + "\n" for i in range(20_000)))
    parent = subprocess.Popen(
        [sys.executable, "-m", "mhsw", "batch", str(source), "--output", str(tmp_path / "out.jsonl"),
         "--workers", "2", "--chunk-size", "50", "--progress", "none"],
        cwd=ROOT, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(600):
            workers = _children(parent.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "the pool never started"
        time.sleep(2)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        for _ in range(100):
            if not any(_alive(pid) for pid in workers):
                break
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_an_advert_past_the_row_deadline_becomes_an_error_row(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(advert) + "\n" for advert in ADVERTS[:3]))
    config = BatchConfig(input=source, output=output, row_seconds=0.05, progress="none")
    summary = run_local(config, FakeAnalyser(delay=1.0))
    rows = read_jsonl(output)
    assert summary.rows_in == 3 and len(rows) == 3
    assert all(row["error"] == "analysis took longer than the 0.05 s limit" for row in rows)
