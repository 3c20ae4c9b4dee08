"""Benchmark of the history database behind `mhsw serve`, on SQLite and PostgreSQL: stored analyses per
second (POST /v1/analyses, which analyses the advert and stores it) at concurrency 8, and latency of
POST /v1/analyses/{id}/corrections; plus the store alone (8 threads inserting a ready analysis), which
shows how much of the cost is the database rather than the analysis.

Targets on SQLite: >= 150 stored analyses/s at concurrency 8, p99 <= 20 ms for a correction.
Adverts are 1,000-character cuts of the project's invented adverts. PostgreSQL is used when reachable at
--postgres (a role that may create databases; a database is created and dropped here).

    python -m benchmarks.history [--workers 2] [--duration 15] [--postgres URL] [--backends sqlite postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks.load_service import cpu_seconds, free_port, start_server, wait_until_ready, worker_pids
from benchmarks.throughput import sample_texts

POSTGRES = "postgresql+psycopg://mhsw:mhsw@127.0.0.1:5432/postgres"
TARGETS = {"stored_per_s": 150.0, "correction_p99_ms": 20.0}
CORRECTION = {"band": "4", "skills_add": ["risk_assessment"], "note": "benchmark"}


@dataclass
class Run:
    name: str
    done: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    server_cpu_s: float = 0.0

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def load(base: str, name: str, concurrency: int, duration: float, request: Any) -> Run:
    """`concurrency` users each sending `request(client, n)` until `duration` is over."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        latencies: list[float] = []
        errors = issued = 0
        deadline = time.perf_counter() + duration

        async def user() -> None:
            nonlocal errors, issued
            while time.perf_counter() < deadline:
                issued += 1
                sent = time.perf_counter()
                try:
                    ok = (await request(client, issued)).status_code == 201
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append((time.perf_counter() - sent) * 1000)
                else:
                    errors += 1

        begun = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        return Run(name, len(latencies), errors, time.perf_counter() - begun, latencies)


def service_runs(url: str, workers: int, duration: float) -> list[Run]:
    bodies = [{"title": title, "text": text[:1000]} for title, text in sample_texts(64)]
    ids: list[str] = []
    os.environ["MHSW_DATABASE_URL"] = url
    os.environ["MHSW_RATE_LIMIT_PER_MINUTE"] = "0"
    port = free_port()
    server = start_server(port, workers)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, server)
        pids = worker_pids(server.pid)

        async def store(client: httpx.AsyncClient, n: int) -> httpx.Response:
            answer = await client.post("/v1/analyses", json=bodies[n % len(bodies)])
            if answer.status_code == 201:
                ids.append(answer.json()["id"])
            return answer

        async def correct(client: httpx.AsyncClient, n: int) -> httpx.Response:
            return await client.post(f"/v1/analyses/{ids[n % len(ids)]}/corrections", json=CORRECTION)

        runs = []
        for name, concurrency, request in (
            ("POST /v1/analyses", 8, store),
            ("POST corrections", 8, correct),
            ("POST corrections", 1, correct),
        ):
            before = cpu_seconds(pids)
            run = asyncio.run(load(base, f"{name} @{concurrency}", concurrency, duration, request))
            run.server_cpu_s = cpu_seconds(pids) - before
            runs.append(run)
        return runs
    finally:
        server.terminate()
        server.wait(30)


def store_only(url: str, writes: int = 2000, threads: int = 8) -> Run:
    """8 threads inserting an already-made analysis: the database's own share of a stored analysis."""
    from classifier.pipeline import Analyser
    from store.repository import Store

    title, text = sample_texts(1)[0]
    analysis = Analyser.load().analyse(text[:1000], title=title).model_dump(mode="json")
    store = Store.open(url)
    latencies: list[float] = []

    def writer(count: int) -> None:
        for _ in range(count):
            sent = time.perf_counter()
            store.add_analysis(analysis, text[:1000])
            latencies.append((time.perf_counter() - sent) * 1000)

    begun = time.perf_counter()
    pool = [threading.Thread(target=writer, args=(writes // threads,)) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    run = Run(
        f"store.add_analysis @{threads} (no HTTP)", len(latencies), 0, time.perf_counter() - begun, latencies
    )
    store.engine.dispose()
    return run


@contextmanager
def database(backend: str, admin: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="mhsw-bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'history.sqlite3'}"
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    name = f"mhsw_bench_{uuid.uuid4().hex[:8]}"
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def report(backend: str, runs: list[Run], workers: int) -> None:
    print(
        f"\n{backend}: mhsw serve --workers {workers}, 1,000-character adverts, load average {os.getloadavg()[0]:.1f}"
    )
    print("| what | done | errors | per s | p50 ms | p99 ms | server CPU ms each |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        cpu = f"{1000 * run.server_cpu_s / run.done:.1f}" if run.server_cpu_s and run.done else ""
        print(f"| {run.name} | {run.done} | {run.errors} | {run.rate:.0f} | {run.percentile(0.5):.1f} | "
              f"{run.percentile(0.99):.1f} | {cpu} |")  # fmt: skip
    if backend == "sqlite":
        stored, fixes = runs[0], runs[1]
        print(f"target >= {TARGETS['stored_per_s']:.0f} stored analyses/s at concurrency 8: "
              f"{'met' if stored.rate >= TARGETS['stored_per_s'] else 'NOT met'} ({stored.rate:.0f})")  # fmt: skip
        print(f"target p99 <= {TARGETS['correction_p99_ms']:.0f} ms for a correction (concurrency 8): "
              f"{'met' if fixes.percentile(0.99) <= TARGETS['correction_p99_ms'] else 'NOT met'} "
              f"({fixes.percentile(0.99):.1f} ms)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per measured run")
    parser.add_argument("--postgres", default=os.environ.get("MHSW_TEST_POSTGRES_URL", POSTGRES))
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"]
    )
    args = parser.parse_args()
    for backend in args.backends:
        with database(backend, args.postgres) as url:
            from store import migrate
            from store.repository import Store

            migrate.upgrade(Store.open(url).engine)
            runs = service_runs(url, args.workers, args.duration)
            runs.append(store_only(url))
        report(backend, runs, args.workers)


if __name__ == "__main__":
    main()
