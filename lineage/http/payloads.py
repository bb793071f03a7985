"""Request bodies to raw records: CloudEvents (binary, structured, batch) or plain JSON.

Each record keeps its position (`events[i]` / `links[i]`); a record that cannot be used carries
its error so it is rejected by name while the rest of the batch is still ingested. A body that
cannot be read at all (not JSON, wrong top-level shape) raises `PayloadError`; a content type
that is none of those below raises `UnsupportedMediaTypeError`.

Every endpoint takes JSON (`application/json`, or no content type) and JSON Lines
(`application/x-ndjson`, `application/jsonl`: one record per line, as `lineage ingest` reads
`.jsonl` files; a line that is not JSON rejects that record only). `POST /events` also takes the
CloudEvents structured and batch types, and binary mode (`ce-*` headers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import orjson
from cloudevents.core.base import BaseCloudEvent
from cloudevents.core.bindings.http import CE_PREFIX, HTTPMessage, from_binary
from cloudevents.core.exceptions import BaseCloudEventException
from cloudevents.core.formats.json import JSONFormat

from lineage.ingest import RecordError, SourceRecord
from lineage.ingest.nesting import MAX_NESTING, check_nesting
from lineage.services.intake import RecordKind, submission

STRUCTURED = "application/cloudevents+json"
BATCH = "application/cloudevents-batch+json"
JSON = "application/json"
JSON_LINES = frozenset({"application/x-ndjson", "application/jsonl"})
#: Content types of a plain body (no content type at all is read as JSON).
PLAIN_TYPES = frozenset({"", JSON, *JSON_LINES})
#: CloudEvents attributes a binary or structured CloudEvent must agree on with its CDEvent.
MIRRORED_ATTRIBUTES = (("id", "id"), ("type", "type"), ("source", "source"))
#: Attributes every CloudEvent must carry (the SDK would silently invent `id`).
REQUIRED_ATTRIBUTES = ("specversion", "id", "source", "type")


class PayloadError(ValueError):
    """A body that cannot be read as any supported payload."""


class UnsupportedMediaTypeError(PayloadError):
    """A content type the endpoint does not read (answered with 415)."""


def _check_plain(mode: str) -> None:
    if mode not in PLAIN_TYPES:
        accepted = ", ".join(sorted(t for t in PLAIN_TYPES if t))
        raise UnsupportedMediaTypeError(
            f"unsupported content type {mode!r}; send one of {accepted}"
        )


def media_type(headers: Mapping[str, str]) -> str:
    """The request's media type, lower-case, without parameters."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def event_records(headers: Mapping[str, str], body: bytes) -> list[SourceRecord]:
    """The CDEvents in a `POST /events` body, in any supported mode."""
    mode = media_type(headers)
    if mode == STRUCTURED:
        return [_structured("events[0]", _json(body))]
    if mode == BATCH:
        batch = _json(body)
        if not isinstance(batch, list):
            raise PayloadError("a CloudEvents batch must be a JSON array of CloudEvents")
        return [_structured(f"events[{i}]", item) for i, item in enumerate(batch)]
    if any(name.lower().startswith(CE_PREFIX) for name in headers):
        if mode not in ("", JSON):
            raise UnsupportedMediaTypeError(
                f"binary-mode CloudEvent with content type {mode!r}; the CDEvent must be JSON"
            )
        return [_binary("events[0]", headers, body)]
    return _plain(mode, body, "event", "events")


def link_records(headers: Mapping[str, str], body: bytes) -> list[SourceRecord]:
    """The standalone links in a `POST /links` body (a JSON object, array, or JSON Lines)."""
    return _plain(media_type(headers), body, "link", "links")


def object_or_array_records(
    headers: Mapping[str, str],
    body: bytes,
    label: str,
    make: Callable[[str, Any], SourceRecord],
) -> list[SourceRecord]:
    """Records from a body holding one JSON object, an array, or JSON Lines; origins read
    `label[i]`."""
    mode = media_type(headers)
    _check_plain(mode)
    if mode in JSON_LINES:
        return _json_lines(body, label, make)
    document = _json(body)
    if isinstance(document, dict):
        return [make(f"{label}[0]", document)]
    if isinstance(document, list):
        return [make(f"{label}[{i}]", raw) for i, raw in enumerate(document)]
    raise PayloadError(f"expected a JSON object or array, got {type(document).__name__}")


def _plain(mode: str, body: bytes, kind: RecordKind, label: str) -> list[SourceRecord]:
    return object_or_array_records(
        {"content-type": mode}, body, label, lambda origin, raw: submission(origin, raw, kind)
    )


