"""The Cypher statements of the Neo4j backend: Neo4j's own linter passes them, each is used, and
no Cypher hides in Python code."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from lineage.model import Direction
from lineage.services.limits import MAX_TRAVERSE_DEPTH
from lineage.store.neo4j import queries
from lineage.store.neo4j import store as backend
from tests.support.cypher_lint import lint_cypher_files

ROOT = Path(__file__).resolve().parents[2]
CYPHER_DIR = ROOT / "cypher"
#: Statements only benchmarks send (never the product): linted like the product's.
BENCH_CYPHER_DIR = ROOT / "bench" / "cypher"
BACKEND_DIR = ROOT / "lineage" / "store" / "neo4j"
PACKAGE_DIR = ROOT / "lineage"

#: Helpers of the backend whose argument at this position is a statement name.
STATEMENT_ARGUMENT = {
    "load": 0,
    "_run": 1,
    "_rows": 1,
    "_rows_in": 1,
    "_run_in": 1,
    "_run_batches": 1,
}

#: Text that starts a Cypher statement (the embedded store's SQL never starts like this).
CYPHER_START = re.compile(
    r"^\s*(MATCH\s*\(|OPTIONAL\s+MATCH\b|MERGE\s*\(|UNWIND\s+\$|DETACH\s+DELETE\b|"
    r"CALL\s*\(\s*\w*\s*\)\s*\{|CREATE\s+(CONSTRAINT|INDEX)\s+\w+\s+IF\s+NOT\s+EXISTS\s+FOR\b)"
)


def cypher_files() -> list[Path]:
    """Every statement file in the repository."""
    return sorted(CYPHER_DIR.glob("*.cypher"))


def statement_body(path: Path) -> list[str]:
    """The lines of a statement file that are not comments or blank."""
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]


def names_used_by_backend() -> set[str]:
    """Statement names the backend's code passes to its runners or lists in *_STATEMENTS."""
    used: set[str] = set()
    for source in sorted(BACKEND_DIR.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                position = STATEMENT_ARGUMENT.get(name or "")
                if position is not None and len(node.args) > position:
                    argument = node.args[position]
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                        used.add(argument.value)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if (
                    any(isinstance(t, ast.Name) and t.id.endswith("_STATEMENTS") for t in targets)
                    and node.value is not None
                ):
                    used.update(_statement_names(node.value))
    return used


def _statement_names(value: ast.expr) -> set[str]:
    """Strings in a *_STATEMENTS value: dict values (not keys), sequence items."""
    if isinstance(value, ast.Dict):
        return {name for item in value.values for name in _statement_names(item)}
    if isinstance(value, ast.Tuple | ast.List | ast.Set):
        return {name for item in value.elts for name in _statement_names(item)}
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}
    return set()


def test_there_are_statements() -> None:
    assert len(cypher_files()) > 20
    assert queries.names() == [path.stem for path in cypher_files()]


def test_every_statement_passes_neo4j_cypher_lint() -> None:
    results = lint_cypher_files([*cypher_files(), *sorted(BENCH_CYPHER_DIR.glob("*.cypher"))])

    report = [
        f"{path.name}:{d.line}:{d.column}: {d.severity}: {d.message}"
        for path, diagnostics in results.items()
        for d in diagnostics
    ]
    print("\n".join(report) or "no diagnostics")
    errors = [
        f"{path.name}:{d.line}:{d.column}: {d.message}"
        for path, diagnostics in results.items()
        for d in diagnostics
        if d.is_error
    ]
    assert not errors, "Cypher lint errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("path", cypher_files(), ids=lambda p: p.name)
def test_each_file_says_what_it_does_and_holds_one_statement(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()

    assert lines[0].startswith("// "), f"{path.name} must open with // comments"
    assert any("Parameters:" in line for line in lines if line.startswith("//")), (
        f"{path.name}: the header must list the statement's parameters ('// Parameters: ...')"
    )
    body = statement_body(path)
    assert body, f"{path.name} holds no statement"
    assert not any(line.rstrip().endswith(";") for line in body), "one statement, no separator"
    assert re.fullmatch(r"[a-z][a-z0-9_]*", path.stem)


def test_every_statement_file_is_used_and_every_used_name_has_a_file() -> None:
    on_disk = {path.stem for path in cypher_files()}
    used = names_used_by_backend()

    dead = sorted(on_disk - used)
    missing = sorted(used - on_disk)
    assert not dead, f"statement files no code in {BACKEND_DIR.name}/ uses: {dead}"
    assert not missing, f"statement names without a .cypher file: {missing}"


def test_the_per_label_statements_differ_only_in_their_label() -> None:
    templates = {
        label: (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8").replace(label, "<L>")
        for label, name in backend.EVENT_WRITER_STATEMENTS.items()
    }

    assert len(set(templates.values())) == 1, "write_events_*.cypher drifted apart"
    template = next(iter(templates.values()))
    assert "MERGE (e:Event {id: row.id})" in template
    assert "ON CREATE SET e:<L>, e += row.props" in template
    assert "REMOVE e:Placeholder\nSET e:<L>, e += row.props" in template


def test_no_cypher_in_python_sources() -> None:
    offenders = []
    for source in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CYPHER_START.match(node.value)
            ):
                offenders.append(f"{source.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")

    assert not offenders, "Cypher belongs in cypher/*.cypher:\n" + "\n".join(offenders)


def test_the_cypher_check_would_catch_a_statement() -> None:
    assert CYPHER_START.match("\n    MATCH (e:Event {id: $id}) RETURN e")
    assert CYPHER_START.match("UNWIND $rows AS row MERGE (e:Event {id: row.id})")
    assert CYPHER_START.match("CREATE INDEX x IF NOT EXISTS FOR (e:Event) ON (e.id)")
    assert not CYPHER_START.match("CREATE INDEX IF NOT EXISTS ix_events_ts ON events (ts, id)")
    assert not CYPHER_START.match("Match the filter")


def test_the_wheel_ships_the_statements() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force_include = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]

    assert force_include["cypher"] == "lineage/_cypher"


