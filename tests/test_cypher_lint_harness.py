"""Tests of the Cypher lint harness itself (tests/support/cypher_lint.py + tests/cypher_lint).

Every case is written to its own file and all files are linted in one call (one Node process),
as the real test over cypher/ does; a Node process per case would cost seconds each.
"""

from __future__ import annotations

import pathlib

import pytest

from tests.support.cypher_lint import Diagnostic, lint_cypher_files

HEADER = "// name: example\n// description: a statement used by the harness tests\n"

CASES: dict[str, str] = {
    "valid": HEADER + "UNWIND $rows AS row MERGE (e:Event {id: row.id}) SET e += row.props\n",
    "parameters": (
        "MATCH (e:Event) WHERE e.id IN $ids\nRETURN e ORDER BY e.ts SKIP $skip LIMIT $`limit`\n"
    ),
    "syntax": "MATCH (n RETURN n",
    "syntax_after_header": HEADER + "MATCH (n\nRETURN n\n",
    "undefined_variable": "MATCH (n) RETURN m",
    "undefined_variable_after_header": HEADER + "MATCH (n)\nRETURN m\n",
    "type_error": "RETURN toUpper(1) AS x",
    "deprecated": "MATCH (n) RETURN id(n) AS i",
    "unknown_schema": "MATCH (n:NoSuchLabel)-[:NO_SUCH_TYPE]->(m) RETURN n.noSuchProperty AS p",
    "cypher25_only": "MATCH (n) FILTER n.x > 1 RETURN n",
    "empty": "\n",
    "comments_only": HEADER,
    "constraint": HEADER
    + "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE\n",
    "index": HEADER + "CREATE INDEX event_chain IF NOT EXISTS FOR (e:Event) ON (e.chainId)\n",
    "var_length": HEADER + "MATCH (a:Event {id: $id})-[:PATH*1..5]->(b) RETURN DISTINCT b\n",
    "scoped_call": HEADER
    + "MATCH (a:Event)\nCALL (a) { MATCH (a)-[:LINK]->(b) RETURN count(b) AS n }\nRETURN a, n\n",
}


@pytest.fixture(scope="module")
def case_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pathlib.Path]:
    """Write every case to its own .cypher file in a temporary directory."""
    directory = tmp_path_factory.mktemp("cypher_cases")
    files = {name: directory / f"{name}.cypher" for name in CASES}
    for name, path in files.items():
        path.write_text(CASES[name], encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def linted(case_files: dict[str, pathlib.Path]) -> dict[str, list[Diagnostic]]:
    """Lint all case files in one call and key the diagnostics by case name."""
    result = lint_cypher_files(list(case_files.values()))
    assert list(result) == list(case_files.values())
    return {name: result[path] for name, path in case_files.items()}


def _errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Keep only the diagnostics with severity error."""
    return [d for d in diagnostics if d.is_error]


def test_valid_statement_is_clean(linted: dict[str, list[Diagnostic]]) -> None:
    assert linted["valid"] == []


def test_parameters_are_never_reported(linted: dict[str, list[Diagnostic]]) -> None:
    assert linted["parameters"] == []


def test_syntax_error_names_a_line(linted: dict[str, list[Diagnostic]]) -> None:
    errors = _errors(linted["syntax"])
    assert errors, "a syntax error must be reported"
    assert (errors[0].line, errors[0].column) == (1, 10)  # 1-based: the R of RETURN
    assert "Invalid input 'RETURN'" in errors[0].message


def test_comment_header_counts_in_line_numbers(linted: dict[str, list[Diagnostic]]) -> None:
    errors = _errors(linted["syntax_after_header"])
    assert [(e.line, e.column) for e in errors] == [(4, 1)]


def test_undefined_variable_is_an_error(linted: dict[str, list[Diagnostic]]) -> None:
    for name, position in [
        ("undefined_variable", (1, 18)),
        ("undefined_variable_after_header", (4, 8)),
    ]:
        errors = _errors(linted[name])
        assert [e.message for e in errors] == ["Variable `m` not defined"], name
        assert (errors[0].line, errors[0].column) == position, name


def test_type_error_is_an_error(linted: dict[str, list[Diagnostic]]) -> None:
    errors = _errors(linted["type_error"])
    assert [e.message for e in errors] == ["Type mismatch: expected String but was Integer"]


def test_deprecation_is_a_warning_not_an_error(linted: dict[str, list[Diagnostic]]) -> None:
    assert [d.severity for d in linted["deprecated"]] == ["warning"]


def test_unknown_labels_are_not_errors(linted: dict[str, list[Diagnostic]]) -> None:
    assert _errors(linted["unknown_schema"]) == []


@pytest.mark.parametrize("name", ["constraint", "index", "var_length", "scoped_call"])
def test_neo4j5_syntax_is_accepted(linted: dict[str, list[Diagnostic]], name: str) -> None:
    assert linted[name] == []


def test_language_is_cypher5(linted: dict[str, list[Diagnostic]]) -> None:
    # FILTER is a Cypher 25 clause; Cypher 5 does not have it.
    errors = _errors(linted["cypher25_only"])
    assert errors
    assert "Invalid input 'FILTER'" in errors[0].message


@pytest.mark.parametrize("name", ["empty", "comments_only"])
def test_file_without_statement_is_an_error(linted: dict[str, list[Diagnostic]], name: str) -> None:
    assert _errors(linted[name])


def test_no_files_gives_empty_result() -> None:
    assert lint_cypher_files([]) == {}


def test_missing_file_is_refused(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FileNotFoundError):
        lint_cypher_files([tmp_path / "absent.cypher"])
