# Two commands: `make run` serves the site, `make test` checks it. Both need only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PIP_FLAGS := --disable-pip-version-check -q

.PHONY: run test lint format e2e bench lock clean

# DEBUG is off unless asked for; local work asks for it (set DJANGO_DEBUG=0 to try production).
run test e2e bench: export DJANGO_DEBUG ?= 1

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-deps: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install $(PIP_FLAGS) -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.run-deps
	$(PY) -m pip install $(PIP_FLAGS) -r requirements-dev.txt
	touch $@

run: $(VENV)/.run-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_guides --publish
	$(PY) manage.py import_oews occupations/data/oews --skip-loaded
	$(PY) manage.py load_assessments
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djlint templates --lint

format: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

e2e: $(VENV)/.dev-deps
	$(PY) -m pytest tests/e2e

# Regenerate the pinned lock files from pyproject.toml (needs network access to PyPI).
lock: $(VENV)/.dev-deps
	$(PY) -m pip install $(PIP_FLAGS) uv
	$(VENV)/bin/uv pip compile pyproject.toml -o requirements.txt --python-version 3.11
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev -o requirements-dev.txt --python-version 3.11

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

# Benchmarks: ratios against a baseline measured in the same run (docs/performance.md).
bench: $(VENV)/.dev-deps
	command -v wrk >/dev/null 2>&1 || (apt-get install -y -qq wrk >/dev/null 2>&1 || echo "wrk unavailable: HTTP part skipped")
	$(PY) bench/run.py
