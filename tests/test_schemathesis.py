"""Schemathesis against the ASGI app: generated valid and invalid requests for every route, all checks on.

Bounded (at most MHSW_SCHEMATHESIS_EXAMPLES per route, default 200) and marked `slow`: CI runs it in its
own step with `pytest -m slow tests/test_schemathesis.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from pydantic import SecretStr

from classifier.pipeline import Analyser
from service.app import create_app
from service.engine import Engine
from service.settings import Settings

EXAMPLES = int(os.environ.get("MHSW_SCHEMATHESIS_EXAMPLES", "200"))
API_KEY = "schemathesis-test-key-0123456789"

CONFIG = schemathesis.Config.from_dict(
    {
        "headers": {"Authorization": f"Bearer {API_KEY}"},
        "checks": {
            "enabled": True,
            # An upload's content cannot be described in the schema: a schema-valid file may be an image (415)
            # or unreadable (422). 413 is documented for bodies over the size limit.
            "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "413", "415", "422", "429"]},
            "negative_data_rejection": {"expected-statuses": ["400", "401", "413", "415", "422", "429"]},
            "max_response_time": 30.0,
        },
        "operations": [
            {
                # Multipart has no types: any bytes are a file and any text a title, so "negative" multipart
                # data (a JSON object as the file, null as the title) is still a valid upload.
                "include-path": "/v1/analyse/file",
                "checks": {"negative_data_rejection": {"enabled": False}},
            },
            {
                # A schema-valid id need not exist: 404 is the documented answer for an unknown analysis.
                "include-path-regex": "^/v1/analyses/",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "401", "404", "413", "415", "422", "429"]
                    }
                },
            },
            # Each valid call loads a model from disk (seconds); tests/test_history_api.py covers it.
            {"include-path": "/v1/admin/reload", "enabled": False},
        ],
    }
)


@pytest.fixture(autouse=True)
def _slow_only_when_asked(request: pytest.FixtureRequest) -> None:
    """Slow tests run only when selected (`pytest -m slow`), so the default run stays quick."""
    if request.node.get_closest_marker("slow") and "slow" not in request.config.getoption("markexpr"):
        pytest.skip("slow: run with `pytest -m slow`")


@pytest.fixture(scope="module")
def app(analyser: Analyser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    database = tmp_path_factory.mktemp("history") / "history.sqlite3"  # never the developer's own history
    settings_ = Settings(api_keys=[SecretStr(API_KEY)], rate_limit_per_minute=0, database_url=f"sqlite:///{database}")
    application = create_app(settings_, loader=lambda: Engine(analyser))
    application.state.model.start()
    assert application.state.model.loaded.wait(60)
    yield application


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()
