"""Turn a CDEvent of any supported spec version into the normalized `Event`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ValidationError

from lineage.ingest.digest import event_digest
from lineage.ingest.errors import RecordError, describe_validation_error
from lineage.ingest.links import stringify_tags
from lineage.ingest.wire import EmbeddedLinkShape, validate_event
from lineage.model import Event, Link, LinkType, normalize_id, parse_event_type
from lineage.model.event import build_event
from lineage.model.identity import parse_instant
from lineage.model.link import build_link

_LINK_TYPES = {"PATH": LinkType.PATH, "END": LinkType.END}


def parse_cdevent(raw: dict[str, Any]) -> Event:
    """Validate one CDEvent and normalize ids, timestamp, version differences and embedded links."""
    try:
        wire = validate_event(raw)
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None
    context, subject = wire["context"], wire["subject"]
    event_type_text = context["type"]
    try:
        event_type = parse_event_type(event_type_text)
    except ValueError as exc:
        raise RecordError(f"context.type: {exc}") from None
    try:
        timestamp, timestamp_text = parse_instant(context["timestamp"])
    except ValueError as exc:
        raise RecordError(f"context.timestamp: {exc}") from None
    spec_version = context.get("specversion") or context.get("version") or ""
    event_id = normalize_id(context["id"])
    chain_text = context.get("chainId")
    chain_id = normalize_id(chain_text) if chain_text else None
    content = _normalize_content(subject.get("content", {}), spec_version)
    wire_links = context.get("links")
    links = (
        tuple(_embedded_link(link, event_id, chain_id, timestamp) for link in wire_links)
        if wire_links
        else ()
    )
    _check_repeated_links(links)
    schema_uri = context.get("schemaUri")
    subject_id, subject_source = subject["id"], subject.get("source")
    custom_data = wire.get("customData")
    custom_data_content_type = wire.get("customDataContentType")
    digest = event_digest(
        {
            "id": event_id,
            "type": event_type_text,
            "subject_type": event_type.subject_type,
            "predicate": event_type.predicate,
            "type_version": event_type.version,
            "spec_version": spec_version,
            "source": context["source"],
            "timestamp": timestamp_text,
            "chain_id": chain_id,
            "schema_uri": schema_uri,
            "subject_id": subject_id,
            "subject_source": subject_source,
            "subject_content": content,
            "custom_data": custom_data,
            "custom_data_content_type": custom_data_content_type,
        },
        links,
    )
    return build_event(
        event_id,
        event_type_text,
        event_type.subject_type,
        event_type.predicate,
        event_type.version,
        spec_version,
        context["source"],
        timestamp,
        subject_id,
        chain_id,
        schema_uri,
        subject_source,
        content,
        custom_data,
        custom_data_content_type,
        links,
        digest,
    )


def _normalize_content(content: dict[str, Any], spec_version: str) -> dict[str, Any]:
    """v0.3 content says `url` where v0.4+ say `uri`: present it as `uri`."""
    if spec_version.startswith("0.3") and "url" in content and "uri" not in content:
        content = dict(content)
        content["uri"] = content.pop("url")
    return content


def _embedded_link(
    link: EmbeddedLinkShape, event_id: str, chain_id: str | None, timestamp: datetime
) -> Link:
    """Orient an embedded link: PATH/END come `from` an earlier event; RELATION goes to `target`."""
    tags = stringify_tags(link.get("tags"))
    link_type = link["linkType"]
    if link_type == "RELATION":
        target = link.get("target")
        assert target is not None
        return build_link(
            LinkType.RELATION,
            chain_id,
            event_id,
            normalize_id(target["contextId"]),
            link.get("linkKind"),
            timestamp,
            tags,
            False,
        )
    origin = link.get("from")
    return build_link(
        _LINK_TYPES[link_type],
        chain_id,
        normalize_id(origin["contextId"]) if origin is not None else None,
        event_id,
        None,
        timestamp,
        tags,
        False,
    )


def _check_repeated_links(links: tuple[Link, ...]) -> None:
    """One event may list the same link twice only if both say the same (same tags)."""
    tags_by_id: dict[str, dict[str, str]] = {}
    for index, link in enumerate(links):
        seen = tags_by_id.setdefault(link.id, link.tags)
        if seen != link.tags:
            raise RecordError(
                f"context.links.{index}: repeats an earlier {link.type.value} link "
                f"to the same event with different tags"
            )
