# Two commands on a fresh machine: `make demo` runs the demo, `make test` runs the tests.
# Both create ./.venv and install the project (with its pinned dependencies) on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.installed

# The real Neo4j 5.26 Community of the tests, benchmarks and `make neo4j` (Java 17+ and Maven;
# its jars come from Maven Central once and stay in ~/.m2).
LAUNCHER := tests/neo4j_server
LAUNCHER_BUILT := $(LAUNCHER)/target/classpath.txt
NEO4J_PORT ?= 7687
NEO4J_HEAP ?= 1g

.PHONY: demo test lint typecheck chromium vendor neo4j neo4j-launcher bench-ingest bench-query

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
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

# Re-copy the pinned libraries from web/node_modules into lineage/web/static/vendor.
vendor: $(WEB_STAMP)
	cd web && node vendor.mjs

$(LAUNCHER_BUILT): $(LAUNCHER)/pom.xml $(shell find $(LAUNCHER)/src -name '*.java')
	cd $(LAUNCHER) && (mvn -q -B -o package -DskipTests || mvn -q -B package -DskipTests)
	touch $@

neo4j-launcher: $(LAUNCHER_BUILT)

# With NEO4J_URI set the suite uses that Neo4j and needs no launcher.
test: lint typecheck chromium $(if $(NEO4J_URI),,neo4j-launcher)
	PYTHONFAULTHANDLER=1 $(BIN)/pytest

# A real Neo4j in the foreground (Ctrl-C stops it), data kept in ./.neo4j: prints URI and login.
neo4j: $(STAMP) neo4j-launcher
	$(BIN)/python -m tests.support.neo4j_server --port $(NEO4J_PORT) --data .neo4j --heap $(NEO4J_HEAP)

bench-ingest: $(STAMP)
	$(BIN)/python bench/bench_ingest.py

bench-query: $(STAMP)
	$(BIN)/python bench/bench_store_queries.py
