"""Read-only commands never create a store; `lineage demo` only ever replaces a demo store."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from lineage.cli.main import app
from lineage.store.embedded import EmbeddedStore
from tests.support.cdevents import cdevent

runner = CliRunner()
A = "0a0a0a0a-0000-4000-8000-00000000000a"
NO_ENV = {"LINEAGE_STORE": None}
READ_ONLY = (
    ["db", "stats"],
    ["trace", "abcdef1234"],
    ["query", "{ __typename }"],
    ["export", "--format", "graphml", "--chain", "c1"],
    ["dora", "--since", "2026-01-01", "--until", "2026-02-01"],
)


def precious(tmp_path: Path) -> Path:
    """A store holding one real event, ingested by the CLI."""
    records = tmp_path / "real.jsonl"
    records.write_bytes(orjson.dumps(cdevent("build.started", A)))
    store = tmp_path / "precious.db"
    result = runner.invoke(app, ["ingest", str(records), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def event_count(path: Path) -> int:
    store = EmbeddedStore(path)
    try:
        return store.stats().events
    finally:
        store.close()


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0] + (c[1] if c[0] == "db" else ""))
def test_read_only_commands_never_create_a_store(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "typo" / "x.db"

    result = runner.invoke(app, [*command, "--store", str(target)])

    assert result.exit_code == 2, result.output
    assert f"no store at {target}" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda c: c[0] + (c[1] if c[0] == "db" else ""))
def test_read_only_commands_leave_other_sqlite_files_alone(
    tmp_path: Path, command: list[str]
) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()

    result = runner.invoke(app, [*command, "--store", str(other)])

    assert result.exit_code == 2, result.output
    assert f"{other} is not a lineage store" in result.stderr
    with sqlite3.connect(other) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert tables == {"notes"}


def test_trace_after_demo_reads_the_demo_store_and_leaves_no_empty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    built = runner.invoke(app, ["demo", "--no-serve", "--chains", "2"], env=NO_ENV)
    assert built.exit_code == 0, built.output

    result = runner.invoke(app, ["db", "stats"], env=NO_ENV)
    trace = runner.invoke(app, ["trace", "abcdef1234"], env=NO_ENV)

    assert result.exit_code == 0, result.output
    assert "events 0" not in result.stdout
    assert "lineage-demo.db" in result.stderr
    assert trace.exit_code == 1 and "no commit abcdef1234 in" in trace.stderr
    assert sorted(os.listdir(tmp_path)) == ["lineage-demo.db"]


def test_no_store_at_all_names_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, ["db", "stats"], env=NO_ENV)

    assert result.exit_code == 2
    assert "no store at ./lineage.db" in result.stderr
    assert os.listdir(tmp_path) == []


def test_demo_refuses_to_replace_a_real_store(tmp_path: Path) -> None:
    store = precious(tmp_path)

    result = runner.invoke(app, ["demo", "--store", str(store), "--no-serve", "--chains", "1"])

    assert result.exit_code == 2, result.output
    assert f"{store} is not a demo store" in result.stderr
    assert "Traceback" not in result.output
    assert event_count(store) == 1


def test_demo_refuses_to_replace_a_file_that_is_no_store(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("keep me\n")

    result = runner.invoke(app, ["demo", "--store", str(notes), "--no-serve", "--chains", "1"])

    assert result.exit_code == 2, result.output
    assert notes.read_text() == "keep me\n"


def test_demo_rebuilds_its_own_store(tmp_path: Path) -> None:
    store = tmp_path / "demo.db"
    args = ["demo", "--store", str(store), "--no-serve", "--chains", "1"]

    first = runner.invoke(app, args)
    second = runner.invoke(app, args)

    assert first.exit_code == 0 and second.exit_code == 0, second.output
    assert first.stdout == second.stdout
    assert "duplicates 0" in second.stdout


def test_a_store_whose_creation_was_cut_short_is_taken_up_by_ingest(tmp_path: Path) -> None:
    """Killed right after SQLite wrote the file's header, before any table: a new store."""
    store = tmp_path / "cut.db"
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    records = tmp_path / "real.jsonl"
    records.write_bytes(orjson.dumps(cdevent("build.started", A)))

    read = runner.invoke(app, ["db", "stats", "--store", str(store)])
    written = runner.invoke(app, ["ingest", str(records), "--store", str(store)])

    assert read.exit_code == 2 and f"{store} is not a lineage store (empty)" in read.stderr
    assert written.exit_code == 0, written.output
    assert event_count(store) == 1
