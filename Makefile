# Two commands on a fresh machine: `make demo` runs the demo, `make test` runs the tests.
# Both create ./.venv and install the project (with its pinned dependencies) on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.installed

.PHONY: demo test lint typecheck chromium vendor bench-ingest bench-query

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

# The explorer's front-end tooling (TypeScript for the type-check, the vendored libraries' sources).
$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

# `tsc --checkJs --noEmit` over lineage/web/static/js (JS with JSDoc types).
typecheck: $(WEB_STAMP)
	cd web && npx tsc -p tsconfig.json

# The browser tests drive Debian's Chromium (Playwright's own download does not work here).
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# Re-copy the pinned libraries from web/node_modules into lineage/web/static/vendor.
vendor: $(WEB_STAMP)
	cd web && node vendor.mjs

test: lint typecheck chromium
	$(BIN)/pytest

bench-ingest: $(STAMP)
	$(BIN)/python bench/bench_ingest.py

bench-query: $(STAMP)
	$(BIN)/python bench/bench_store_queries.py
