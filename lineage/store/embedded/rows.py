"""Events and links as the embedded store's rows.

The scalar columns are there to be indexed and filtered on. Reads take only `body`, a JSON object
that repeats them next to the nested content: turning one JSON text into Python objects costs
a fraction of what a dozen separate columns cost through `sqlite3`, and the chain queries read
hundreds of rows. An event's body is the codec's `event_record` (less id and timestamp, which
are read as columns) with each embedded link's id appended to its row; a link's body is
`[id, type, kind, chainId, fromId, toId, timestamp, tags, inferred, digest]`.
"""

from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import Any

import orjson

from lineage.model import Event, Link, LinkType, format_timestamp
from lineage.model.event import build_event
from lineage.model.link import stored_link, tags_digest
from lineage.store.codec import link_from_body_row

_dumps = orjson.dumps
_loads = orjson.loads
_fromisoformat = datetime.fromisoformat
_LINK_TYPES = {t.value: t for t in LinkType}
#: The body's values in `event_from_row`'s order, in one C call.
_event_fields = itemgetter(
    "type", "subjectType", "predicate", "typeVersion", "specVersion", "source", "subjectId",
    "chainId", "schemaUri", "subjectSource", "content", "customData", "customDataContentType",
    "links", "digest",
)  # fmt: skip

Row = tuple[Any, ...]


def event_row(event: Event) -> Row:
    """An event's values in `schema.EVENT_COLUMNS` order."""
    ts = format_timestamp(event.timestamp)
    event_ts = event.timestamp
    links = [
        [link.type, link.chain_id, link.from_id, link.to_id, link.kind,
         ts if link.timestamp is event_ts else _text(link.timestamp), link.tags, link.id]
        for link in event.links
    ]  # fmt: skip
    body = _dumps(
        {
            "type": event.type,
            "subjectType": event.subject_type,
            "predicate": event.predicate,
            "typeVersion": event.type_version,
            "specVersion": event.spec_version,
            "source": event.source,
            "chainId": event.chain_id,
            "subjectId": event.subject_id,
            "digest": event.digest,
            "schemaUri": event.schema_uri,
            "subjectSource": event.subject_source,
            "content": event.subject_content,
            "customData": event.custom_data,
            "customDataContentType": event.custom_data_content_type,
            "links": links,
        }
    ).decode()
    return (
        event.id, event.type, event.subject_type, event.predicate, event.type_version,
        event.spec_version, event.source, ts, event.chain_id, event.subject_id, event.digest, body,
    )  # fmt: skip


def link_row(link: Link, formatted: dict[int, str]) -> Row:
    """A link's values in `schema.LINK_COLUMNS` order; `formatted`: id() of a timestamp -> text."""
    ts = link.timestamp
    text = None if ts is None else formatted.get(id(ts)) or format_timestamp(ts)
    type_ = link.type.value
    tags = _dumps(link.tags).decode() if link.tags else "{}"
    inferred = int(link.inferred)
    body = _dumps(
        [link.id, type_, link.kind, link.chain_id, link.from_id, link.to_id, text, link.tags,
         inferred, link.digest]
    ).decode()  # fmt: skip
    return (
        link.id, type_, link.kind, link.chain_id, link.from_id, link.to_id, text, tags, inferred,
        link.digest, body,
    )  # fmt: skip


def event_from_row(row: Row) -> Event:
    """Rebuild an event from a row of `schema.SELECT_EVENTS` (id, ts, body)."""
    id_, ts, body = row
    (type_, subject_type, predicate, type_version, spec_version, source, subject_id, chain_id,
     schema_uri, subject_source, content, custom_data, custom_data_content_type, rows,
     digest) = _event_fields(_loads(body))  # fmt: skip
    instant = _fromisoformat(ts)
    links = tuple([_body_link(r, instant, ts) for r in rows]) if rows else ()
    return build_event(
        id_, type_, subject_type, predicate, type_version, spec_version, source, instant,
        subject_id, chain_id, schema_uri, subject_source, content, custom_data,
        custom_data_content_type, links, digest,
    )  # fmt: skip


def _body_link(row: list[Any], instant: datetime, ts: str) -> Link:
    """A link row of an event body: with its id appended, or (written before) without."""
    if len(row) != 8:
        return link_from_body_row(row, instant if row[5] == ts else None)
    type_, chain_id, from_id, to_id, kind, link_ts, tags, id_ = row
    at: datetime | None = instant  # an embedded link carries its event's timestamp
    if link_ts != ts:
        at = _fromisoformat(link_ts) if link_ts else None
    return stored_link(
        _LINK_TYPES[type_], chain_id, from_id, to_id, kind, at, tags, False, id_, tags_digest(tags)
    )


def link_body(row: Row) -> list[Any]:
    """The decoded body of a row of `schema.SELECT_LINKS` (`link_from_body` makes the link)."""
    body: list[Any] = _loads(row[0])
    return body


def link_from_body(body: list[Any]) -> Link:
    """Rebuild a link from its decoded body."""
    id_, type_, kind, chain_id, from_id, to_id, ts, tags, inferred, digest = body
    return stored_link(
        _LINK_TYPES[type_], chain_id, from_id, to_id, kind, _fromisoformat(ts) if ts else None,
        tags, bool(inferred), id_, digest,
    )  # fmt: skip


def time_order(body: list[Any]) -> tuple[str, str]:
    """`lineage.model.link_order` on a decoded link body, before any Link is built: stored
    timestamp text sorts like time, and a missing one first."""
    return (body[6] or "", body[0])


def _text(instant: datetime | None) -> str | None:
    return None if instant is None else format_timestamp(instant)
