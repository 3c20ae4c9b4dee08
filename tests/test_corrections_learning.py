"""Corrections feed the model: a role corrected through the API reaches the export, and a model trained
with that export answers differently on the (invented) advert; `--corrections` folds the same rows in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from classifier.pipeline import Analyser
from service.app import create_app
from service.engine import Engine
from service.settings import Settings
from store import migrate
from store.repository import Store
from training.corrections import correction_rows

ROOT = Path(__file__).resolve().parent.parent
ADVERT = {
    "title": "Neighbourhood Companion",
    "text": "About the role\nYou will visit adults who feel lonely and walk with them to local groups. "
    "You will keep short notes and meet the team each Friday.\nWhat we need\nA calm manner and good listening.",
}
TARGET = "community_support_worker"


def mhsw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def test_a_model_trained_with_the_export_changes_its_answer(analyser: Analyser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    settings = Settings(database_url=url, text_retention=True, rate_limit_per_minute=0)
    with TestClient(create_app(settings, loader=lambda: Engine(analyser))) as client:
        assert client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        stored = client.post("/v1/analyses", json=ADVERT).json()
        assert stored["role_id"] != TARGET, "pick an advert the shipped model gets wrong"
        fix = client.post(f"/v1/analyses/{stored['id']}/corrections", json={"role_id": TARGET})
        assert fix.status_code == 201
        export = tmp_path / "corrections.jsonl"
        export.write_text(client.get("/v1/corrections/export").text, encoding="utf-8")
    assert stored["id"] in export.read_text(encoding="utf-8")

    trained = mhsw(
        "train",
        "--data",
        str(export),
        "--output",
        str(tmp_path / "models"),
        "--version",
        "fixed",
        "--no-cv",
        "--no-default",
    )
    assert trained.returncode == 0, trained.stderr
    retrained = Analyser.load(tmp_path / "models" / "fixed")
    assert retrained.analyse(ADVERT["text"], title=ADVERT["title"]).role.id == TARGET
    assert analyser.analyse(ADVERT["text"], title=ADVERT["title"]).role.id != TARGET


def test_corrections_option_folds_weighted_rows_newest_first(analyser: Analyser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    store = Store.open(url)
    migrate.upgrade(store.engine)
    analysis = analyser.analyse(ADVERT["text"], title=ADVERT["title"]).model_dump(mode="json")
    kept = store.add_analysis(analysis, ADVERT["text"], keep_text=True)
    store.add_analysis(analysis, ADVERT["text"])  # corrected below, but its text was not kept
    store.add_correction(kept["id"], {"role_id": "peer_support_worker", "band": "3"})
    store.add_correction(kept["id"], {"role_id": TARGET})
    untexted = store.list_analyses(corrected=False).items[0]["id"]
    store.add_correction(untexted, {"band": "2"})
    rows, sha256, skipped = correction_rows(url, weight=4)
    assert skipped == 1 and len(sha256) == 64
    assert len(rows) == 4 and len({row.id for row in rows}) == 4
    assert {row.labels.role_id for row in rows} == {TARGET}
    assert {row.labels.band_stated for row in rows} == {"3"}
    assert len({row.employer for row in rows}) == 1  # the copies share one cross-validation group


def test_train_refuses_a_database_it_cannot_use(tmp_path: Path) -> None:
    result = mhsw("train", "--corrections", "mysql://x/y", "--no-cv", "--output", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("mhsw: --corrections: unsupported database")
    result = mhsw("train", "--no-cv")
    assert result.returncode == 2 and "--data" in result.stderr
