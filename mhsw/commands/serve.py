"""`mhsw serve`: the HTTP API and the recruiter page under uvicorn.

The model's files are checked against their manifest here, before any worker starts, so a tampered or
missing model stops the command with one clear line (exit 1) instead of leaving workers that never get
ready. Before that, a taken port or an open API on a non-loopback address without keys (unless
MHSW_ALLOW_OPEN=1) stops it with one line (exit 2). Each worker then loads the model in the background and answers /readyz once it is verified.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from contextlib import ExitStack
from pathlib import Path

from pydantic import ValidationError

from classifier.artifacts import load_model, verify_model
from classifier.errors import ModelIntegrityError
from mhsw.commands.common import UsageError, add_model_option
from mhsw.commands.listen_checks import check_open_access, check_port_free
from service.logs import configure_logging
from service.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="serve the HTTP API and the recruiter web page")
    parser.add_argument("--host", default=None, help="address to listen on (default: MHSW_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port (default: MHSW_PORT or 8000)")
    parser.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: MHSW_WORKERS or 1)"
    )
    add_model_option(parser)
    parser.set_defaults(run=run)


def _settings(args: argparse.Namespace) -> Settings:
    given = {name: getattr(args, name) for name in ("host", "port", "workers", "model")}
    try:
        return Settings(**{name: value for name, value in given.items() if value is not None})
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "settings"
        raise UsageError(f"invalid setting {name} (MHSW_{name.upper()}): {error['msg']}") from exc


def _checked_model(settings: Settings) -> Path:
    """The model folder once its hashes match and its files parse as plain data (no pickle), as the workers
    will parse them: a model that can never load stops the command with one line, not a service stuck at 503."""
    model_dir = verify_model(settings.model)
    try:
        load_model(model_dir)
    except (KeyError, TypeError, ValueError, OSError) as exc:
        raise ModelIntegrityError(f"{model_dir}: the model files cannot be loaded ({type(exc).__name__})") from exc
    return model_dir


def run(args: argparse.Namespace) -> int:
    import uvicorn

    settings = _settings(args)
    check_open_access(settings.host, bool(settings.api_keys))
    check_port_free(settings.host, settings.port)
    os.environ["MHSW_MODEL"] = str(_checked_model(settings))  # the workers read their settings from here
    configure_logging(settings.log_level)
    with ExitStack() as stack:
        if settings.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            os.environ["PROMETHEUS_MULTIPROC_DIR"] = stack.enter_context(
                tempfile.TemporaryDirectory(prefix="mhsw-metrics-")
            )
        uvicorn.run(
            "service.app:serve_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_config=None,
            access_log=False,
            server_header=False,
            limit_concurrency=settings.limit_concurrency,
        )
    return 0
