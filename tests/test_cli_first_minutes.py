"""What a newcomer meets first: a closed pipe, a taken port, an open address, a serving-only install."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from mhsw.commands.common import UsageError
from mhsw.commands.listen_checks import check_open_access, check_port_free, is_loopback

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "hcsw_band3.txt"


def mhsw(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MHSW_")}
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**clean, **(env or {})},
    )


def test_a_reader_that_stops_early_ends_the_command_quietly() -> None:
    """`mhsw analyse FILE | head`: the pipe is closed before anything is written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mhsw", "analyse", str(SAMPLE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the model takes a second to load, so every write meets a closed pipe
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert stderr == ""


@pytest.fixture
def taken_port() -> Iterator[tuple[str, int]]:
    with socket.socket() as holder:
        holder.bind(("0.0.0.0", 0))  # a listener on every address: any host collides
        holder.listen()
        yield "0.0.0.0", holder.getsockname()[1]


def test_a_taken_port_is_one_clear_line_and_exit_2(taken_port: tuple[str, int]) -> None:
    _, port = taken_port
    result = mhsw("serve", "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"mhsw: port {port} on 127.0.0.1 is already in use: stop the other server or choose another port "
        f"(make run PORT={port + 1}, or mhsw serve --port {port + 1})"
    ]


def test_mhsw_port_and_host_are_honoured(taken_port: tuple[str, int]) -> None:
    _, port = taken_port
    result = mhsw("serve", env={"MHSW_PORT": str(port), "MHSW_HOST": "127.0.0.1"})
    assert result.returncode == 2 and f"port {port} on 127.0.0.1 is already in use" in result.stderr


def test_an_open_api_on_every_address_is_refused_without_keys(taken_port: tuple[str, int]) -> None:
    _, port = taken_port
    result = mhsw("serve", "--host", "0.0.0.0", "--port", str(port))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "refusing to serve an open API on 0.0.0.0" in result.stderr and "MHSW_ALLOW_OPEN=1" in result.stderr
    allowed = mhsw("serve", "--host", "0.0.0.0", "--port", str(port), env={"MHSW_ALLOW_OPEN": "1"})
    assert allowed.returncode == 2 and "already in use" in allowed.stderr  # got past the open-API check
    keyed = mhsw(
        "serve", "--host", "0.0.0.0", "--port", str(port), env={"MHSW_API_KEYS": "k" * 32}
    )
    assert keyed.returncode == 2 and "already in use" in keyed.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_open_access_rules() -> None:
    check_open_access("127.0.0.1", has_api_keys=False, environ={})
    check_open_access("0.0.0.0", has_api_keys=True, environ={})
    check_open_access("0.0.0.0", has_api_keys=False, environ={"MHSW_ALLOW_OPEN": "1"})
    for value in ("", "0", "yes"):
        with pytest.raises(UsageError, match="refusing"):
            check_open_access("0.0.0.0", has_api_keys=False, environ={"MHSW_ALLOW_OPEN": value})


def test_a_free_port_passes_and_an_unknown_host_is_one_line() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    check_port_free("127.0.0.1", port)
    with pytest.raises(UsageError, match=r"cannot listen on no-such-host\.invalid"):
        check_port_free("no-such-host.invalid", port)


SLIM = textwrap.dedent(
    """
    import importlib.abc, sys
    HEAVY = {"sklearn", "pandas", "dask", "distributed", "matplotlib", "pyarrow"}

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in HEAVY:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, Block())
    from mhsw.cli import build_parser, main
    from service.app import serve_app  # the app factory uvicorn imports
    from classifier.pipeline import Analyser

    build_parser()
    analysis = Analyser.load().analyse("Healthcare Support Worker, Band 3. Care Certificate essential.")
    assert analysis.band.value == "3", analysis.band
    assert not HEAVY & {name.split(".")[0] for name in sys.modules}
    sys.exit(main(sys.argv[1:]))
    """
)


def test_serving_works_without_the_batch_report_and_training_libraries(tmp_path: Path) -> None:
    """What the Docker image holds (the serving lock): analyse and serve, and a clear line for the rest."""
    result = subprocess.run(
        [sys.executable, "-c", SLIM, "batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "mhsw: this command needs the batch extra (pyarrow is not installed): pip install 'mhsw[batch]'"
    ]
