"""The store on SQLite and PostgreSQL: migrations up and down, writes with their audit entries, cursor
pages, corrections folding into labels (newest wins), erasure and retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from db_support import db_url  # noqa: F401 - the fixture
from sqlalchemy import inspect

from store import migrate
from store.corrections import CorrectionIn, fold, problems
from store.errors import NotFound, StoreError
from store.export import labelled_rows
from store.repository import Store
from store.vocabulary import default_vocabulary

TABLES = {"analyses", "corrections", "audit_log"}


def fake_analysis(
    role: str = "link_worker", band: str | None = "4", codes: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The parts of an analysis the store reads, shaped like `Analysis.model_dump(mode="json")`."""
    return {
        "id": None,
        "schema_version": "1",
        "model_version": "test-model",
        "taxonomy_version": "test-taxonomy",
        "title": "Wellbeing Navigator",
        "role": {"id": role, "label": role},
        "category": {"id": "defined_boundary", "confidence": 0.9},
        "band": {"value": band, "stated": band},
        "qualifications": [{"id": "care_certificate"}],
        "skills": [{"id": "active_listening"}],
        "career_pathway": {"present": False},
        "wording": {"issues": [{"code": code} for code in codes]},
    }


@pytest.fixture
def store(db_url: str) -> Store:  # noqa: F811
    opened = Store.open(db_url)
    migrate.upgrade(opened.engine)
    yield opened
    opened.engine.dispose()


def test_migrations_go_up_and_down(db_url: str) -> None:  # noqa: F811
    engine = Store.open(db_url).engine
    assert not migrate.check(engine).up_to_date
    migrate.upgrade(engine)
    assert migrate.check(engine).up_to_date
    assert set(inspect(engine).get_table_names()) >= TABLES
    migrate.upgrade(engine)  # a second run (another worker starting) changes nothing
    migrate.downgrade(engine, "base")
    assert migrate.check(engine).current is None
    assert not TABLES & set(inspect(engine).get_table_names())
    migrate.upgrade(engine)
    assert migrate.check(engine).up_to_date
    engine.dispose()


def test_unusable_urls_are_clear_errors() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://localhost/x")
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("::::")


def test_text_is_kept_only_when_asked(store: Store) -> None:
    kept = store.add_analysis(fake_analysis(), "Invented advert text.", keep_text=True, actor="alice")
    hidden = store.add_analysis(fake_analysis(), "Another invented advert.", actor="bob")
    assert store.get_analysis(kept["id"])["text"] == "Invented advert text."
    row = store.get_analysis(hidden["id"])
    assert row["text"] is None and not row["text_retained"]
    assert len(row["text_sha256"]) == 64 and row["api_key_name"] == "bob"
    assert row["analysis"]["id"] == hidden["id"]
    assert [entry["action"] for entry in store.audit()] == ["analysis.create", "analysis.create"]