def _json_lines(
    body: bytes, label: str, make: Callable[[str, Any], SourceRecord]
) -> list[SourceRecord]:
    """One record per non-blank line; a line that is not JSON is that record's rejection."""
    records: list[SourceRecord] = []
    for number, line in enumerate(body.split(b"\n"), start=1):
        if not line.strip():
            continue
        origin = f"{label}[{len(records)}]"
        try:
            raw = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            records.append(_rejected(origin, f"line {number}: invalid JSON: {exc}"))
            continue
        records.append(make(origin, raw))
    if not records:
        raise PayloadError("empty body")
    return records


def _json(body: bytes) -> Any:
    if not body.strip():
        raise PayloadError("empty body")
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise PayloadError(f"invalid JSON: {exc}") from None


def _structured(origin: str, item: Any) -> SourceRecord:
    """A structured-mode CloudEvent (a JSON object with the CDEvent in `data`)."""
    if not isinstance(item, dict):
        return _rejected(origin, f"expected a CloudEvent JSON object, got {type(item).__name__}")
    missing = [name for name in REQUIRED_ATTRIBUTES if not item.get(name)]
    if missing:
        return _rejected(origin, _missing(missing))
    try:
        check_nesting(item, MAX_NESTING + 1)  # the CloudEvent holds the CDEvent one level down
        event = JSONFormat().read(None, orjson.dumps(item))
    except RecordError as exc:
        return _rejected(origin, str(exc))
    except (BaseCloudEventException, ValueError) as exc:
        return _rejected(origin, f"invalid CloudEvent: {exc}")
    return _cdevent(origin, event)


def _binary(origin: str, headers: Mapping[str, str], body: bytes) -> SourceRecord:
    """A binary-mode CloudEvent: attributes in `ce-*` headers, the CDEvent as the body."""
    names = {name.lower() for name in headers}
    missing = [name for name in REQUIRED_ATTRIBUTES if f"{CE_PREFIX}{name}" not in names]
    if missing:
        return _rejected(origin, _missing(missing))
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        return _rejected(origin, f"body is not JSON (expected the CDEvent): {exc}")
    try:
        from_binary(HTTPMessage(headers=dict(headers), body=b""), JSONFormat())
    except (BaseCloudEventException, ValueError) as exc:
        return _rejected(origin, f"invalid CloudEvent headers: {exc}")
    lowered = {name.lower(): value for name, value in headers.items()}
    attributes = {name: lowered[f"{CE_PREFIX}{name}"] for name, _ in MIRRORED_ATTRIBUTES}
    contradiction = _contradiction(attributes, data, "header ce-")
    if contradiction is not None:
        return _rejected(origin, contradiction)
    return submission(origin, data, "event")


def _cdevent(origin: str, event: BaseCloudEvent) -> SourceRecord:
    """The CDEvent carried as a CloudEvent's `data`."""
    data: Any = event.get_data()
    if isinstance(data, bytes | str):
        try:
            data = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            return _rejected(origin, f"CloudEvent data is not JSON (expected the CDEvent): {exc}")
    if not isinstance(data, dict):
        return _rejected(origin, "CloudEvent data must be the CDEvent, a JSON object")
    attributes = {name: event.get_attributes().get(name) for name, _ in MIRRORED_ATTRIBUTES}
    contradiction = _contradiction(attributes, data, "CloudEvent ")
    if contradiction is not None:
        return _rejected(origin, contradiction)
    return submission(origin, data, "event")


def _contradiction(attributes: Mapping[str, Any], cdevent: Any, where: str) -> str | None:
    """Which CloudEvent attributes say otherwise than the CDEvent's `context`, naming both values.

    Ids compare case-insensitively (UUIDs are stored lower-case); a CDEvent without a readable
    `context` is left to the CDEvent checks, which name what is missing.
    """
    context = cdevent.get("context") if isinstance(cdevent, dict) else None
    if not isinstance(context, dict):
        return None
    problems = []
    for attribute, field in MIRRORED_ATTRIBUTES:
        ours, theirs = attributes.get(attribute), context.get(field)
        if ours is None or not isinstance(theirs, str):
            continue
        ours = str(ours)
        same = ours.lower() == theirs.lower() if attribute == "id" else ours == theirs
        if not same:
            problems.append(f"{where}{attribute} {ours!r} but context.{field} {theirs!r}")
    if not problems:
        return None
    return "CloudEvent contradicts its CDEvent: " + "; ".join(problems)


def _missing(names: list[str]) -> str:
    return f"CloudEvent lacks required attribute(s): {', '.join(names)}"


def _rejected(origin: str, reason: str) -> SourceRecord:
    return SourceRecord(origin, None, reason)
