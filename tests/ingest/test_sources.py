"""Reading records from JSON, JSON arrays, JSON Lines and YAML, each with FILE:LINE origins."""

from __future__ import annotations

from pathlib import Path

from lineage.ingest import read_records


def test_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"a": 1}')
    assert [(r.origin, r.raw) for r in read_records(path)] == [(f"{path}:1", {"a": 1})]


def test_array_elements_know_their_line(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text('[\n  {"a": 1},\n  {\n    "b": 2\n  },\n  {"c": 3}\n]\n')
    records = list(read_records(path))
    assert [r.origin.rsplit(":", 1)[1] for r in records] == ["2", "3", "6"]
    assert [r.raw for r in records] == [{"a": 1}, {"b": 2}, {"c": 3}]


def test_json_lines_with_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    path.write_text('{"a": 1}\n\n{"b": \n{"c": 3}\n')
    records = list(read_records(path))
    assert [r.origin.rsplit(":", 1)[1] for r in records] == ["1", "3", "4"]
    assert records[1].error is not None and "invalid JSON" in records[1].error
    assert records[2].raw == {"c": 3}


def test_json_lines_detected_without_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "stream.json"
    path.write_text('{"a": 1}\n{"b": 2}\n')
    assert [r.raw for r in read_records(path)] == [{"a": 1}, {"b": 2}]


def test_yaml_documents(tmp_path: Path) -> None:
    path = tmp_path / "resources.yaml"
    path.write_text("kind: A\nx: 1\n---\nkind: B\n---\n- kind: C\n- kind: D\n")
    records = list(read_records(path))
    assert [r.raw["kind"] for r in records] == ["A", "B", "C", "D"]
    assert [r.origin.rsplit(":", 1)[1] for r in records] == ["1", "4", "6", "7"]


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\nb: [unclosed\n")
    (record,) = read_records(path)
    assert record.error is not None and "invalid YAML" in record.error


def test_json_lines_read_alike_streamed_or_detected(tmp_path: Path) -> None:
    """A .jsonl file is streamed; the same lines in a .json file are read whole: same records."""
    content = b'{"a": 1}\r\n\n  \n{"b": \n{"c": [1,\n2]}\n{"d": 4}'
    streamed, whole = tmp_path / "s.jsonl", tmp_path / "s.json"
    streamed.write_bytes(content)
    whole.write_bytes(content)
    one = [(r.origin.rsplit(":", 1)[1], r.raw, r.error) for r in read_records(streamed)]
    two = [(r.origin.rsplit(":", 1)[1], r.raw, r.error) for r in read_records(whole)]
    assert one == two
    assert [line for line, _, _ in one] == ["1", "4", "5", "6", "7"]
    assert one[0][1] == {"a": 1} and one[-1][1] == {"d": 4}


def test_json_lines_that_turn_into_binary_stop_with_one_error(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n\x89PNG\xff\xfe\n{"c": 3}\n\xff\n')
    records = list(read_records(path))
    assert [r.raw for r in records[:2]] == [{"a": 1}, {"b": 2}]
    assert [(r.origin, r.error) for r in records[2:]] == [
        (f"{path}:3", "not UTF-8 text at byte 19; the rest is not read")
    ]


def test_empty_input_has_no_records(tmp_path: Path) -> None:
    for name in ("empty.json", "empty.jsonl", "empty.yaml"):
        (tmp_path / name).write_text("\n  \n")
        assert list(read_records(tmp_path / name)) == []


def test_yaml_from_a_file_without_a_known_suffix(tmp_path: Path) -> None:
    path = tmp_path / "records"
    path.write_text("kind: A\n---\nkind: B\n")
    assert [r.raw for r in read_records(path)] == [{"kind": "A"}, {"kind": "B"}]


def test_a_truncated_array_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('[\n  {"a": 1},\n  {"b": "unfinished')
    assert [(r.origin, r.error) for r in read_records(path)] == [
        (str(path), "unexpected end of file at line 3")
    ]
