"""`mhsw serve`: the HTTP API and the recruiter page under uvicorn.

The model's files are checked against their manifest here, before any worker starts, so a tampered or
missing model stops the command with one clear line (exit 1) instead of leaving workers that never get
ready. Each worker then loads the model in the background and answers /readyz once it is verified.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from contextlib import ExitStack

from pydantic import ValidationError

from classifier.artifacts import verify_model
from mhsw.commands.common import UsageError, add_model_option
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


def run(args: argparse.Namespace) -> int:
    import uvicorn

    settings = _settings(args)
    os.environ["MHSW_MODEL"] = str(verify_model(settings.model))  # the workers read their settings from here
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
