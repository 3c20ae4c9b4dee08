"""A stream of hostile requests against `mhsw serve`, checked against issue 11's "Done when" list.

Starts `mhsw serve` (one worker, rate limit off, history off) on a free loopback port, then for --duration
seconds sends requests from the hostile generator (`tests/hostile.py`: long symbol runs, nested and wide
HTML, lying zip bombs, operator-heavy PDFs, malformed bodies) at --concurrency, while one thread polls
/healthz and another sends an ordinary advert every second. Prints each check and exits 1 if one fails:
no 500, no answer later than its deadline plus one second, /healthz under 100 ms, the ordinary advert
answered throughout, resident memory under 1 GB and back within 20% of its start after the stream.

    python -m benchmarks.hostile_stream [--duration 60] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
HOST = "127.0.0.1"
ANALYSIS_DEADLINE, PARSE_DEADLINE = 5.0, 10.0
ORDINARY = (
    "Healthcare Support Worker, Band 3. You will support people with mental health needs on the ward. "
    "Essential: Care Certificate. Salary £24,071 to £25,674 a year."
)


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    late: list[str] = field(default_factory=list)
    health_ms: list[float] = field(default_factory=list)
    ordinary_failures: int = 0
    ordinary_sent: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _requests() -> list[tuple[str, Callable[[httpx.Client], httpx.Response], float]]:
    """(name, send, deadline in seconds) for every hostile request the generator makes."""
    from hostile import docx_bomb, hostile_texts, nested_html, operator_heavy_pdf, wide_html

    out: list[tuple[str, Callable[[httpx.Client], httpx.Response], float]] = []
    for name, text in hostile_texts(100_000).items():
        out.append((f"text {name}", lambda c, t=text: c.post("/v1/analyse", json={"text": t}), ANALYSIS_DEADLINE))
    files = {
        "nested.html": nested_html(500),
        "wide.html": wide_html(200_000),
        "bomb.docx": docx_bomb(200_000_000),
        "ops.pdf": operator_heavy_pdf(300_000),
        "ops-small.pdf": operator_heavy_pdf(90_000),
    }
    for filename, data in files.items():
        out.append(
            (f"file {filename}", lambda c, f=filename, d=data: c.post("/v1/analyse/file", files={"file": (f, d)}),
             PARSE_DEADLINE + ANALYSIS_DEADLINE)
        )  # fmt: skip
    out.append(("bad json", lambda c: c.post("/v1/analyse", content=b"[" * 100_000, headers={"content-type": "application/json"}), 1.0))
    batch = {"adverts": [{"text": "!" * 20_000} for _ in range(20)]}
    out.append(("batch of symbol runs", lambda c: c.post("/v1/analyse/batch", json=batch), ANALYSIS_DEADLINE * 3))
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _rss_mb(pid: int) -> float:
    """Resident memory of `pid` from /proc (Linux; the benchmark targets the project's Linux servers)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def _attacker(base: str, work: list, stop: threading.Event, tally: Tally, offset: int) -> None:  # type: ignore[type-arg]
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, send, deadline in itertools.islice(itertools.cycle(work), offset, None):
            if stop.is_set():
                return
            started = time.perf_counter()
            status = send(client).status_code
            took = time.perf_counter() - started
            with tally.lock:
                tally.statuses[status] += 1
                if took > deadline + 1:
                    tally.late.append(f"{name}: {took:.1f} s (deadline {deadline:g} s)")


def _watchers(base: str, stop: threading.Event, tally: Tally) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        next_ordinary = 0.0
        while not stop.is_set():
            started = time.perf_counter()
            client.get("/healthz")
            tally.health_ms.append((time.perf_counter() - started) * 1000)
            if started >= next_ordinary:
                next_ordinary = started + 1.0
                tally.ordinary_sent += 1
                if client.post("/v1/analyse", json={"text": ORDINARY}).status_code != 200:
                    tally.ordinary_failures += 1
            time.sleep(0.2)


def _start(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MHSW_RATE_LIMIT_PER_MINUTE": "0", "MHSW_HISTORY": "false", "MHSW_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "mhsw", "serve", "--host", HOST, "--port", str(port), "--workers", "1"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            if httpx.get(f"http://{HOST}:{port}/readyz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server never became ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    work = _requests()
    port = _free_port()
    server = _start(port)
    base = f"http://{HOST}:{port}"
    process = server.pid
    try:
        httpx.post(f"{base}/v1/analyse", json={"text": ORDINARY}, timeout=60)
        start_mb = _rss_mb(process)
        tally, stop = Tally(), threading.Event()
        threads = [threading.Thread(target=_watchers, args=(base, stop, tally))]
        threads += [
            threading.Thread(target=_attacker, args=(base, work, stop, tally, i * 3)) for i in range(args.concurrency)
        ]
        peak_mb = start_mb
        for thread in threads:
            thread.start()
        ends = time.perf_counter() + args.duration
        while time.perf_counter() < ends:
            peak_mb = max(peak_mb, _rss_mb(process))
            time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join()
        time.sleep(3)
        end_mb = _rss_mb(process)
    finally:
        server.terminate()
        server.wait(30)
    _report(tally, start_mb, peak_mb, end_mb, args)


def _report(tally: Tally, start_mb: float, peak_mb: float, end_mb: float, args: argparse.Namespace) -> None:
    health = sorted(tally.health_ms)
    p95 = health[int(0.95 * (len(health) - 1))]
    checks = {
        "no 500 (statuses: " + ", ".join(f"{k}x{v}" for k, v in sorted(tally.statuses.items())) + ")":
            not any(status >= 500 and status != 503 for status in tally.statuses),
        f"no answer over its deadline + 1 s ({len(tally.late)} late)": not tally.late,
        f"/healthz under 100 ms (max {health[-1]:.1f} ms, p95 {p95:.1f} ms over {len(health)} polls)": health[-1] < 100,
        f"ordinary advert answered ({tally.ordinary_sent - tally.ordinary_failures}/{tally.ordinary_sent})":
            tally.ordinary_failures == 0,
        f"RSS under 1 GB (start {start_mb:.0f} MB, peak {peak_mb:.0f} MB)": peak_mb < 1024,
        f"RSS back within 20% of start (after {end_mb:.0f} MB)": end_mb <= start_mb * 1.2,
    }  # fmt: skip
    print(f"hostile stream: {args.duration:g} s at concurrency {args.concurrency}, {sum(tally.statuses.values())} requests")
    for late in tally.late[:10]:
        print(f"  late: {late}")
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    raise SystemExit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
