import json
from pathlib import Path

import numpy as np
import pytest

from classifier.artifacts import default_model_dir, load_model, save_model
from classifier.band_model import BandModel
from classifier.errors import ModelIntegrityError
from classifier.role_model import RoleModel

TITLES = [
    "Staff Nurse",
    "Healthcare Assistant",
    "Ward Clerk",
    "Senior Staff Nurse",
    "Nursing Assistant",
    "Receptionist",
]
ROLES = ["mental_health_nurse", "healthcare_support_worker", "administrator"] * 2
TEXTS = ["caseload and care plans", "personal care and observations", "filing and phone calls"] * 2


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    role = RoleModel().fit(TITLES, TEXTS, ROLES)
    band = BandModel().fit(TITLES, TEXTS, ROLES, ["5", "3", "3"] * 2, ["5", "3", "2", "6", "3", "3"])
    return save_model(
        tmp_path,
        "t1",
        role,
        band,
        training_data_sha256="abc",
        training_sources=["x.jsonl"],
        taxonomy_version="v",
        metrics={"role_accuracy": 1.0},
    )


def test_round_trip_gives_the_same_predictions(saved: Path) -> None:
    loaded = load_model(saved)
    assert loaded.version == "t1"
    assert loaded.manifest["training_data_sha256"] == "abc"
    assert set(loaded.manifest["files"]) == {
        "role_model.json",
        "role_model.npz",
        "band_model.json",
        "band_model.npz",
    }
    fresh = RoleModel().fit(TITLES, TEXTS, ROLES)
    expected = fresh.predict_proba(["Staff Nurse"], ["caseload"])
    got = loaded.role_model.predict_proba(["Staff Nurse"], ["caseload"])
    np.testing.assert_allclose(got, expected, atol=1e-3)  # the role model is stored pruned (linear_io.PRUNE_BELOW)
    assert loaded.role_model.classes == sorted(set(ROLES))
    proba = loaded.band_model.predict_proba(["Staff Nurse"], ["caseload"], ["mental_health_nurse"], ["5"])
    assert proba.shape == (1, 12) and abs(proba.sum() - 1) < 1e-6


def test_default_pointer(saved: Path) -> None:
    assert default_model_dir(saved.parent) == saved


@pytest.mark.parametrize("name", ["role_model.npz", "role_model.json", "band_model.npz", "band_model.json"])
def test_tampered_file_is_refused(saved: Path, name: str) -> None:
    path = saved / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="does not match its manifest"):
        load_model(saved)


def test_missing_file_and_unlisted_file_are_refused(saved: Path) -> None:
    manifest = json.loads((saved / "manifest.json").read_text())
    (saved / "band_model.npz").unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        load_model(saved)
    del manifest["files"]["role_model.json"]
    (saved / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelIntegrityError, match="not listed"):
        load_model(saved)


def test_pickled_arrays_are_refused_even_with_a_matching_hash(saved: Path) -> None:
    import hashlib

    np.savez(saved / "role_model.npz", coef=np.array([object()], dtype=object))
    manifest = json.loads((saved / "manifest.json").read_text())
    manifest["files"]["role_model.npz"] = hashlib.sha256((saved / "role_model.npz").read_bytes()).hexdigest()
    (saved / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelIntegrityError, match="pickle"):
        load_model(saved)


def test_no_manifest(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="no manifest"):
        load_model(tmp_path)
    with pytest.raises(ModelIntegrityError, match="no default model"):
        default_model_dir(tmp_path)


def test_shipped_model_loads_and_is_verified() -> None:
    model = load_model()
    assert model.manifest["files"]
    assert model.role_model.classes
