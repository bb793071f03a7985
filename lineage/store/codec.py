"""Flat records for storage: one codec so every backend stores events and links the same way.

Scalar fields stay scalar (indexable); nested content is JSON text, because neither SQLite columns
nor Neo4j properties hold nested maps.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from lineage.model import Event, Link, LinkType, format_timestamp
from lineage.model.event import build_event
from lineage.model.link import build_link, stored_link, tags_digest

_dumps = orjson.dumps
_loads = orjson.loads
_LINK_TYPES = {t.value: t for t in LinkType}


def event_record(event: Event) -> dict[str, Any]:
    """Flatten an event into scalars plus a JSON `body`."""
    timestamp = format_timestamp(event.timestamp)
    return {
        "id": event.id,
        "type": event.type,
        "subjectType": event.subject_type,
        "predicate": event.predicate,
        "typeVersion": event.type_version,
        "specVersion": event.spec_version,
        "source": event.source,
        "timestamp": timestamp,
        "chainId": event.chain_id,
        "subjectId": event.subject_id,
        "digest": event.digest,
        "body": event_body(event, timestamp),
    }


def event_body(event: Event, timestamp: str) -> str:
    """The JSON `body` of `event_record`; `timestamp` is the event's formatted timestamp."""
    event_ts = event.timestamp
    rows = [
        # Embedded links carry the event's own timestamp: format it once.
        _link_row(link, timestamp if link.timestamp is event_ts else None)
        for link in event.links
    ]
    return _dumps(
        {
            "schemaUri": event.schema_uri,
            "subjectSource": event.subject_source,
            "content": event.subject_content,
            "customData": event.custom_data,
            "customDataContentType": event.custom_data_content_type,
            "links": rows,
        }
    ).decode()


def event_from_record(record: dict[str, Any]) -> Event:
    """Rebuild an event from the record written by `event_record`."""
    return event_from_columns(
        record["id"],
        record["type"],
        record["subjectType"],
        record["predicate"],
        record["typeVersion"],
        record["specVersion"],
        record["source"],
        record["timestamp"],
        record["chainId"],
        record["subjectId"],
        record["digest"],
        record["body"],
    )


def event_from_columns(
    id_: str,
    type_: str,
    subject_type: str,
    predicate: str,
    type_version: str,
    spec_version: str,
    source: str,
    timestamp: str,
    chain_id: str | None,
    subject_id: str,
    digest: str,
    body: str | bytes,
) -> Event:
    """Rebuild an event from the values of `event_record`, in its key order."""
    fields = _loads(body)
    instant = parse_time(timestamp)
    rows = fields["links"]
    links = (
        tuple([link_from_body_row(row, instant if row[5] == timestamp else None) for row in rows])
        if rows
        else ()
    )
    return build_event(
        id_,
        type_,
        subject_type,
        predicate,
        type_version,
        spec_version,
        source,
        instant,
        subject_id,
        chain_id,
        fields["schemaUri"],
        fields["subjectSource"],
        fields["content"],
        fields["customData"],
        fields["customDataContentType"],
        links,
        digest,
    )


def link_row(link: Link) -> list[Any]:
    """A link as a compact JSON-able row."""
    return _link_row(link, None)


def _link_row(link: Link, timestamp: str | None) -> list[Any]:
    ts = link.timestamp
    if timestamp is None and ts is not None:
        timestamp = format_timestamp(ts)
    # orjson writes the LinkType (a str) as its value, as `.value` would be.
    return [link.type, link.chain_id, link.from_id, link.to_id, link.kind, timestamp, link.tags]


def link_from_row(row: list[Any]) -> Link:
    """Rebuild a link from `link_row`'s output."""
    return link_from_body_row(row, None)


def link_from_body_row(row: list[Any], instant: datetime | None) -> Link:
    """A link from `link_row`'s output, or that plus the id; `instant`: its parsed ts, if known."""
    if len(row) == 8:
        type_, chain_id, from_id, to_id, kind, ts, tags, id_ = row
        if instant is None and ts:
            instant = parse_time(ts)
        link_type = _LINK_TYPES[type_]
        return stored_link(
            link_type, chain_id, from_id, to_id, kind, instant, tags, False, id_, tags_digest(tags)
        )
    type_, chain_id, from_id, to_id, kind, ts, tags = row
    if instant is None and ts:
        instant = parse_time(ts)
    return build_link(_LINK_TYPES[type_], chain_id, from_id, to_id, kind, instant, tags, False)


def link_record(link: Link) -> dict[str, Any]:
    """Flatten a link into scalars plus JSON `tags`."""
    return {
        "id": link.id,
        "type": link.type.value,
        "kind": link.kind,
        "chainId": link.chain_id,
        "fromId": link.from_id,
        "toId": link.to_id,
        "timestamp": format_timestamp(link.timestamp) if link.timestamp else None,
        "tags": link_tags(link),
        "inferred": link.inferred,
        "digest": link.digest,
    }


def link_tags(link: Link) -> str:
    """The JSON `tags` of `link_record`."""
    return _dumps(link.tags).decode() if link.tags else "{}"


def link_from_record(record: dict[str, Any]) -> Link:
    """Rebuild a link from the record written by `link_record`."""
    ts = record["timestamp"]
    return Link(
        type=_LINK_TYPES[record["type"]],
        chain_id=record["chainId"],
        from_id=record["fromId"],
        to_id=record["toId"],
        kind=record["kind"],
        timestamp=parse_time(ts) if ts else None,
        tags=orjson.loads(record["tags"]),
        inferred=bool(record["inferred"]),
    )


def link_from_columns(
    id_: str,
    type_: str,
    kind: str | None,
    chain_id: str | None,
    from_id: str | None,
    to_id: str | None,
    timestamp: str | None,
    tags: str,
    inferred: Any,
    digest: str,
) -> Link:
    """Rebuild a link from `link_record`'s values in key order, keeping its stored id and digest."""
    return stored_link(
        _LINK_TYPES[type_],
        chain_id,
        from_id,
        to_id,
        kind,
        parse_time(timestamp) if timestamp else None,
        _loads(tags) if tags != "{}" else {},
        bool(inferred),
        id_,
        digest,
    )


def parse_time(value: str) -> datetime:
    """Parse stored fixed-width UTC text (fast path of the standard library)."""
    return datetime.fromisoformat(value)
