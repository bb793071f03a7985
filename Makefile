# Two commands on a fresh machine: `make demo` runs the demo, `make test` runs the tests.
# Both create ./.venv and install the project (with its pinned dependencies) on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench-ingest bench-query

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(STAMP)
	$(BIN)/lineage demo

lint: $(STAMP)
	$(BIN)/ruff check lineage tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench-ingest: $(STAMP)
	$(BIN)/python bench/bench_ingest.py

bench-query: $(STAMP)
	$(BIN)/python bench/bench_store_queries.py
