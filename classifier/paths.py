"""Where the project's data and default model live, so no module hard-codes a path."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("MHSW_DATA_DIR", PROJECT_ROOT / "data"))
TAXONOMY_DIR = DATA_DIR / "taxonomy"
LEXICON_DIR = DATA_DIR / "lexicons"
PAY_DIR = DATA_DIR / "pay"
MODELS_DIR = Path(os.environ.get("MHSW_MODELS_DIR", PROJECT_ROOT / "models"))
