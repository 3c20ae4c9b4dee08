"""Reliability of the history database under a real `mhsw serve`, on SQLite and PostgreSQL:
16 clients writing at once lose nothing, and a SIGKILL mid-write loses no acknowledged (201) correction."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from db_support import db_url  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parent.parent
CLIENTS, PER_CLIENT = 16, 4
ADVERT = {
    "title": "Community Wellbeing Helper",
    "text": "You will help adults with low mood to join local groups and keep in touch each week. "
    "Good listening and a calm manner matter more than qualifications.",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(url: str, workers: int = 1) -> Iterator[str]:
    """`mhsw serve` on a free port against `url`; killed with SIGKILL (no clean shutdown) on exit."""
    port = free_port()
    env = {
        **os.environ,
        "MHSW_DATABASE_URL": url,
        "MHSW_TEXT_RETENTION": "true",
        "MHSW_RATE_LIMIT_PER_MINUTE": "0",
    }
    command = [sys.executable, "-m", "mhsw", "serve", "--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read().decode()[-2000:] if process.stderr else ""
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        else:
            pytest.fail("the service did not get ready in 180 s")
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


def test_sixteen_clients_lose_nothing(db_url: str) -> None:  # noqa: F811
    acknowledged: dict[str, list[str]] = {}
    lock = threading.Lock()
    failures: list[str] = []

    def client(base: str, number: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            for item in range(PER_CLIENT):
                made = http.post("/v1/analyses", json={**ADVERT, "external_id": f"c{number}-{item}"})
                if made.status_code != 201:
                    failures.append(f"analysis {made.status_code}")
                    continue
                fix = http.post(
                    f"/v1/analyses/{made.json()['id']}/corrections", json={"band": "3", "note": f"c{number}"}
                )
                if fix.status_code != 201:
                    failures.append(f"correction {fix.status_code}")
                    continue
                with lock:
                    acknowledged[made.json()["id"]] = [fix.json()["id"]]

    with server(db_url, workers=2) as base:
        threads = [threading.Thread(target=client, args=(base, n)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert len(acknowledged) == CLIENTS * PER_CLIENT
        listed, cursor = [], None
        while True:
            page = httpx.get(
                f"{base}/v1/analyses", params={"limit": 200, **({"cursor": cursor} if cursor else {})}
            ).json()
            listed += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert sorted(listed) == sorted(acknowledged)
        for analysis_id, fixes in acknowledged.items():
            stored = httpx.get(f"{base}/v1/analyses/{analysis_id}/corrections").json()["corrections"]
            assert [item["id"] for item in stored] == fixes


def test_sigkill_mid_write_loses_no_acknowledged_correction(db_url: str) -> None:  # noqa: F811
    acknowledged: list[tuple[str, str]] = []
    stop = threading.Event()

    def writer(base: str, analysis_id: str) -> None:
        with httpx.Client(base_url=base, timeout=10) as http:
            while not stop.is_set():
                try:
                    fix = http.post(f"/v1/analyses/{analysis_id}/corrections", json={"band": "4"})
                except httpx.HTTPError:
                    return  # the server is gone: this write was never acknowledged
                if fix.status_code == 201:
                    acknowledged.append((analysis_id, fix.json()["id"]))

    with server(db_url) as base:
        ids = [httpx.post(f"{base}/v1/analyses", json=ADVERT, timeout=60).json()["id"] for _ in range(4)]
        threads = [threading.Thread(target=writer, args=(base, ids[n % 4])) for n in range(8)]
        for thread in threads:
            thread.start()
        while len(acknowledged) < 60:  # well under way, and still writing when the kill comes
            time.sleep(0.01)
    # leaving the block sent SIGKILL while the writers were mid-request
    stop.set()
    for thread in threads:
        thread.join()
    with server(db_url) as base:
        for analysis_id in ids:
            assert httpx.get(f"{base}/v1/analyses/{analysis_id}").status_code == 200
        found = {
            (analysis_id, item["id"])
            for analysis_id in ids
            for item in httpx.get(f"{base}/v1/analyses/{analysis_id}/corrections").json()["corrections"]
        }
        assert set(acknowledged) <= found
