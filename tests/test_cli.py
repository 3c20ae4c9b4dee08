"""End-to-end tests of the `mhsw` command line, run as a real subprocess."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "hcsw_band3.txt"


def mhsw(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_analyse_json() -> None:
    result = mhsw("analyse", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert analysis["role"]["id"] == "healthcare_support_worker"
    assert analysis["band"]["value"] == "3"


def test_analyse_text_summary_from_stdin() -> None:
    result = mhsw(
        "analyse",
        "-",
        "--format",
        "text",
        "--title",
        "Peer Support Worker",
        stdin="Use your lived experience to support people in recovery.",
    )
    assert result.returncode == 0, result.stderr
    assert "Peer Support Worker [peer_support_worker]" in result.stdout


def test_missing_file_exits_2_with_one_line() -> None:
    result = mhsw("analyse", "no-such-advert.txt")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_input_exits_2() -> None:
    result = mhsw("analyse", "-", stdin="   \n")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_bad_arguments_exit_2() -> None:
    assert mhsw("analyse").returncode == 2
    assert mhsw("analyse", str(SAMPLE), "--format", "xml").returncode == 2


def test_tampered_model_is_refused(tmp_path: Path) -> None:
    from classifier.artifacts import default_model_dir

    copy = tmp_path / "model"
    shutil.copytree(default_model_dir(), copy)
    path = copy / "band_model.npz"
    data = bytearray(path.read_bytes())
    data[100] ^= 0x01
    path.write_bytes(bytes(data))
    result = mhsw("analyse", str(SAMPLE), "--model", str(copy))
    assert result.returncode == 1
    assert "does not match its manifest" in result.stderr
    assert "Traceback" not in result.stderr
