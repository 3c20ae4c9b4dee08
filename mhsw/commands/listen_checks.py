"""Checks `mhsw serve` makes before uvicorn starts, so a bad address ends in one clear line (exit 2).

Without them a taken port ends in a JSON log line from uvicorn and `make: Error 3`, and an API bound to
0.0.0.0 with no keys is open to the whole network without a word.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket

from mhsw.commands.common import UsageError

ALLOW_OPEN_VARIABLE = "MHSW_ALLOW_OPEN"


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1); a host name is not trusted."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_open_access(host: str, has_api_keys: bool, environ: dict[str, str] | None = None) -> None:
    """Refuse a non-loopback address without API keys unless MHSW_ALLOW_OPEN=1 says it is meant."""
    environ = dict(os.environ) if environ is None else environ
    if is_loopback(host) or has_api_keys or environ.get(ALLOW_OPEN_VARIABLE) == "1":
        return
    raise UsageError(
        f"refusing to serve an open API on {host}: set MHSW_API_KEYS (keys of 16+ characters), "
        f"or {ALLOW_OPEN_VARIABLE}=1 to allow it, or listen on 127.0.0.1"
    )


def check_port_free(host: str, port: int) -> None:
    """Bind and release the address once, as uvicorn will, and turn a failure into one line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind((host.strip("[]"), port))
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}: the address is not known ({exc.strerror})") from exc
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is already in use: stop the other server or choose another port "
                f"(make run PORT={port + 1}, or mhsw serve --port {port + 1})"
            ) from exc
        if exc.errno == errno.EACCES:
            raise UsageError(f"no permission to listen on port {port}: use a port above 1023") from exc
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
