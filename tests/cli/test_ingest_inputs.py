"""`lineage ingest` inputs: one error per unreadable file, missing inputs, stdin, directories."""

from __future__ import annotations

import json
import random
from pathlib import Path

import orjson
import pytest
from click.testing import Result
from typer.testing import CliRunner

from lineage.cli.main import app
from tests.support.cdevents import cdevent

runner = CliRunner()


def uid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def events(first: int, count: int) -> list[dict[str, object]]:
    return [cdevent("build.started", uid(n)) for n in range(first, first + count)]


def jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


def problems(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def ingest(*args: str, store: Path, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, ["ingest", *args, "--store", str(store)], input=stdin)


def test_truncated_pretty_json_is_one_error_naming_the_last_line(tmp_path: Path) -> None:
    lines = json.dumps(events(1, 3), indent=2).splitlines()
    cut = tmp_path / "cut.json"
    cut.write_text("\n".join(lines[:40]) + "\n")

    result = ingest(str(cut), store=tmp_path / "s.db")
    checked = runner.invoke(app, ["validate", str(cut)])

    assert result.exit_code == 1
    assert problems(result) == [f"{cut}: rejected: unexpected end of file at line 40"]
    assert "stored 0 · duplicates 0 · conflicts 0 · rejected 1" in result.stdout
    assert problems(checked) == [f"{cut}: unexpected end of file at line 40"]


def test_broken_pretty_json_names_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "context": {\n    "id": "x",,\n  }\n}\n')

    result = ingest(str(broken), store=tmp_path / "s.db")

    assert result.exit_code == 1
    (line,) = problems(result)
    assert line.startswith(
        f"{broken}: rejected: invalid JSON at line 3 column 15: Expecting property name"
    )


@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".yaml", ""])
def test_random_bytes_are_one_error(tmp_path: Path, suffix: str) -> None:
    noise = tmp_path / f"noise{suffix}"
    noise.write_bytes(b"ab\xff" + random.Random(7).randbytes(65536 - 3))

    result = ingest(str(noise), store=tmp_path / "s.db")

    assert result.exit_code == 1
    assert problems(result) == [f"{noise}: rejected: not UTF-8 text at byte 3"]


def test_text_that_is_no_data_is_one_error(tmp_path: Path) -> None:
    prose = tmp_path / "notes.json"
    prose.write_text("Remember to deploy on Friday.\nOr maybe not.\n" * 100)

    result = ingest(str(prose), store=tmp_path / "s.db")

    assert problems(result) == [f"{prose}: rejected: not JSON, JSON Lines or YAML"]


def test_missing_inputs_are_reported_and_the_rest_is_ingested(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "good.jsonl", events(1, 3))
    missing_file, missing_dir = tmp_path / "missing.json", tmp_path / "gone"

    result = ingest(str(missing_file), str(good), str(missing_dir), store=tmp_path / "s.db")

    assert result.exit_code == 1
    assert "stored 3 · duplicates 0 · conflicts 0 · rejected 2" in result.stdout
    assert problems(result) == [
        f"{missing_file}: rejected: no such file or directory",
        f"{missing_dir}: rejected: no such file or directory",
    ]


def test_dash_reads_stdin(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    lines = b"".join(orjson.dumps(r) + b"\n" for r in events(1, 2))

    streamed = ingest("-", store=store, stdin=lines)
    array = ingest("-", store=store, stdin=orjson.dumps(events(2, 2)))

    assert streamed.exit_code == 0, streamed.output
    assert "stored 2 · duplicates 0" in streamed.stdout
    assert "stored 1 · duplicates 1" in array.stdout


def test_a_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "in"
    jsonl(root / "b" / "z.ndjson", [cdevent("build.started", uid(1), subject_id="second")])
    jsonl(root / "a" / "deep" / "x.jsonl", [cdevent("build.started", uid(1), subject_id="first")])
    (root / "c.json").write_bytes(orjson.dumps(events(2, 2)))
    (root / "d.yml").write_text(json.dumps(events(4, 1)[0]))
    (root / "README.md").write_text("not records\n")
    (root / "e.yaml.bak").write_text("::")

    result = ingest(str(root), store=tmp_path / "s.db")

    assert result.exit_code == 0, result.output
    assert "stored 4 · duplicates 0 · conflicts 1 · rejected 0" in result.stdout
    assert problems(result) == [
        f"{root / 'b' / 'z.ndjson'}:1: conflict: event {uid(1)} is already stored with "
        "different content; the stored one is kept"
    ]


def test_an_empty_directory_is_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()

    result = ingest(str(empty), store=tmp_path / "s.db")

    assert result.exit_code == 1
    assert problems(result) == [
        f"{empty}: rejected: no .json, .jsonl, .ndjson, .yaml or .yml files in this directory"
    ]
