"""Load benchmark of `mhsw serve` on loopback: requests/s and p50/p99 latency of POST /v1/analyse with
2,000-character adverts at each concurrency, the CPU time per request of the workers and of the client
(which other load on a shared machine barely changes), and the memory (RSS) of every worker afterwards.

Starts the server itself on 127.0.0.1 (a free port), waits until every worker is ready, and stops it at the
end. Bounded: each level runs for at most --duration seconds and --max-requests requests. The client runs
on the same machine and takes some of its CPU, so the figures are a floor for a dedicated server.

    python -m benchmarks.load_service [--workers 2] [--concurrency 1 16] [--duration 15] [--max-requests 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.throughput import sample_texts

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only
TARGETS = {"p99_ms_at_1": 50.0, "rps_at_16": 150.0, "rss_mb_per_worker": 400.0}


@dataclass
class Level:
    concurrency: int
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    server_cpu_s: float = 0.0
    """CPU time the workers spent during the level: other load on the machine barely changes it."""
    client_cpu_s: float = 0.0

    def per_request_ms(self, cpu_seconds: float) -> float:
        return 1000 * cpu_seconds / self.requests if self.requests else float("nan")

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "mhsw",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("MHSW_API_KEYS", "PROMETHEUS_MULTIPROC_DIR")
    }
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_ready(url: str, server: subprocess.Popen[bytes], timeout: float = 180.0) -> float:
    """Seconds until 20 readiness checks in a row, each on a new connection (so every worker is asked)."""
    begun = time.monotonic()
    in_a_row = 0
    while in_a_row < 20:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        if time.monotonic() - begun > timeout:
            raise SystemExit(f"the server was not ready within {timeout:.0f} s")
        try:
            in_a_row = in_a_row + 1 if httpx.get(f"{url}/readyz", timeout=2).status_code == 200 else 0
        except httpx.TransportError:
            in_a_row = 0
            time.sleep(0.2)
    return time.monotonic() - begun


async def run_level(
    url: str, concurrency: int, duration: float, max_requests: int, bodies: list[dict[str, str]]
) -> Level:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        await asyncio.gather(
            *(client.post("/v1/analyse", json=bodies[i % len(bodies)]) for i in range(2 * concurrency))
        )
        latencies: list[float] = []
        errors = 0
        issued = 0
        deadline = time.perf_counter() + duration

        async def user() -> None:
            nonlocal errors, issued
            while issued < max_requests and time.perf_counter() < deadline:
                body = bodies[issued % len(bodies)]
                issued += 1
                sent = time.perf_counter()
                try:
                    response = await client.post("/v1/analyse", json=body)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append((time.perf_counter() - sent) * 1000)
                else:
                    errors += 1

        begun = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        return Level(concurrency, len(latencies), errors, time.perf_counter() - begun, latencies)


def _status(pid: int) -> dict[str, str]:
    text = Path(f"/proc/{pid}/status").read_text()
    return {key: value.strip() for key, _, value in (line.partition(":") for line in text.splitlines())}


def _descends_from(pid: int, ancestor: int) -> bool:
    while pid > 1:
        try:
            pid = int(_status(pid)["PPid"])
        except (OSError, KeyError, ValueError):
            return False
        if pid == ancestor:
            return True
    return False


def worker_pids(root: int) -> list[int]:
    """The uvicorn worker processes below `root` (or `root` itself when it serves alone)."""
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _descends_from(int(entry.name), root):
            try:
                if b"spawn_main" in (entry / "cmdline").read_bytes():
                    workers.append(int(entry.name))
            except OSError:
                continue
    return sorted(workers or [root])


def rss_mb(pid: int) -> float:
    return int(_status(pid)["VmRSS"].split()[0]) / 1024


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of `pids` so far (fields 14 and 15 of /proc/<pid>/stat)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def report(levels: list[Level], memory: list[tuple[int, float]], workers: int, ready_s: float) -> None:
    print(
        f"\nmhsw serve --workers {workers} on {HOST}; POST /v1/analyse, 2,000-character adverts; ready in {ready_s:.1f} s\n"
    )
    print(
        "| concurrency | requests | errors | requests/s | p50 ms | p99 ms | CPU ms/request: server | client |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for level in levels:
        print(
            f"| {level.concurrency} | {level.requests} | {level.errors} | {level.rps:.0f} | "
            f"{level.percentile(0.50):.1f} | {level.percentile(0.99):.1f} | "
            f"{level.per_request_ms(level.server_cpu_s):.1f} | {level.per_request_ms(level.client_cpu_s):.1f} |"
        )
    print("\n| worker pid | RSS MB |\n|---:|---:|")
    for pid, rss in memory:
        print(f"| {pid} | {rss:.0f} |")
    by_concurrency = {level.concurrency: level for level in levels}
    checks = []
    if 1 in by_concurrency:
        checks.append(
            ("p99 at concurrency 1 <= 50 ms", by_concurrency[1].percentile(0.99) <= TARGETS["p99_ms_at_1"])
        )
    if 16 in by_concurrency:
        checks.append((">= 150 requests/s at concurrency 16", by_concurrency[16].rps >= TARGETS["rps_at_16"]))
    if memory:
        checks.append(("<= 400 MB per worker", max(rss for _, rss in memory) <= TARGETS["rss_mb_per_worker"]))
    print()
    for name, ok in checks:
        print(f"{'met' if ok else 'MISSED'}: {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    parser.add_argument(
        "--duration", type=float, default=15.0, help="seconds per concurrency level (at most)"
    )
    parser.add_argument(
        "--max-requests", type=int, default=3000, help="requests per concurrency level (at most)"
    )
    args = parser.parse_args()

    bodies = [{"title": title, "text": text} if title else {"text": text} for title, text in sample_texts(64)]
    port = free_port()
    url = f"http://{HOST}:{port}"
    server = start_server(port, args.workers)
    try:
        ready_s = wait_until_ready(url, server)
        pids = worker_pids(server.pid)
        levels = []
        for concurrency in args.concurrency:
            before, client_before = cpu_seconds(pids), time.process_time()
            level = asyncio.run(run_level(url, concurrency, args.duration, args.max_requests, bodies))
            level.server_cpu_s = cpu_seconds(pids) - before
            level.client_cpu_s = time.process_time() - client_before
            levels.append(level)
        memory = [(pid, rss_mb(pid)) for pid in pids]
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(levels, memory, args.workers, ready_s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
