# Two commands on a fresh machine: `make run` (install, then serve the web page and API on the shipped model)
# and `make test` (install with dev tools, then lint, type-check and test).
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev run analyse-sample test lint typecheck unit evaluate benchmark benchmark-batch benchmark-service

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e .

install-dev:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e ".[dev]"

run: install
	$(PYTHON) -m mhsw serve --host $(HOST) --port $(PORT)

analyse-sample: install
	$(PYTHON) -m mhsw analyse data/samples/hcsw_band3.txt --format text

lint:
	$(PYTHON) -m ruff check .

typecheck:
	$(PYTHON) -m mypy

unit:
	$(PYTHON) -m pytest

test: install-dev lint typecheck unit

# Needs the development adverts beside the project (../shared/data/adverts-dev.jsonl).
evaluate: install
	$(PYTHON) -m mhsw evaluate --data ../shared/data/adverts-dev.jsonl --cv always

benchmark: install
	$(PYTHON) -m benchmarks.throughput

benchmark-batch: install
	$(PYTHON) -m benchmarks.batch_throughput --rows 100000
	$(PYTHON) -m benchmarks.batch_memory --rows 10000 200000

benchmark-service: install
	$(PYTHON) -m benchmarks.load_service
