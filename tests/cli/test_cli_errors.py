"""One error path: a user error is one line on stderr and an exit code, never a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from lineage.cli.main import app

runner = CliRunner()
LINEAGE = [sys.executable, "-m", "lineage.cli.main"]


def one_line_error(result: Result) -> str:
    """The single stderr line of a cleanly reported error (no exception escaped the CLI)."""
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_query_from_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.graphql"

    result = runner.invoke(app, ["query", f"@{missing}", "--store", str(tmp_path / "s.db")])

    assert result.exit_code == 2
    line = one_line_error(result)
    assert str(missing) in line and "no such file" in line


def test_store_that_is_a_directory(tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text("")
    for command in (["db", "stats"], ["ingest", str(records)], ["query", "{ __typename }"]):
        result = runner.invoke(app, [*command, "--store", str(tmp_path)])

        assert result.exit_code == 2, (command, result.output)
        line = one_line_error(result)
        assert str(tmp_path) in line and "is a directory" in line


def test_store_that_is_not_sqlite(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("shopping list: eggs, milk, bread\n" * 10)

    for command in (["db", "stats"], ["db", "init"], ["trace", "abcdef1"]):
        result = runner.invoke(app, [*command, "--store", str(junk)])

        assert result.exit_code == 2, (command, result.output)
        line = one_line_error(result)
        assert str(junk) in line and "not a lineage store" in line
    assert junk.read_text().startswith("shopping list")


def test_bolt_store_with_nothing_listening() -> None:
    uri = f"bolt://127.0.0.1:{closed_port()}"

    result = runner.invoke(app, ["db", "stats", "--store", uri], env={"NEO4J_PASSWORD": "x"})

    assert result.exit_code == 2, result.output
    line = one_line_error(result)
    assert uri in line and "cannot connect" in line


def test_bolt_store_that_cannot_be_resolved() -> None:
    uri = "bolt://127.0.0.1:notaport"

    result = runner.invoke(app, ["db", "stats", "--store", uri], env={"NEO4J_PASSWORD": "x"})

    assert result.exit_code == 2, result.output
    line = one_line_error(result)
    assert f"cannot connect to Neo4j at {uri}: " in line


def test_no_traceback_from_the_real_command_and_debug_shows_it(tmp_path: Path) -> None:
    missing = tmp_path / "missing.graphql"
    plain = subprocess.run(
        [*LINEAGE, "query", f"@{missing}"], capture_output=True, text=True, cwd=tmp_path
    )
    debug = subprocess.run(
        [*LINEAGE, "--debug", "query", f"@{missing}"], capture_output=True, text=True,
        cwd=tmp_path,
    )  # fmt: skip

    assert plain.returncode == 2
    assert plain.stderr.strip().splitlines() == [f"error: {missing}: no such file"]
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "FileNotFoundError" in debug.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])

    assert result.exit_code == 0
    assert result.stdout.strip() == "lineage 0.1.0"


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path) -> None:
    """`lineage export … | head -c 10`: the command stops quietly, like any Unix filter."""
    store = tmp_path / "demo.db"
    built = runner.invoke(app, ["demo", "--store", str(store), "--no-serve", "--chains", "24"])
    assert built.exit_code == 0, built.output
    export = [
        *LINEAGE, "export", "--format", "node-link", "--since", "2000-01-01",
        "--until", "2100-01-01", "--store", str(store),
    ]  # fmt: skip
    process = subprocess.Popen(export, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None

    assert len(process.stdout.read(10)) == 10
    process.stdout.close()
    stderr = process.stderr.read().decode()

    assert process.wait() == 141
    assert stderr == ""