def test_the_walk_statements_take_as_many_levels_as_a_traverse_may_go() -> None:
    paths = {direction: CYPHER_DIR / f"{name}.cypher" for direction, name in WALK.items()}

    assert backend.WALK_LEVELS == MAX_TRAVERSE_DEPTH
    for path in paths.values():
        guards = re.findall(r"\$levels >= (\d+) ", path.read_text(encoding="utf-8"))
        assert guards == [str(k) for k in range(1, backend.WALK_LEVELS + 1)], path.name
    # the three differ in the direction of their pattern only
    bodies = {
        "\n".join(statement_body(path)).replace(WALK_PATTERNS[direction], "<PATTERN>")
        for direction, path in paths.items()
    }
    assert len(bodies) == 1


WALK = backend.WALK_STATEMENTS
#: The one line of each walk statement's level that says which way it goes.
WALK_PATTERNS = {
    Direction.DOWNSTREAM: "MATCH (f)-[r:PATH|RELATION|END]->(n)",
    Direction.UPSTREAM: "MATCH (f)<-[r:PATH|RELATION|END]-(n)",
    Direction.BOTH: "MATCH (f)-[r:PATH|RELATION|END]-(n)",
}


def _level_queries(path: Path) -> list[str]:
    """The subquery of each walk level (between `CALL (...) {` and `}`), `$maxSeen` as a name."""
    text = path.read_text(encoding="utf-8").replace("$maxSeen", "maxSeen")
    return re.findall(r"\n// level \d+\nCALL \([^)]*\) \{\n(.*?)\n\}", text, flags=re.DOTALL)


def test_the_trace_statement_walks_its_levels_as_walk_downstream_does() -> None:
    # commit_trace.cypher repeats walk_downstream's levels inline (one round trip for a trace);
    # a static file cannot include another, so this keeps the copy from drifting.
    walk = _level_queries(CYPHER_DIR / f"{WALK[Direction.DOWNSTREAM]}.cypher")
    trace = _level_queries(CYPHER_DIR / "commit_trace.cypher")

    assert len(walk) == backend.WALK_LEVELS
    assert trace == walk


#: `FOR (v:Label)` / `FOR ()-[r:TYPE]-()` and `(v.prop)` / `v.prop IS UNIQUE` of a schema file.
SCHEMA_TARGET = re.compile(
    r"FOR \(?(?:\w+:(\w+)\)|\)-\[\w+:(\w+)\]-\(\))\s+(?:ON|REQUIRE)\s+\(?\w+\.(\w+)\b"
)
NODE_WITH_KEY = re.compile(r"\((\w+):(\w+)(?::\w+)*\s*\{(\w+):")
BOUND = re.compile(r"[(\[](\w+):(\w+)")
KEY_PREDICATE = re.compile(r"^\s*WHERE\s+(\w+)\.(\w+)\s*(?:=|IN)\s")


def indexed_keys() -> set[tuple[str, str]]:
    """(label or relationship type, property) of every index and constraint `db init` creates
    (the first property of a composite one)."""
    keys: set[tuple[str, str]] = set()
    for path in cypher_files():
        if path.stem.startswith(("index_", "constraint_")):
            found = SCHEMA_TARGET.search(" ".join(statement_body(path)))
            assert found, f"{path.name}: cannot read what it indexes"
            keys.add((found.group(1) or found.group(2), found.group(3)))
    return keys


def test_every_lookup_by_an_indexed_key_forces_an_index_seek() -> None:
    # A plan cached while the graph was empty (or its index samples stale) may scan an index
    # or a label once per row: minutes for one ingest batch. USING INDEX SEEK rules it out.
    keys = indexed_keys()
    unhinted = []
    for path in cypher_files():
        body = statement_body(path)
        for number, line in enumerate(body):
            if not re.match(r"^\s*(OPTIONAL\s+)?MATCH\b", line):
                continue
            following = body[number + 1] if number + 1 < len(body) else ""
            if following.strip().startswith("USING INDEX SEEK"):
                continue
            lookups = [(label, key) for _, label, key in NODE_WITH_KEY.findall(line)]
            predicate = KEY_PREDICATE.match(following)
            bound = dict(BOUND.findall(line))
            if predicate and predicate.group(1) in bound:
                lookups.append((bound[predicate.group(1)], predicate.group(2)))
            if any(lookup in keys for lookup in lookups):
                unhinted.append(f"{path.name}: {line.strip()}")
    assert not unhinted, "key lookups without USING INDEX SEEK:\n" + "\n".join(unhinted)
