"""Request bodies to raw records: CloudEvents (binary, structured, batch) or plain JSON.

Each record keeps its position (`events[i]` / `links[i]`); a record that cannot be used carries
its error so it is rejected by name while the rest of the batch is still ingested. A body that
cannot be read at all (not JSON, wrong top-level shape) raises `PayloadError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import orjson
from cloudevents.core.base import BaseCloudEvent
from cloudevents.core.bindings.http import CE_PREFIX, HTTPMessage, from_binary
from cloudevents.core.exceptions import BaseCloudEventException
from cloudevents.core.formats.json import JSONFormat

from lineage.ingest import SourceRecord
from lineage.services.intake import RecordKind, submission

STRUCTURED = "application/cloudevents+json"
BATCH = "application/cloudevents-batch+json"
#: Attributes every CloudEvent must carry (the SDK would silently invent `id`).
REQUIRED_ATTRIBUTES = ("specversion", "id", "source", "type")


class PayloadError(ValueError):
    """A body that cannot be read as any supported payload."""


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
        return [_binary("events[0]", headers, body)]
    return _plain(body, "event", "events")


def link_records(body: bytes) -> list[SourceRecord]:
    """The standalone links in a `POST /links` body (a JSON object or array)."""
    return _plain(body, "link", "links")


def object_or_array_records(
    body: bytes, label: str, make: Callable[[str, Any], SourceRecord]
) -> list[SourceRecord]:
    """Records from a body holding one JSON object or an array; origins read `label[i]`."""
    document = _json(body)
    if isinstance(document, dict):
        return [make(f"{label}[0]", document)]
    if isinstance(document, list):
        return [make(f"{label}[{i}]", raw) for i, raw in enumerate(document)]
    raise PayloadError(f"expected a JSON object or array, got {type(document).__name__}")


def _plain(body: bytes, kind: RecordKind, label: str) -> list[SourceRecord]:
    return object_or_array_records(body, label, lambda origin, raw: submission(origin, raw, kind))


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
        event = JSONFormat().read(None, orjson.dumps(item))
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
    return submission(origin, data, "event")


def _missing(names: list[str]) -> str:
    return f"CloudEvent lacks required attribute(s): {', '.join(names)}"


def _rejected(origin: str, reason: str) -> SourceRecord:
    return SourceRecord(origin, None, reason)
