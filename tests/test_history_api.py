"""The history routes through the app: store, read, list, correct, export, erase, key roles and reload."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from db_support import database_url
from fastapi.testclient import TestClient

from classifier.pipeline import Analyser
from classifier.taxonomy import default_taxonomy
from service.app import create_app
from service.engine import Engine
from service.security import parse_key
from service.settings import Settings
from training.datasets import load_jsonl

ADVERT = {
    "title": "Neighbourhood Companion",
    "text": "About the role\nYou will visit adults who feel lonely and walk with them to local groups. "
    "You will keep short notes and meet the team each Friday.\nWhat we need\nA calm manner and good listening.",
}
READER, REVIEWER, ADMIN = "reader-key-0123456789", "reviewer-key-0123456789", "admin-key-0123456789"
KEYS = [f"rita:reader:{READER}", f"rob:reviewer:{REVIEWER}", ADMIN]


def make_client(analyser: Analyser, url: str, **settings: Any) -> TestClient:
    config = Settings(rate_limit_per_minute=0, database_url=url, **settings)
    return TestClient(create_app(config, loader=lambda: Engine(analyser)))


@pytest.fixture(params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, analyser: Analyser, tmp_path: Path) -> Iterator[TestClient]:
    for url in database_url(request.param, tmp_path):
        with make_client(analyser, url, text_retention=True) as test_client:
            assert test_client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
            yield test_client


def test_store_read_correct_export_and_erase(client: TestClient) -> None:
    created = client.post("/v1/analyses", json={**ADVERT, "external_id": "row-7"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"/v1/analyses/{body['id']}"
    assert (
        body["text"] == ADVERT["text"]
        and body["external_id"] == "row-7"
        and body["api_key_name"] == "anonymous"
    )
    fetched = client.get(created.headers["location"]).json()
    assert fetched["analysis"]["role"]["id"] == body["role_id"] and not fetched["corrected"]

    fix = client.post(
        f"/v1/analyses/{body['id']}/corrections", json={"role_id": "peer_support_worker", "band": "3"}
    )
    assert fix.status_code == 201, fix.text
    later = client.post(
        f"/v1/analyses/{body['id']}/corrections", json={"band": "4", "note": "checked the JD"}
    )
    assert later.status_code == 201
    history = client.get(f"/v1/analyses/{body['id']}/corrections").json()["corrections"]
    assert [item["id"] for item in history] == [fix.json()["id"], later.json()["id"]]
    assert client.get("/v1/analyses", params={"corrected": "true"}).json()["items"][0]["id"] == body["id"]

    export = client.get("/v1/corrections/export")
    assert export.status_code == 200 and export.headers["content-type"].startswith("application/x-ndjson")
    [row] = [json.loads(line) for line in export.text.splitlines()]
    assert row["id"] == body["id"] and row["text"] == ADVERT["text"]
    assert row["labels"]["role_id"] == "peer_support_worker" and row["labels"]["band_stated"] == "4"

    assert client.delete(f"/v1/analyses/{body['id']}").status_code == 204
    assert client.get(f"/v1/analyses/{body['id']}").status_code == 404
    assert client.get("/v1/corrections/export").text == ""


def test_export_is_what_mhsw_train_reads(client: TestClient, tmp_path: Path) -> None:
    stored = client.post("/v1/analyses", json=ADVERT).json()
    client.post(f"/v1/analyses/{stored['id']}/corrections", json={"skills_add": ["risk_assessment"]})
    path = tmp_path / "corrections.jsonl"
    path.write_text(client.get("/v1/corrections/export").text, encoding="utf-8")
    dataset = load_jsonl([path], default_taxonomy())
    assert [row.id for row in dataset.rows] == [stored["id"]]
    assert "risk_assessment" in (dataset.rows[0].labels.skills or [])


def test_bad_corrections_are_404_or_422_naming_the_field(client: TestClient) -> None:
    assert client.post("/v1/analyses/unknown/corrections", json={"band": "3"}).status_code == 404
    stored = client.post("/v1/analyses", json=ADVERT).json()
    url = f"/v1/analyses/{stored['id']}/corrections"
    for body, loc in (
        ({"role_id": "astronaut"}, ["body", "role_id"]),
        ({"band": "11"}, ["body", "band"]),
        ({"qualifications_add": ["care_certificate", "made_up"]}, ["body", "qualifications_add", 1]),
        (
            {"dismiss_wording": [{"code": "no_such_issue", "reason": "r"}]},
            ["body", "dismiss_wording", 0, "code"],
        ),
        ({"dismiss_wording": [{"code": "x"}]}, ["body", "dismiss_wording", 0, "reason"]),
        ({"colour": "red"}, ["body", "colour"]),
        ({}, ["body"]),
    ):
        answer = client.post(url, json=body)
        assert answer.status_code == 422, body
        assert answer.json()["detail"][0]["loc"] == loc
    assert client.get(f"/v1/analyses/{stored['id']}/corrections").json()["corrections"] == []
    assert client.get("/v1/analyses", params={"band": "10"}).status_code == 422
    assert client.get("/v1/analyses", params={"cursor": "abc"}).status_code == 422


def test_cursor_pages_and_filters(client: TestClient) -> None:
    ids = [client.post("/v1/analyses", json=ADVERT).json()["id"] for _ in range(5)]
    seen, cursor = [], None
    while True:
        page = client.get(
            "/v1/analyses", params={"limit": 2, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ids[::-1]
    role = client.get(f"/v1/analyses/{ids[0]}").json()["role_id"]
    assert len(client.get("/v1/analyses", params={"role": role}).json()["items"]) == 5
    assert client.get("/v1/analyses", params={"role": "nobody"}).json()["items"] == []
    assert len(client.get("/v1/analyses", params={"since": "2020-01-01T00:00:00Z"}).json()["items"]) == 5
    assert client.get("/v1/analyses", params={"since": "2999-01-01T00:00:00"}).json()["items"] == []
    newest = client.get(f"/v1/analyses/{ids[-1]}").json()["created_at"]  # UTC, e.g. ...T11:40:00.123Z
    later = datetime.fromisoformat(newest) + timedelta(seconds=1)
    ahead = later.astimezone(timezone(timedelta(hours=5))).isoformat()  # the same moment, written at UTC+5
    assert client.get("/v1/analyses", params={"since": ahead}).json()["items"] == []
    behind = (later - timedelta(seconds=3600)).astimezone(timezone(timedelta(hours=-3))).isoformat()
    assert len(client.get("/v1/analyses", params={"since": behind}).json()["items"]) == 5
    for bad in ("0.5", "yesterday", "2026-11-01"):
        answer = client.get("/v1/analyses", params={"since": bad})
        assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["query", "since"]


def test_key_roles(analyser: Analyser, tmp_path: Path) -> None:
    with make_client(analyser, f"sqlite:///{tmp_path / 'h.sqlite3'}", api_keys=KEYS) as client:
        assert client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]

        def auth(key: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {key}"}

        assert client.post("/v1/analyses", json=ADVERT).status_code == 401
        assert client.post("/v1/analyses", json=ADVERT, headers=auth(READER)).status_code == 403
        stored = client.post("/v1/analyses", json=ADVERT, headers=auth(REVIEWER))
        assert stored.status_code == 201 and stored.json()["api_key_name"] == "rob"
        where = stored.headers["location"]
        assert client.get(where, headers=auth(READER)).status_code == 200
        assert (
            client.post(f"{where}/corrections", json={"band": "3"}, headers=auth(READER)).status_code == 403
        )
        fix = client.post(f"{where}/corrections", json={"band": "3"}, headers=auth(REVIEWER))
        assert fix.status_code == 201 and fix.json()["author"] == "rob"
        assert client.delete(where, headers=auth(REVIEWER)).status_code == 403
        assert client.post("/v1/admin/reload", headers=auth(REVIEWER)).status_code == 403
        assert client.delete(where, headers=auth(ADMIN)).status_code == 204  # a bare key is an admin key
        # the named keys still work on the analysis routes
        assert client.post("/v1/analyse", json=ADVERT, headers=auth(READER)).status_code == 200


def test_key_entries_parse() -> None:
    assert parse_key("hr-system:reviewer:0123456789abcdef", 0).name == "hr-system"
    bare = parse_key("0123456789abcdef", 3)
    assert (bare.name, bare.role, bare.secret) == ("key-3", "admin", "0123456789abcdef")
    assert (
        parse_key("x:superuser:0123456789abcdef", 1).role == "admin"
    )  # not a role: the whole entry is the key
    with pytest.raises(ValueError, match="at least 16"):
        Settings(api_keys=["name:reader:short"])


def test_history_down_is_503_and_analysis_still_works(analyser: Analyser, tmp_path: Path) -> None:
    with make_client(analyser, "postgresql+psycopg://nobody:x@127.0.0.1:1/none") as client:
        assert client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        answer = client.get("/v1/analyses")
        assert answer.status_code == 503 and "database" in answer.json()["detail"]
        assert client.post("/v1/analyse", json=ADVERT).status_code == 200
    with make_client(analyser, f"sqlite:///{tmp_path / 'new.sqlite3'}", migrate_on_start=False) as client:
        assert "mhsw db upgrade" in client.get("/v1/analyses").json()["detail"]
    with make_client(analyser, f"sqlite:///{tmp_path / 'off.sqlite3'}", history=False) as client:
        assert "switched off" in client.get("/v1/analyses").json()["detail"]
    assert not (tmp_path / "off.sqlite3").exists()


def test_reload_switches_the_model_and_rolls_back(analyser: Analyser, tmp_path: Path) -> None:
    with make_client(analyser, f"sqlite:///{tmp_path / 'h.sqlite3'}") as client:
        assert client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        before = client.app.state.model.engine  # type: ignore[attr-defined]
        assert client.post("/v1/admin/reload", json={"rollback": True}).status_code == 409
        assert client.post("/v1/admin/reload", json={"version": "no-such-model"}).status_code == 404
        answer = client.post("/v1/admin/reload")
        assert answer.status_code == 200, answer.text
        assert client.app.state.model.engine is not before  # type: ignore[attr-defined]
        assert client.post("/v1/analyse", json=ADVERT).status_code == 200
        back = client.post("/v1/admin/reload", json={"rollback": True})
        assert back.status_code == 200 and client.app.state.model.engine is before  # type: ignore[attr-defined]


def test_an_unwritable_database_folder_leaves_analysis_working(analyser: Analyser, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    with make_client(analyser, f"sqlite:///{blocker / 'sub' / 'h.sqlite3'}") as client:
        assert client.app.state.model.loaded.wait(60)  # type: ignore[attr-defined]
        answer = client.get("/v1/analyses")
        assert answer.status_code == 503 and "cannot create the database folder" in answer.json()["detail"]
        assert client.post("/v1/analyse", json=ADVERT).status_code == 200
