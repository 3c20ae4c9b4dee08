"""`mhsw batch --progress`: a bar on a terminal, a log line every 10 s anywhere else, nothing with none."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_batch_support import ADVERTS, write_jsonl

from batch.progress import BarProgress, LogProgress, NoProgress, make_progress, resolve_mode
from batch.readers import INPUT_FORMATS
from mhsw.commands import batch as batch_command

ROOT = Path(__file__).resolve().parent.parent
LOG_LINE = re.compile(
    r"^mhsw batch: \d\d:\d\d:\d\d (?P<done>[\d,]+) of (?P<total>[\d,]+) rows \((?P<share>\d+)%\), "
    r"(?P<rate>[\d,.]+) rows/s, (?P<errors>[\d,]+) errors, (?P<left>.+)$"
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_log_lines_come_at_most_every_ten_seconds_with_rows_rate_errors_and_time_left() -> None:
    clock, stream = FakeClock(), io.StringIO()
    progress = LogProgress(total=10_000, initial=0, stream=stream, clock=clock)
    clock.now += 4
    progress.update(1000, errors=2)  # 4 s in: too soon for a line
    assert stream.getvalue() == ""
    clock.now += 6
    progress.update(1000, errors=1)  # 10 s in: 2,000 rows at 200 rows/s, 8,000 left = 40 s
    clock.now += 5
    progress.update(1000)  # 15 s in: only 5 s since the last line
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    found = LOG_LINE.match(lines[0])
    assert found, lines[0]
    assert found["done"] == "2,000" and found["total"] == "10,000" and found["share"] == "20"
    assert found["rate"] == "200.0" and found["errors"] == "3" and found["left"] == "about 40 s left"
    clock.now += 60
    progress.close()  # the run ends: one last line with the final count
    last = LOG_LINE.match(stream.getvalue().splitlines()[-1])
    assert last and last["done"] == "3,000" and last["left"] == "about 2 min 55 s left"  # 40 rows/s, 7,000 left


def test_a_log_without_a_known_total_says_so_and_a_resumed_run_counts_from_where_it_was() -> None:
    clock, stream = FakeClock(), io.StringIO()
    progress = LogProgress(total=None, initial=500, stream=stream, clock=clock)
    clock.now += 10
    progress.update(100)
    assert stream.getvalue().rstrip().endswith("600 rows, 10.0 rows/s, 0 errors, total unknown")


def test_close_without_updates_writes_nothing() -> None:
    stream = io.StringIO()
    LogProgress(total=5, initial=0, stream=stream, clock=FakeClock()).close()
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("setting", "terminal", "mode"),
    [
        ("auto", True, "bar"),
        ("auto", False, "log"),
        (None, False, "log"),
        ("bar", False, "bar"),
        ("log", True, "log"),
        ("none", True, "none"),
        (True, False, "bar"),
        (False, True, "none"),
    ],
)
def test_modes(setting: bool | str | None, terminal: bool, mode: str) -> None:
    stream = Terminal() if terminal else io.StringIO()
    assert resolve_mode(setting, stream) == mode
    made = make_progress(setting, 10, stream=stream)
    expected = {"bar": BarProgress, "log": LogProgress, "none": NoProgress}[mode]
    assert isinstance(made, expected)
    made.close()


def test_the_bar_shows_errors_beside_the_count() -> None:
    stream = Terminal()
    bar = make_progress("bar", 10, stream=stream)
    bar.update(4, errors=2)
    bar.close()
    assert "4/10" in stream.getvalue() and "errors=2" in stream.getvalue()


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="progress must be one of"):
        resolve_mode("sometimes", io.StringIO())


def test_the_command_offers_the_same_choices_as_the_library() -> None:
    from batch.progress import PROGRESS_MODES

    assert batch_command.PROGRESS_CHOICES == PROGRESS_MODES
    assert batch_command.INPUT_FORMATS == INPUT_FORMATS


def batch_run(tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    source = write_jsonl(tmp_path / "in.jsonl", [*ADVERTS, '{"broken'])
    return subprocess.run(
        [sys.executable, "-m", "mhsw", "batch", str(source), "-o", str(tmp_path / "out.jsonl"), *options],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_without_a_terminal_the_command_logs_plain_lines_on_stderr(tmp_path: Path) -> None:
    result = batch_run(tmp_path)  # stderr is a pipe here, as under nohup or a cluster job
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr and "Traceback" not in result.stderr
    progress = [LOG_LINE.match(line) for line in result.stderr.splitlines()]
    found = [m for m in progress if m]
    assert found, result.stderr
    rows = len(ADVERTS) + 1
    assert found[-1]["done"] == f"{rows}" and found[-1]["total"] == f"{rows}" and found[-1]["errors"] == "1"
    assert result.stderr.splitlines()[-1].startswith(f"mhsw batch: {rows} rows in")


def test_progress_none_prints_only_the_summary(tmp_path: Path) -> None:
    result = batch_run(tmp_path, "--progress", "none")
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "rows in" in result.stderr
