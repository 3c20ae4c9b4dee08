"""API keys and a per-key rate limit for the expensive routes.

The token buckets live in process memory: with N workers a client may get up to N times the rate, and a
restart forgets them. That is enough to stop one HR system's runaway loop; put a shared limiter in the
reverse proxy if a hard global quota is needed.
"""

from __future__ import annotations

import hmac
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import SecretStr

MAX_TRACKED_CLIENTS = 10_000
ROLES = ("reader", "reviewer", "admin")
"""Key roles, weakest first: readers see history, reviewers also store and correct, admins also erase and
reload the model. A bare key (no `name:role:` prefix) is an admin key: it keeps the full access it had."""
_KEY_NAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")


@dataclass(frozen=True)
class KeyEntry:
    name: str
    role: str
    secret: str


def parse_key(entry: SecretStr | str, index: int) -> KeyEntry:
    """`name:role:key` -> a named key with that role; anything else is a bare admin key named `key-N`."""
    raw = entry.get_secret_value() if isinstance(entry, SecretStr) else entry
    name, _, rest = raw.partition(":")
    role, _, secret = rest.partition(":")
    if _KEY_NAME.fullmatch(name) and role in ROLES and secret:
        return KeyEntry(name, role, secret)
    return KeyEntry(f"key-{index}", "admin", raw)


def role_allows(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


def matching_key(presented: str, keys: list[SecretStr]) -> int | None:
    """The index of the configured key equal to `presented` (compared in constant time), or None."""
    found = None
    for index, key in enumerate(keys):
        if hmac.compare_digest(presented.encode(), parse_key(key, index).secret.encode()):
            found = index
    return found


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """A token bucket per client: `burst` requests at once, refilled at `per_minute`."""

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.buckets: dict[str, _Bucket] = {}

    def acquire(self, client: str) -> float:
        """Take a token for `client`: 0 if granted, else the seconds to wait before one is free."""
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        bucket = self.buckets.get(client)
        if bucket is None:
            if len(self.buckets) >= MAX_TRACKED_CLIENTS:
                self._forget_idle(now)
            bucket = self.buckets[client] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        """Drop buckets that have refilled: forgetting them changes nothing for their clients."""
        for client, bucket in list(self.buckets.items()):
            if bucket.tokens + (now - bucket.updated) * self.rate >= self.burst:
                del self.buckets[client]


def retry_after_header(seconds: float) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(seconds)))}
