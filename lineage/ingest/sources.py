"""Read records from files: a JSON object, a JSON array, JSON Lines, or YAML documents.

Every record keeps its origin `FILE:LINE` so that a rejection can name where it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import yaml


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One raw record and where it came from; `error` is set when it could not even be decoded."""

    origin: str
    raw: Any
    error: str | None = None


def read_records(path: Path) -> Iterator[SourceRecord]:
    """Yield the records of one file, decoding failures included as records with an error."""
    if path.suffix.lower() in (".yaml", ".yml"):
        yield from _yaml_records(path)
        return
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        with path.open("rb") as handle:  # streamed: a large file is never all in memory
            yield from _json_lines(path, handle)
        return
    data = path.read_bytes()
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        yield from _json_lines(path, data.split(b"\n"))
        return
    if isinstance(document, list):
        yield from _array_records(path, data.decode("utf-8"))
    else:
        yield SourceRecord(f"{path}:1", document)


def _json_lines(path: Path, lines: Iterable[bytes]) -> Iterator[SourceRecord]:
    prefix = f"{path}:"
    loads = orjson.loads
    for number, line in enumerate(lines, start=1):
        if line.endswith(b"\n"):
            line = line[:-1]
        if not line.strip():
            continue
        try:
            yield SourceRecord(f"{prefix}{number}", loads(line))
        except orjson.JSONDecodeError as exc:
            yield SourceRecord(f"{prefix}{number}", None, f"invalid JSON: {exc}")


def _array_records(path: Path, text: str) -> Iterator[SourceRecord]:
    """Walk a JSON array element by element so each element knows the line it starts on."""
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    line = text.count("\n", 0, position) + 1
    length = len(text)
    while True:
        while position < length and text[position] in " \t\r\n,":
            if text[position] == "\n":
                line += 1
            position += 1
        if position >= length or text[position] == "]":
            return
        value, end = decoder.raw_decode(text, position)
        yield SourceRecord(f"{path}:{line}", value)
        line += text.count("\n", position, end)
        position = end


def _yaml_records(path: Path) -> Iterator[SourceRecord]:
    text = path.read_text(encoding="utf-8")
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        yield SourceRecord(f"{path}:{line}", None, f"invalid YAML: {exc}")
        return
    for node in nodes:
        if node is None:
            continue
        value = yaml.SafeLoader(text).construct_document(node)
        line = node.start_mark.line + 1
        if isinstance(value, list):
            for item_node, item in zip(node.value, value, strict=True):
                yield SourceRecord(f"{path}:{item_node.start_mark.line + 1}", item)
        else:
            yield SourceRecord(f"{path}:{line}", value)
