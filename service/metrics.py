"""Prometheus metrics: requests and latency per route, analyses per role and band.

Each app gets its own registry (so tests can build many apps). With several uvicorn workers, `mhsw serve`
sets `PROMETHEUS_MULTIPROC_DIR` and every worker's /metrics then reports the sum over all workers.
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from classifier.schema import Analysis

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "mhsw_http_requests",
            "HTTP requests answered.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "mhsw_http_request_duration_seconds",
            "Time to answer an HTTP request.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.analyses = Counter(
            "mhsw_analyses", "Adverts analysed, by role and by the band reported.", ["role", "band"],
            registry=self.registry,
        )  # fmt: skip

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def count_analyses(self, analyses: list[Analysis]) -> None:
        for analysis in analyses:
            self.analyses.labels(analysis.role.id, analysis.band.value or "none").inc()

    def exposition(self) -> tuple[bytes, str]:
        """The text format, summed over worker processes when running in multiprocess mode."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
