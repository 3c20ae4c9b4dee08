# Two commands on a fresh machine with Python 3.11 or newer (and, on Debian/Ubuntu, python3-venv):
#   make run    serve the page and API on http://127.0.0.1:8000 (make run HOST=... PORT=..., or set
#               MHSW_HOST / MHSW_PORT); installs the serving set into .venv first
#   make test   ruff, mypy and pytest; installs the full set into .venv first
# Everything goes into the project's own .venv (never the system Python), from hash-checked lock files,
# and only when pyproject.toml or a lock file changed (stamp files in .venv/). `make lock` regenerates
# the lock files after a change to pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
SERVE_LOCK := requirements/serve.txt
FULL_LOCK := requirements/full.txt
UV_VERSION := 0.13.9
LOCK_OPTIONS := --universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock"
# Only HOST=/PORT= given to make are passed on; otherwise `mhsw serve` reads MHSW_HOST / MHSW_PORT.
SERVE_ARGS := $(if $(filter command line,$(origin HOST)),--host $(HOST)) \
              $(if $(filter command line,$(origin PORT)),--port $(PORT))

.PHONY: install install-dev run analyse-sample test lint typecheck unit lock image-size evaluate corpus-check \
        train-model benchmark \
        benchmark-batch benchmark-service

# The virtual environment, after checking the Python: one clear line instead of pip's
# externally-managed-environment error or a half-made .venv.
$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "mhsw needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo 'not found')." \
	       "Install Python 3.11+ and run: make $(or $(MAKECMDGOALS),run) PYTHON=python3.11" >&2; exit 2; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "could not create $(VENV) with '$(PYTHON) -m venv'; on Debian or Ubuntu install python3-venv" \
	       "(apt-get install python3-venv) and run make again" >&2; exit 2; }

$(VENV)/.installed-serve: $(SERVE_LOCK) pyproject.toml | $(PY)
	$(PIP) --require-hashes --no-deps -r $(SERVE_LOCK)
	$(PIP) --no-deps -e .
	@touch $@

$(VENV)/.installed-full: $(FULL_LOCK) pyproject.toml | $(PY)
	$(PIP) --require-hashes --no-deps -r $(FULL_LOCK)
	$(PIP) --no-deps -e .
	@touch $@ $(VENV)/.installed-serve

install: $(VENV)/.installed-serve

install-dev: $(VENV)/.installed-full

run: install
	$(PY) -m mhsw serve $(strip $(SERVE_ARGS))

analyse-sample: install
	$(PY) -m mhsw analyse data/samples/hcsw_band3.txt --format text

lint: install-dev
	$(PY) -m ruff check .

typecheck: install-dev
	$(PY) -m mypy

unit: install-dev  # with .venv/bin first on PATH, so tests that run `hadolint` or `mhsw` find the venv's
	PATH="$(abspath $(VENV))/bin:$$PATH" $(PY) -m pytest

test: lint typecheck unit

# Both lock files from pyproject.toml, for every platform and Python 3.11+; the serving lock takes the
# full lock's versions, so switching between `make run` and `make test` reinstalls nothing.
lock: | $(PY)
	@$(VENV)/bin/uv --version 2>/dev/null | grep -qF "uv $(UV_VERSION)" || $(PIP) "uv==$(UV_VERSION)"
	@mkdir -p requirements
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_OPTIONS) -o $(FULL_LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_OPTIONS) --constraint $(FULL_LOCK) -o $(SERVE_LOCK)

# What the Docker image installs (the serving lock and the package), measured in a fresh venv.
image-size:
	rm -rf build/image-venv && $(PYTHON) -m venv build/image-venv
	build/image-venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
	  --no-deps -r $(SERVE_LOCK)
	build/image-venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps .
	du -sh "$$(build/image-venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"

# These need ../shared beside the project: the development adverts and the NHS Jobs 2020 corpus.
SHARED_DATA ?= ../shared/data
evaluate: install-dev  # development-set CV, then the held-out employers of the corpus (about 30 minutes)
	$(PY) -m mhsw evaluate --data $(SHARED_DATA)/adverts-dev.jsonl --cv always \
	  --corpus $(SHARED_DATA)/nhs-jobs-2020.jsonl.gz

corpus-check: install-dev  # the whole pipeline over all 10,194 corpus adverts; fails on any error row
	$(PY) -m training.corpus_check --corpus $(SHARED_DATA)/nhs-jobs-2020.jsonl.gz

train-model: install-dev  # the shipped model: development adverts + weak corpus labels, calibrated
	$(PY) -m mhsw train --data $(SHARED_DATA)/adverts-dev.jsonl --corpus $(SHARED_DATA)/nhs-jobs-2020.jsonl.gz \
	  --no-cv

benchmark: install-dev
	$(PY) -m benchmarks.throughput

benchmark-batch: install-dev
	$(PY) -m benchmarks.batch_throughput --rows 100000
	$(PY) -m benchmarks.batch_memory --rows 10000 200000

benchmark-service: install-dev
	$(PY) -m benchmarks.load_service
