"""The run manifest: which chunks are done, for which run, and the summary once the run completes.

It is rewritten atomically after every chunk, so after a crash it lists exactly the chunks whose files
are complete. `run` identifies the run (input, columns, chunking, model, output format): `--resume`
refuses a manifest written for a different run rather than mixing two runs' rows.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from batch.storage import atomic_write_json, read_json
from batch.worker import ChunkStats

FORMAT = "mhsw-batch-manifest/1"


class ManifestMismatch(Exception):
    """The manifest on disk belongs to another run."""


@dataclass
class Manifest:
    path: Path
    run: dict[str, Any]
    chunks: dict[int, dict[str, Any]] = field(default_factory=dict)
    complete: bool = False
    summary: dict[str, Any] | None = None

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        """The manifest at `path`, or None when there is none (an unreadable one counts as none)."""
        try:
            raw = read_json(path)
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return None
        chunks = {int(key): value for key, value in raw.get("chunks", {}).items()}
        return cls(path, raw["run"], chunks, bool(raw.get("complete")), raw.get("summary"))

    def check_same_run(self, run: dict[str, Any]) -> None:
        changed = sorted(key for key in run.keys() | self.run.keys() if run.get(key) != self.run.get(key))
        if changed:
            raise ManifestMismatch(
                f"{self.path} was written for a different run ({', '.join(changed)} changed)"
            )

    def record(self, stats: ChunkStats) -> None:
        self.chunks[stats.index] = {key: value for key, value in asdict(stats).items() if key != "index"}
        self.save()

    def totals(self) -> tuple[int, int, int]:
        """Rows, analysed and error rows over the recorded chunks."""
        values = self.chunks.values()
        return (
            sum(c["rows"] for c in values),
            sum(c["analysed"] for c in values),
            sum(c["errors"] for c in values),
        )

    def save(self) -> None:
        atomic_write_json(
            self.path,
            {
                "format": FORMAT,
                "run": self.run,
                "complete": self.complete,
                "summary": self.summary,
                "chunks": {str(key): self.chunks[key] for key in sorted(self.chunks)},
            },
        )
