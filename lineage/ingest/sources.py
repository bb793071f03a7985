"""Read records from files: a JSON object, a JSON array, JSON Lines, or YAML documents.

Every record keeps its origin `FILE:LINE` so that a rejection can name where it came from. An
input that cannot be read or decoded at all (missing, not UTF-8 text, a JSON document cut short,
neither JSON, JSON Lines nor YAML) is one record with an error naming the file and why, never one
error per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any

import orjson
import yaml

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")
YAML_SUFFIXES = (".yaml", ".yml")
#: The file suffixes a directory is searched for.
RECORD_SUFFIXES = (".json", *JSON_LINES_SUFFIXES, *YAML_SUFFIXES)
#: Non-blank lines looked at to tell JSON Lines from a single (pretty-printed) JSON document.
SNIFF_LINES = 20
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One raw record and where it came from; `error` is set when it could not even be decoded."""

    origin: str
    raw: Any
    error: str | None = None


def read_records(path: Path) -> Iterator[SourceRecord]:
    """Yield the records of one file, decoding failures included as records with an error."""
    suffix = path.suffix.lower()
    try:
        if suffix in JSON_LINES_SUFFIXES:
            with path.open("rb") as handle:  # streamed: a large file is never all in memory
                yield from _streamed(str(path), handle)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceRecord(str(path), None, unreadable(exc))
        return
    yield from read_data(str(path), data, suffix)


def read_data(name: str, data: bytes, suffix: str = "") -> Iterator[SourceRecord]:
    """Yield the records of a whole input held in memory (a file's bytes, or stdin's)."""
    offset = len(_BOM) if data.startswith(_BOM) else 0
    if offset:
        data = data[offset:]
    if suffix not in YAML_SUFFIXES:
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
        else:
            yield from _document_records(name, document, data.decode("utf-8"))
            return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield SourceRecord(name, None, f"not UTF-8 text at byte {offset + exc.start + 1}")
        return
    if not text.strip():
        return
    if suffix in YAML_SUFFIXES:
        yield from _yaml_records(name, text)
    elif _looks_like_json_lines(data[: 1 << 20].split(b"\n")[: SNIFF_LINES * 4]):
        yield from _json_lines(name, data.split(b"\n"))
    else:
        yield from _broken_or_other(name, text)


def unreadable(exc: OSError) -> str:
    """Why a file could not be read, in a few words."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def _streamed(name: str, handle: IO[bytes]) -> Iterator[SourceRecord]:
    lines = iter(handle)
    head = list(islice(lines, SNIFF_LINES * 4))
    if not _looks_like_json_lines(head):
        handle.seek(0)
        yield from read_data(name, handle.read(), ".json")
        return
    yield from _json_lines(name, chain(head, lines))


def _looks_like_json_lines(lines: Iterable[bytes]) -> bool:
    """JSON Lines if one of the first non-blank lines is, on its own, a non-empty object or
    array. Lines of a pretty-printed document never are (a lone `{`, `"key": value,`), except
    a last member without its comma, which truncation cuts off first."""
    seen = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            pass
        else:
            if isinstance(value, dict | list) and value:
                return True
        seen += 1
        if seen == SNIFF_LINES:
            break
    return False


def _json_lines(name: str, lines: Iterable[bytes]) -> Iterator[SourceRecord]:
    prefix = f"{name}:"
    loads = orjson.loads
    offset = 0
    for number, line in enumerate(lines, start=1):
        start = offset
        offset += len(line) + (0 if line.endswith(b"\n") else 1)
        if line.endswith(b"\n"):
            line = line[:-1]
        if not line.strip():
            continue
        try:
            yield SourceRecord(f"{prefix}{number}", loads(line))
        except orjson.JSONDecodeError as exc:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as bad:
                problem = f"not UTF-8 text at byte {start + bad.start + 1}; the rest is not read"
                yield SourceRecord(f"{prefix}{number}", None, problem)
                return
            yield SourceRecord(f"{prefix}{number}", None, f"invalid JSON: {exc}")


def _document_records(name: str, document: Any, text: str) -> Iterator[SourceRecord]:
    if isinstance(document, list):
        yield from _array_records(name, text)
    else:
        yield SourceRecord(f"{name}:1", document)


def _broken_or_other(name: str, text: str) -> Iterator[SourceRecord]:
    """An input that is neither one JSON document (by orjson) nor JSON Lines."""
    if text.lstrip()[:1] in ("{", "["):
        try:
            document = json.loads(text)  # more lenient than orjson (NaN, huge integers)
        except json.JSONDecodeError as exc:
            yield SourceRecord(name, None, _json_problem(text, exc))
        else:
            yield from _document_records(name, document, text)
        return
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError:
        documents = []
    if any(isinstance(d, dict | list) for d in documents):
        yield from _yaml_records(name, text)
    else:
        yield SourceRecord(name, None, "not JSON, JSON Lines or YAML")


def _json_problem(text: str, exc: json.JSONDecodeError) -> str:
    if not text[exc.pos :].strip() or exc.msg.startswith("Unterminated string"):
        line = text.count("\n", 0, len(text.rstrip())) + 1
        return f"unexpected end of file at line {line}"
    return f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"


def _array_records(name: str, text: str) -> Iterator[SourceRecord]:
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
        yield SourceRecord(f"{name}:{line}", value)
        line += text.count("\n", position, end)
        position = end


def _yaml_records(name: str, text: str) -> Iterator[SourceRecord]:
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        yield SourceRecord(name, None, f"invalid YAML at line {line}: {problem}")
        return
    for node in nodes:
        if node is None:
            continue
        value = yaml.SafeLoader(text).construct_document(node)
        line = node.start_mark.line + 1
        if isinstance(value, list):
            for item_node, item in zip(node.value, value, strict=True):
                yield SourceRecord(f"{name}:{item_node.start_mark.line + 1}", item)
        else:
            yield SourceRecord(f"{name}:{line}", value)
