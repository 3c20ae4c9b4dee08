"""Model artifacts: `models/<version>/` with a manifest, verified before anything is deserialised.

Pickle and joblib can run arbitrary code on load, so estimators are stored with skops and loaded with an
explicit allow-list of types; and the sha256 of every file is checked against `manifest.json` first, so a
tampered or half-copied artifact is refused with a clear message instead of being loaded.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import skops.io as sio

from classifier.band_model import BandModel
from classifier.errors import ModelIntegrityError
from classifier.paths import MODELS_DIR
from classifier.role_model import RoleModel

ROLE_FILE = "role_model.skops"
BAND_FILE = "band_model.skops"
MANIFEST = "manifest.json"
DEFAULT_POINTER = "DEFAULT"

TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        "builtins.dict",
        "builtins.list",
        "builtins.tuple",
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.NoneType",
        "builtins.frozenset",
        "builtins.set",
        "numpy.dtype",
        "numpy.ndarray",
        "numpy.float64",
        "numpy.int64",
        "numpy.int32",
        "scipy.sparse._csr.csr_matrix",
        "scipy.sparse._dia.dia_matrix",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
    }
)
"""Every type a model file may contain; anything else is refused before it is built."""


@dataclass
class LoadedModel:
    version: str
    path: Path
    manifest: dict[str, Any]
    role_model: RoleModel
    band_model: BandModel


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    import numpy
    import scipy
    import skops
    import sklearn
    import spacy

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "spacy": spacy.__version__,
        "skops": skops.__version__,
    }


def save_model(
    directory: Path,
    version: str,
    role_model: RoleModel,
    band_model: BandModel,
    *,
    training_data_sha256: str,
    training_sources: list[str],
    taxonomy_version: str,
    metrics: dict[str, Any],
    make_default: bool = True,
) -> Path:
    """Write both estimators and a manifest listing each file's sha256; returns the version folder."""
    target = directory / version
    target.mkdir(parents=True, exist_ok=True)
    sio.dump(role_model.to_state(), target / ROLE_FILE, compression=8)
    sio.dump(band_model.to_state(), target / BAND_FILE, compression=8)
    manifest = {
        "version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "libraries": library_versions(),
        "taxonomy_version": taxonomy_version,
        "training_data_sha256": training_data_sha256,
        "training_sources": training_sources,
        "metrics": metrics,
        "files": {name: sha256_of(target / name) for name in (ROLE_FILE, BAND_FILE)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if make_default:
        (directory / DEFAULT_POINTER).write_text(version + "\n", encoding="utf-8")
    return target


def default_model_dir(directory: Path = MODELS_DIR) -> Path:
    pointer = directory / DEFAULT_POINTER
    if not pointer.is_file():
        raise ModelIntegrityError(f"no default model: {pointer} is missing (run `mhsw train` or pass --model)")
    return directory / pointer.read_text(encoding="utf-8").strip()


def _verified_state(path: Path, expected_sha256: str | None) -> dict[str, Any]:
    if not path.is_file():
        raise ModelIntegrityError(f"model file missing: {path}")
    if expected_sha256 is None:
        raise ModelIntegrityError(f"{path.name} is not listed in the manifest; refusing to load it")
    actual = sha256_of(path)
    if actual != expected_sha256:
        raise ModelIntegrityError(
            f"model file {path} does not match its manifest (sha256 {actual[:12]}… != {expected_sha256[:12]}…); "
            "refusing to load a file that may have been tampered with"
        )
    untrusted = set(sio.get_untrusted_types(file=path))
    unexpected = sorted(untrusted - TRUSTED_TYPES)
    if unexpected:
        raise ModelIntegrityError(f"{path.name} contains types outside the allow-list: {', '.join(unexpected)}")
    state = sio.load(path, trusted=sorted(untrusted))
    if not isinstance(state, dict):
        raise ModelIntegrityError(f"{path.name} does not hold a model state")
    return state


def load_model(model_dir: Path | None = None) -> LoadedModel:
    """Verify every file's sha256 against the manifest, then load with the type allow-list."""
    model_dir = model_dir or default_model_dir()
    manifest_path = model_dir / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelIntegrityError(f"no manifest at {manifest_path}") from exc
    except json.JSONDecodeError as exc:
        raise ModelIntegrityError(f"manifest {manifest_path} is not valid JSON") from exc
    files = manifest.get("files", {})
    role_state = _verified_state(model_dir / ROLE_FILE, files.get(ROLE_FILE))
    band_state = _verified_state(model_dir / BAND_FILE, files.get(BAND_FILE))
    return LoadedModel(
        version=str(manifest["version"]),
        path=model_dir,
        manifest=manifest,
        role_model=RoleModel.from_state(role_state),
        band_model=BandModel.from_state(band_state),
    )
