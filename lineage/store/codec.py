"""Flat records for storage: one codec so every backend stores events and links the same way.

Scalar fields stay scalar (indexable); nested content is JSON text, because neither SQLite columns
nor Neo4j properties hold nested maps.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from lineage.model import Event, Link, LinkType, format_timestamp


def event_record(event: Event) -> dict[str, Any]:
    """Flatten an event into scalars plus a JSON `body`."""
    body = {
        "schemaUri": event.schema_uri,
        "subjectSource": event.subject_source,
        "content": event.subject_content,
        "customData": event.custom_data,
        "customDataContentType": event.custom_data_content_type,
        "links": [link_row(link) for link in event.links],
    }
    return {
        "id": event.id,
        "type": event.type,
        "subjectType": event.subject_type,
        "predicate": event.predicate,
        "typeVersion": event.type_version,
        "specVersion": event.spec_version,
        "source": event.source,
        "timestamp": format_timestamp(event.timestamp),
        "chainId": event.chain_id,
        "subjectId": event.subject_id,
        "digest": event.digest,
        "body": orjson.dumps(body).decode(),
    }


def event_from_record(record: dict[str, Any]) -> Event:
    """Rebuild an event from the record written by `event_record`."""
    body = orjson.loads(record["body"])
    return Event(
        id=record["id"],
        type=record["type"],
        subject_type=record["subjectType"],
        predicate=record["predicate"],
        type_version=record["typeVersion"],
        spec_version=record["specVersion"],
        source=record["source"],
        timestamp=parse_time(record["timestamp"]),
        chain_id=record["chainId"],
        schema_uri=body["schemaUri"],
        subject_id=record["subjectId"],
        subject_source=body["subjectSource"],
        subject_content=body["content"],
        custom_data=body["customData"],
        custom_data_content_type=body["customDataContentType"],
        links=tuple(link_from_row(row) for row in body["links"]),
        digest=record["digest"],
    )


def link_row(link: Link) -> list[Any]:
    """A link as a compact JSON-able row."""
    ts = format_timestamp(link.timestamp) if link.timestamp else None
    return [link.type.value, link.chain_id, link.from_id, link.to_id, link.kind, ts, link.tags]


def link_from_row(row: list[Any]) -> Link:
    """Rebuild a link from `link_row`'s output."""
    type_, chain_id, from_id, to_id, kind, ts, tags = row
    return Link(
        type=LinkType(type_),
        chain_id=chain_id,
        from_id=from_id,
        to_id=to_id,
        kind=kind,
        timestamp=parse_time(ts) if ts else None,
        tags=tags,
        inferred=False,
    )


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
        "tags": orjson.dumps(link.tags).decode(),
        "inferred": link.inferred,
        "digest": link.digest,
    }


def link_from_record(record: dict[str, Any]) -> Link:
    """Rebuild a link from the record written by `link_record`."""
    ts = record["timestamp"]
    return Link(
        type=LinkType(record["type"]),
        chain_id=record["chainId"],
        from_id=record["fromId"],
        to_id=record["toId"],
        kind=record["kind"],
        timestamp=parse_time(ts) if ts else None,
        tags=orjson.loads(record["tags"]),
        inferred=bool(record["inferred"]),
    )


def parse_time(value: str) -> datetime:
    """Parse stored fixed-width UTC text (fast path of the standard library)."""
    return datetime.fromisoformat(value)
