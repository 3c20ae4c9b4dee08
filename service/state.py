"""The readiness gate: the model loads in a background thread so liveness answers at once, and every
analysis route answers 503 until the model is loaded and its hashes verified."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from classifier.errors import ModelIntegrityError
from service.logs import error_fields

if TYPE_CHECKING:
    from service.engine import Engine

Loader = Callable[[], "Engine"]
log = logging.getLogger("mhsw.service")


def default_loader(model_dir: Path | None) -> Loader:
    """Load the model in `model_dir` (default: models/DEFAULT); imports the heavy modules only when called."""

    def load() -> Engine:
        from service.engine import Engine

        return Engine.load(model_dir)

    return load


class ModelState:
    """Holds the `Engine` once it is ready; `error` says why it never will be."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader
        self.engine: Engine | None = None
        self.error: str | None = None
        self.loaded = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._load, name="mhsw-model-loader", daemon=True).start()

    def _load(self) -> None:
        try:
            self.engine = self.loader()
            log.info("model ready", extra={"fields": {"model_version": self.engine.meta.model_version}})
        except ModelIntegrityError as exc:
            self.error = f"model refused: {exc}"
            log.error(self.error)
        except Exception as exc:  # noqa: BLE001 - the service stays up and reports not-ready with the cause
            self.error = "the model could not be loaded"
            log.error(self.error, extra={"fields": error_fields(exc)})
        finally:
            self.loaded.set()
