"""Turn a CDEvent of any supported spec version into the normalized `Event`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError

from lineage.ingest.digest import event_digest
from lineage.ingest.errors import RecordError, describe_validation_error
from lineage.ingest.links import stringify_tags
from lineage.ingest.wire import WireEmbeddedLink, WireEvent
from lineage.model import Event, Link, LinkType, normalize_id, parse_event_type, parse_timestamp


def parse_cdevent(raw: dict[str, Any]) -> Event:
    """Validate one CDEvent and normalize ids, timestamp, version differences and embedded links."""
    try:
        wire = WireEvent.model_validate(raw)
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None
    context, subject = wire.context, wire.subject
    try:
        event_type = parse_event_type(context.type)
    except ValueError as exc:
        raise RecordError(f"context.type: {exc}") from None
    try:
        timestamp = parse_timestamp(context.timestamp)
    except ValueError as exc:
        raise RecordError(f"context.timestamp: {exc}") from None
    spec_version = context.specversion or context.version or ""
    event_id = normalize_id(context.id)
    chain_id = normalize_id(context.chain_id) if context.chain_id else None
    content = _normalize_content(subject.content, spec_version)
    links = tuple(
        _embedded_link(link, event_id, chain_id, timestamp) for link in context.links or ()
    )
    fields: dict[str, Any] = {
        "id": event_id,
        "type": context.type,
        "subject_type": event_type.subject_type,
        "predicate": event_type.predicate,
        "type_version": event_type.version,
        "spec_version": spec_version,
        "source": context.source,
        "timestamp": timestamp,
        "chain_id": chain_id,
        "schema_uri": context.schema_uri,
        "subject_id": subject.id,
        "subject_source": subject.source,
        "subject_content": content,
        "custom_data": wire.custom_data,
        "custom_data_content_type": wire.custom_data_content_type,
    }
    digest = event_digest(fields, links)
    return Event(**fields, links=links, digest=digest)


def _normalize_content(content: dict[str, Any], spec_version: str) -> dict[str, Any]:
    """v0.3 content says `url` where v0.4+ say `uri`: present it as `uri`."""
    if spec_version.startswith("0.3") and "url" in content and "uri" not in content:
        content = dict(content)
        content["uri"] = content.pop("url")
    return content


def _embedded_link(
    link: WireEmbeddedLink, event_id: str, chain_id: str | None, timestamp: datetime
) -> Link:
    """Orient an embedded link: PATH/END come `from` an earlier event; RELATION points at `target`."""
    tags = stringify_tags(link.tags)
    if link.link_type == "RELATION":
        assert link.target is not None
        return Link(
            type=LinkType.RELATION,
            chain_id=chain_id,
            from_id=event_id,
            to_id=normalize_id(link.target.context_id),
            kind=link.link_kind,
            timestamp=timestamp,
            tags=tags,
            inferred=False,
        )
    return Link(
        type=LinkType(link.link_type),
        chain_id=chain_id,
        from_id=normalize_id(link.from_.context_id) if link.from_ is not None else None,
        to_id=event_id,
        kind=None,
        timestamp=timestamp,
        tags=tags,
        inferred=False,
    )