def test_pages_filters_and_cursor(store: Store) -> None:
    ids = [
        store.add_analysis(fake_analysis(band="3" if i % 2 else "5"), f"advert {i}")["id"] for i in range(7)
    ]
    seen, cursor = [], None
    while True:
        page = store.list_analyses(cursor=int(cursor) if cursor else None, limit=3)
        seen.extend(item["id"] for item in page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == ids[::-1]
    assert {item["id"] for item in store.list_analyses(band="3").items} == set(ids[1::2])
    store.add_correction(ids[0], {"band": "4"})
    assert [item["id"] for item in store.list_analyses(corrected=True).items] == [ids[0]]
    assert len(store.list_analyses(corrected=False).items) == 6
    future = datetime.now(UTC) + timedelta(hours=1)
    assert store.list_analyses(since=future).items == []


def test_corrections_need_an_analysis_and_are_audited(store: Store) -> None:
    with pytest.raises(NotFound):
        store.add_correction("no-such-id", {"band": "3"})
    stored = store.add_analysis(fake_analysis(), "text")
    fix = store.add_correction(stored["id"], {"role_id": "peer_support_worker"}, note="checked", actor="rev")
    [row] = store.corrections_for(stored["id"])
    assert row["id"] == fix["id"] and row["note"] == "checked" and row["author"] == "rev"
    assert store.audit()[0]["action"] == "correction.create"
    assert store.audit()[0]["detail"]["fields"] == ["role_id"]


def test_newest_correction_wins_and_lists_apply_in_order() -> None:
    vocab = default_vocabulary()
    history = [
        {"role_id": "peer_support_worker", "band": "3", "skills_add": ["risk_assessment"]},
        {"band": "4", "skills_remove": ["active_listening"], "qualifications_remove": ["care_certificate"]},
        {"pathway_present": True, "title": "Peer Navigator"},
    ]
    folded = fold(fake_analysis(), history, vocab)
    labels = folded["labels"]
    assert labels["role_id"] == "peer_support_worker"
    assert labels["category"] == vocab.taxonomy.category_of("peer_support_worker")
    assert labels["band_stated"] == "4"
    assert labels["skills"] == ["risk_assessment"] and labels["quals"] == []
    assert labels["pathway_present"] is True and folded["title"] == "Peer Navigator"


def test_problems_name_the_bad_field() -> None:
    vocab = default_vocabulary()
    analysis = fake_analysis(codes=("jargon",))
    body = CorrectionIn(
        role_id="astronaut",
        band="10",
        skills_add=["nonsense"],
        dismiss_wording=[{"code": "x", "reason": "y"}],
    )
    locs = {tuple(p["loc"]) for p in problems(body, vocab, analysis)}
    assert locs == {
        ("body", "role_id"),
        ("body", "band"),
        ("body", "skills_add", 0),
        ("body", "dismiss_wording", 0, "code"),
    }
    assert (
        problems(CorrectionIn(dismiss_wording=[{"code": "jargon", "reason": "NHS term"}]), vocab, analysis)
        == []
    )
    assert problems(CorrectionIn(), vocab, analysis)[0]["msg"].startswith("a correction must change")


def test_export_rows_only_where_text_was_kept(store: Store) -> None:
    vocab = default_vocabulary()
    kept = store.add_analysis(fake_analysis(), "Invented text one.", keep_text=True)
    hidden = store.add_analysis(fake_analysis(), "Invented text two.")
    store.add_analysis(fake_analysis(), "Never corrected.", keep_text=True)
    store.add_correction(kept["id"], {"role_id": "peer_support_worker"})
    store.add_correction(hidden["id"], {"band": "2"})
    rows = list(labelled_rows(store, vocab))
    assert [row["id"] for row in rows] == [kept["id"]]
    assert rows[0]["text"] == "Invented text one." and rows[0]["labels"]["role_id"] == "peer_support_worker"
    everything = list(labelled_rows(store, vocab, include_untexted=True))
    assert {row["id"] for row in everything} == {kept["id"], hidden["id"]}
    assert "text" not in next(row for row in everything if row["id"] == hidden["id"])


def test_erasure_and_retention(store: Store) -> None:
    stored = store.add_analysis(fake_analysis(), "text", keep_text=True)
    store.add_correction(stored["id"], {"band": "3"})
    store.delete_analysis(stored["id"], actor="admin")
    with pytest.raises(NotFound):
        store.get_analysis(stored["id"])
    with pytest.raises(NotFound):
        store.corrections_for(stored["id"])
    assert store.audit()[0] == {
        **store.audit()[0],
        "action": "analysis.delete",
        "target": stored["id"],
        "detail": None,
    }
    old = store.add_analysis(fake_analysis(), "old")
    store.add_correction(old["id"], {"band": "5"})
    assert store.purge(datetime.now(UTC) - timedelta(days=1)) == 0
    assert store.purge(datetime.now(UTC) + timedelta(seconds=1)) == 1
    assert store.list_analyses().items == []
