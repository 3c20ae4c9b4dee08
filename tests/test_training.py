"""Training and evaluation from a fresh clone: the project's own invented adverts are enough."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from classifier.artifacts import load_model
from classifier.taxonomy import default_taxonomy
from training.datasets import DatasetError, load_jsonl, taxonomy_title_examples

ROOT = Path(__file__).resolve().parent.parent
INVENTED = ROOT / "data" / "training" / "invented_adverts.jsonl"


def mhsw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def test_train_then_evaluate_end_to_end(tmp_path: Path) -> None:
    models = tmp_path / "models"
    trained = mhsw(
        "train", "--data", str(INVENTED), "--output", str(models), "--version", "test-1", "--no-cv"
    )
    assert trained.returncode == 0, trained.stderr
    model = load_model(models / "test-1")
    manifest = model.manifest
    assert manifest["version"] == "test-1"
    assert any(str(INVENTED.name) in s for s in manifest["training_sources"])
    assert set(manifest["files"]) == {
        "role_model.json",
        "role_model.npz",
        "band_model.json",
        "band_model.npz",
    }
    assert (models / "DEFAULT").read_text().strip() == "test-1"

    out = tmp_path / "report"
    evaluated = mhsw(
        "evaluate", "--data", str(INVENTED), "--model", str(models / "test-1"), "--output-dir", str(out)
    )
    assert evaluated.returncode == 0, evaluated.stderr
    report = json.loads((out / "evaluation.json").read_text())
    assert report["method"].startswith("grouped 5-fold cross-validation"), (
        "trained-on data must be cross-validated"
    )
    assert report["adverts"] == sum(1 for line in INVENTED.read_text().splitlines() if line.strip())
    for key in (
        "role_accuracy",
        "category_accuracy",
        "stated_band_accuracy",
        "masked_band_exact",
        "pathway_agreement",
    ):
        assert 0.0 <= report[key] <= 1.0
    assert report["stated_band_accuracy"] >= 0.9
    assert "| Role top-1 accuracy |" in (out / "evaluation.md").read_text()


def test_bad_training_rows_name_file_and_line(tmp_path: Path) -> None:
    taxonomy = default_taxonomy()
    good = json.dumps(
        {
            "id": "1",
            "title": "HCA",
            "text": "Personal care.",
            "labels": {"role_id": "healthcare_support_worker"},
        }
    )
    cases = {
        "{not json": "bad.jsonl:2",
        json.dumps(
            {"id": "2", "title": "X", "text": "t", "labels": {"role_id": "astronaut"}}
        ): "unknown role_id",
        json.dumps(
            {"id": "3", "title": "X", "text": "t", "labels": {"role_id": "manager", "band_stated": "10"}}
        ): "band_stated",
        json.dumps({"id": "4", "title": "X", "text": "", "labels": {"role_id": "manager"}}): "bad.jsonl:2",
    }
    for line, message in cases.items():
        path = tmp_path / "bad.jsonl"
        path.write_text(good + "\n" + line + "\n")
        with pytest.raises(DatasetError, match=message):
            load_jsonl([path], taxonomy)


def test_train_cli_rejects_bad_data_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{broken\n")
    result = mhsw("train", "--data", str(path), "--output", str(tmp_path / "m"))
    assert result.returncode == 2
    assert "bad.jsonl:1" in result.stderr and "Traceback" not in result.stderr


def test_taxonomy_examples_cover_every_role_and_trainee_routes() -> None:
    taxonomy = default_taxonomy()
    examples = taxonomy_title_examples(taxonomy)
    assert {role for _t, role in examples} == set(taxonomy.roles)
    assert (
        "Trainee Psychological Wellbeing Practitioner",
        "trainee_psychological_wellbeing_practitioner",
    ) in examples
