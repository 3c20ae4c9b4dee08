"""`mhsw db`, `mhsw corrections` and `mhsw models`: what they do, and one clear line when they cannot."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from db_support import db_url  # noqa: F401 - the fixture

from classifier.artifacts import default_model_dir
from classifier.pipeline import Analyser
from store import migrate
from store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
TEXT = "You will support adults with low mood in the community. Good listening matters. Band 3."


def mhsw(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mhsw", *args], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mhsw: "), result.stderr
    return lines[0]


def test_help_does_not_import_sqlalchemy() -> None:
    code = "import sys, mhsw.cli; mhsw.cli.build_parser(); print('sqlalchemy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.stdout.strip() == "False", result.stderr


def test_db_upgrade_check_downgrade_purge(db_url: str) -> None:  # noqa: F811
    assert mhsw("db", "check", "--database", db_url).returncode == 1
    assert mhsw("db", "upgrade", "--database", db_url).returncode == 0
    assert mhsw("db", "check", "--database", db_url).returncode == 0
    store = Store.open(db_url)
    store.add_analysis({"role": {"id": "link_worker"}, "category": {"id": "defined_boundary"}, "band": {},
                        "model_version": "m", "schema_version": "1", "taxonomy_version": "t"}, "x")  # fmt: skip
    assert mhsw("db", "purge", "--database", db_url, "--days", "1").returncode == 0
    assert len(store.list_analyses().items) == 1  # younger than a day: kept
    store.engine.dispose()
    assert mhsw("db", "downgrade", "base", "--database", db_url).returncode == 0
    assert mhsw("db", "check", "--database", db_url).returncode == 1


def test_db_errors_are_one_line(tmp_path: Path) -> None:
    assert "unsupported database" in one_line_error(mhsw("db", "check", "--database", "mysql://h/d"))
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert "mhsw db upgrade" in one_line_error(mhsw("db", "purge", "--database", url, "--days", "3"))
    mhsw("db", "upgrade", "--database", url)
    env = {k: v for k, v in __import__("os").environ.items() if k != "MHSW_RETENTION_DAYS"}
    assert "--days" in one_line_error(mhsw("db", "purge", "--database", url, env=env))


@pytest.fixture
def stored(analyser: Analyser, tmp_path: Path) -> tuple[str, Store, str]:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    store = Store.open(url)
    migrate.upgrade(store.engine)
    analysis = analyser.analyse(TEXT, title="Wellbeing Navigator").model_dump(mode="json")
    return url, store, store.add_analysis(analysis, TEXT, keep_text=True)["id"]


def test_import_csv_and_jsonl_with_batch_rows(
    stored: tuple[str, Store, str], analyser: Analyser, tmp_path: Path
) -> None:
    url, store, analysis_id = stored
    results = tmp_path / "results.jsonl"
    batch_row = analyser.analyse(TEXT, title="Peer Supporter").model_copy(update={"id": "row-12"})
    results.write_text(batch_row.model_dump_json() + "\n", encoding="utf-8")
    sheet = tmp_path / "checked.csv"
    sheet.write_text(
        "id,field,value\n"
        f"{analysis_id},role_id,peer_support_worker\n"
        f"{analysis_id},skills_add,risk_assessment;safeguarding\n"
        "row-12,band,4\n"
        "row-12,pathway_present,yes\n",
        encoding="utf-8",
    )
    result = mhsw("corrections", "import", str(sheet), "--results", str(results), "--database", url)
    assert result.returncode == 0, result.stderr
    [fix] = store.corrections_for(analysis_id)
    assert fix["changes"] == {
        "role_id": "peer_support_worker",
        "skills_add": ["risk_assessment", "safeguarding"],
    }
    [batch] = store.list_analyses(corrected=True, band=None).items[:1]
    assert batch["external_id"] == "row-12" and batch["source"] == "batch"
    assert store.corrections_for(batch["id"])[0]["changes"] == {"band": "4", "pathway_present": True}

    again = tmp_path / "more.jsonl"
    rows = [
        {"id": "row-12", "field": "band", "value": "5"},
        {"id": "row-12", "field": "note", "value": "second look"},
    ]
    again.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert (
        mhsw("corrections", "import", str(again), "--database", url).returncode == 0
    )  # found by batch id now
    assert store.corrections_for(batch["id"])[-1]["note"] == "second look"
    exported = tmp_path / "out.jsonl"
    assert mhsw("corrections", "export", "-o", str(exported), "--database", url).returncode == 0
    assert [json.loads(line)["id"] for line in exported.read_text().splitlines()] == [analysis_id]


def test_import_checks_everything_before_writing(stored: tuple[str, Store, str], tmp_path: Path) -> None:
    url, store, analysis_id = stored
    sheet = tmp_path / "checked.csv"
    sheet.write_text(
        f"id,field,value\n{analysis_id},band,3\n{analysis_id},role_id,astronaut\n", encoding="utf-8"
    )
    line = one_line_error(mhsw("corrections", "import", str(sheet), "--database", url))
    assert "checked.csv:2: role_id:" in line and "astronaut" in line
    assert store.corrections_for(analysis_id) == []
    sheet.write_text("id,field,value\nrow-99,band,3\n", encoding="utf-8")
    assert "--results" in one_line_error(mhsw("corrections", "import", str(sheet), "--database", url))
    sheet.write_text("id,value\nx,3\n", encoding="utf-8")
    assert "header" in one_line_error(mhsw("corrections", "import", str(sheet), "--database", url))
    sheet.write_text(f"id,field,value\n{analysis_id},colour,red\n", encoding="utf-8")
    assert "unknown field 'colour'" in one_line_error(
        mhsw("corrections", "import", str(sheet), "--database", url)
    )
    sheet.write_text(f"id,field,value\n{analysis_id},note,only a note\n", encoding="utf-8")
    assert "must change at least one field" in one_line_error(
        mhsw("corrections", "import", str(sheet), "--database", url)
    )


def test_models_list_promote_rollback(tmp_path: Path) -> None:
    models = tmp_path / "models"
    for version in ("v1", "v2"):
        shutil.copytree(default_model_dir(), models / version)
    (models / "DEFAULT").write_text("v1\n")
    listed = mhsw("models", "--models-dir", str(models), "list")
    assert listed.returncode == 0 and "* v1" in listed.stdout and "  v2" in listed.stdout
    assert mhsw("models", "--models-dir", str(models), "promote", "v2").returncode == 0
    assert (models / "DEFAULT").read_text().strip() == "v2" and (
        models / "PREVIOUS"
    ).read_text().strip() == "v1"
    assert mhsw("models", "--models-dir", str(models), "rollback").returncode == 0
    assert (models / "DEFAULT").read_text().strip() == "v1"
    assert "no model version" in one_line_error(mhsw("models", "--models-dir", str(models), "promote", "v9"))
    victim = next(p for p in sorted((models / "v2").iterdir()) if p.name != "manifest.json")
    victim.write_bytes(victim.read_bytes() + b"x")
    refused = mhsw("models", "--models-dir", str(models), "promote", "v2")
    assert refused.returncode == 1 and "does not match its manifest" in refused.stderr
    assert (models / "DEFAULT").read_text().strip() == "v1"


def test_report_marks_corrected_rows(analyser: Analyser, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    assert mhsw("db", "upgrade", "--database", url).returncode == 0
    results = tmp_path / "results.jsonl"
    rows = [
        analyser.analyse(TEXT, title=title).model_copy(update={"id": f"row-{n}"})
        for n, title in enumerate(("Peer Supporter", "Link Worker"))
    ]
    results.write_text(
        "".join(row.model_dump_json() + "\n" for row in rows) + '{"id": "row-9", "error": "empty text"}\n'
    )
    sheet = tmp_path / "checked.csv"
    sheet.write_text("id,field,value\nrow-1,band,5\nrow-1,skills_remove,\n", encoding="utf-8")
    assert (
        mhsw("corrections", "import", str(sheet), "--results", str(results), "--database", url).returncode
        == 0
    )
    page = tmp_path / "report.html"
    made = mhsw("report", str(results), "-o", str(page), "--corrections", url)
    assert made.returncode == 0, made.stderr
    text = page.read_text(encoding="utf-8")
    assert "1 of 2 analysed rows were corrected by a reviewer (50.0%)" in text
    assert "<td>row-1</td>" in text and "<td>row-0</td>" not in text and text.rstrip().endswith("</html>")
    folder = tmp_path / "tables"
    assert (
        mhsw("report", str(results), "-o", str(folder), "--format", "csv", "--corrections", url).returncode
        == 0
    )
    assert (folder / "corrected_rows.csv").read_text().splitlines()[1].startswith("row-1,")
