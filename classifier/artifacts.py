"""Model artifacts: `models/<version>/` with a manifest, verified before anything is read.

Models are stored as plain data, never pickle: each estimator is a JSON file (vocabulary, classes,
parameters) and an `.npz` of arrays loaded with `allow_pickle=False`. The sha256 of every file is checked
against `manifest.json` first, so a tampered or half-copied artifact is refused with a clear message.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from classifier.band_model import BandModel
from classifier.errors import ModelIntegrityError
from classifier.linear_io import Arrays
from classifier.paths import MODELS_DIR
from classifier.role_model import RoleModel

MODEL_NAMES = ("role_model", "band_model")
MANIFEST = "manifest.json"
DEFAULT_POINTER = "DEFAULT"


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
    import scipy
    import sklearn
    import spacy

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "spacy": spacy.__version__,
    }


def _write(target: Path, name: str, data: dict[str, Any], arrays: Arrays) -> list[str]:
    (target / f"{name}.json").write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    np.savez_compressed(target / f"{name}.npz", **arrays)  # type: ignore[arg-type]
    return [f"{name}.json", f"{name}.npz"]


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
    files = _write(target, "role_model", *role_model.to_data()) + _write(
        target, "band_model", *band_model.to_data()
    )
    manifest = {
        "version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "libraries": library_versions(),
        "taxonomy_version": taxonomy_version,
        "training_data_sha256": training_data_sha256,
        "training_sources": training_sources,
        "metrics": metrics,
        "files": {name: sha256_of(target / name) for name in files},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if make_default:
        (directory / DEFAULT_POINTER).write_text(version + "\n", encoding="utf-8")
    return target


def default_model_dir(directory: Path = MODELS_DIR) -> Path:
    pointer = directory / DEFAULT_POINTER
    if not pointer.is_file():
        raise ModelIntegrityError(
            f"no default model: {pointer} is missing (run `mhsw train` or pass --model)"
        )
    return directory / pointer.read_text(encoding="utf-8").strip()


def _verified_bytes(path: Path, files: dict[str, str]) -> bytes:
    """The file's bytes, only if its sha256 is the one the manifest lists."""
    expected = files.get(path.name)
    if expected is None:
        raise ModelIntegrityError(f"{path.name} is not listed in the manifest; refusing to load it")
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise ModelIntegrityError(f"model file missing: {path}") from exc
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        raise ModelIntegrityError(
            f"model file {path} does not match its manifest (sha256 {actual[:12]}… != {expected[:12]}…); "
            "refusing to load a file that may have been tampered with"
        )
    return raw


def _read(model_dir: Path, name: str, files: dict[str, str]) -> tuple[dict[str, Any], Arrays]:
    import io

    data = json.loads(_verified_bytes(model_dir / f"{name}.json", files))
    try:
        with np.load(
            io.BytesIO(_verified_bytes(model_dir / f"{name}.npz", files)), allow_pickle=False
        ) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except ValueError as exc:
        raise ModelIntegrityError(
            f"{name}.npz holds objects that would need pickle; refusing to load it"
        ) from exc
    return data, arrays


def _manifest(model_dir: Path) -> dict[str, Any]:
    path = model_dir / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelIntegrityError(f"no manifest at {path}") from exc
    except (OSError, ValueError) as exc:
        raise ModelIntegrityError(f"manifest {path} is not readable JSON") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict) or not manifest["files"]:
        raise ModelIntegrityError(f"the manifest at {path} lists no files")
    return manifest


def verify_model(model_dir: Path | None = None) -> Path:
    """The model folder, once every file its manifest lists is present with the listed sha256 (nothing loaded)."""
    model_dir = (model_dir or default_model_dir()).resolve()
    files = _manifest(model_dir)["files"]
    for name in files:
        _verified_bytes(model_dir / name, files)
    return model_dir


def load_model(model_dir: Path | None = None) -> LoadedModel:
    """Verify every file's sha256 against the manifest, then rebuild the estimators from plain data."""
    model_dir = model_dir or default_model_dir()
    manifest = _manifest(model_dir)
    files = manifest["files"]
    return LoadedModel(
        version=str(manifest["version"]),
        path=model_dir,
        manifest=manifest,
        role_model=RoleModel.from_data(*_read(model_dir, "role_model", files)),
        band_model=BandModel.from_data(*_read(model_dir, "band_model", files)),
    )
