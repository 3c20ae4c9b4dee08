"""Reading the project's YAML data files, with libyaml's C loader when it is there (5-10x faster)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: Path | bytes | str | IO[str]) -> Any:
    """Parse YAML safely (no arbitrary objects) from a path, bytes, text or an open text file."""
    if isinstance(source, Path):
        source = source.read_bytes()
    return yaml.load(source, Loader=_Loader)  # noqa: S506 - a safe loader, C or Python
