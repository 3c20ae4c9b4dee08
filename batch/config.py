"""What a batch run is asked to do, and the identity `--resume` checks before reusing earlier chunks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from batch.deadline import DEFAULT_ROW_SECONDS
from batch.errors import BatchUsageError
from batch.readers import InputFormat, detect_format, parquet_files
from batch.rows import MAX_TEXT_CHARS, Columns
from batch.worker import Loader, OutputFormat, load_default
from classifier.artifacts import MANIFEST, default_model_dir
from classifier.errors import ModelIntegrityError

DEFAULT_CHUNK_SIZE = 1000
"""A few seconds of work per core: fine-grained enough for resume, coarse enough that writes are noise."""
_OUTPUT_SUFFIXES: dict[str, OutputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


@dataclass(frozen=True)
class BatchConfig:
    input: Path
    output: Path
    input_format: InputFormat | None = None
    output_format: OutputFormat | None = None
    columns: Columns = field(default_factory=Columns)
    require: tuple[str, ...] = ()
    """Columns the input header must have besides the text and kept columns (e.g. an explicit --id-column)."""
    max_chars: int = MAX_TEXT_CHARS
    row_seconds: float | None = DEFAULT_ROW_SECONDS
    """Per-advert analysis deadline: past it the row is an error row (batch.deadline)."""
    chunk_size: int = DEFAULT_CHUNK_SIZE
    workers: int = 1
    resume: bool = False
    overwrite: bool = False
    model_dir: Path | None = None
    loader: Loader = load_default
    progress: bool | str | None = None
    """auto / bar / log / none (see batch.progress); True is bar, False none, None auto."""

    def resolved_input_format(self) -> InputFormat:
        return self.input_format or detect_format(self.input)

    def resolved_output_format(self) -> OutputFormat:
        if self.output_format:
            return self.output_format
        found = _OUTPUT_SUFFIXES.get(self.output.suffix.lower())
        if found is None:
            raise BatchUsageError(
                f"{self.output}: cannot tell the output format from the extension; use .jsonl or .parquet"
            )
        return found

    def required_columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.columns.text, *self.require, *self.columns.keep)))

    def check(self) -> None:
        if self.chunk_size < 1 or self.workers < 1 or self.max_chars < 1:
            raise BatchUsageError("--chunk-size, --workers and --max-chars must be at least 1")
        if self.resume and self.overwrite:
            raise BatchUsageError("--resume and --overwrite contradict each other; pass one")
        if self.output.resolve() == self.input.resolve():
            raise BatchUsageError("the output would overwrite the input; choose another --output")


def model_identity(model_dir: Path | None) -> dict[str, str]:
    """The model version and manifest hash, read without loading the model (workers load it)."""
    folder = model_dir or default_model_dir()
    try:
        raw = (folder / MANIFEST).read_bytes()
    except OSError as exc:
        raise ModelIntegrityError(f"no model manifest at {folder / MANIFEST}") from exc
    import json

    try:
        version = str(json.loads(raw)["version"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelIntegrityError(f"{folder / MANIFEST} has no model version") from exc
    return {"model_version": version, "model_manifest_sha256": hashlib.sha256(raw).hexdigest()}


def input_identity(path: Path, fmt: InputFormat) -> dict[str, Any]:
    """Path, size and modification time: a changed input must not be resumed into the old output."""
    files = parquet_files(path) if fmt == "parquet" else [path]
    stats = [f.stat() for f in files]
    return {
        "input": str(path.resolve()),
        "input_format": fmt,
        "input_bytes": sum(s.st_size for s in stats),
        "input_mtime_ns": max(s.st_mtime_ns for s in stats),
    }


def run_identity(
    config: BatchConfig, fmt: InputFormat, output_format: OutputFormat, engine: str
) -> dict[str, Any]:
    columns = config.columns
    return {
        **input_identity(config.input, fmt),
        **model_identity(config.model_dir),
        "engine": engine,
        "output_format": output_format,
        "chunk_size": config.chunk_size,
        "columns": {
            "id": columns.id,
            "title": columns.title,
            "text": columns.text,
            "date": columns.date,
            "keep": list(columns.keep),
        },
        "max_chars": config.max_chars,
    }
