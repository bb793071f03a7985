"""The stored form of a CDEvent: normalized, version-independent, immutable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lineage.model.link import Link


@dataclass(frozen=True, slots=True)
class Event:
    """One CDEvent, whatever spec version it arrived in, with its embedded links as `Link`s.

    Built only by ingest (after pydantic validated the wire form) and by stores, so it is a plain
    frozen dataclass: millions are made per minute and re-validating them would buy nothing.
    """

    id: str
    type: str
    subject_type: str
    predicate: str
    type_version: str
    spec_version: str
    source: str
    timestamp: datetime
    subject_id: str
    chain_id: str | None = None
    schema_uri: str | None = None
    subject_source: str | None = None
    subject_content: dict[str, Any] = field(default_factory=dict)
    custom_data: Any = None
    custom_data_content_type: str | None = None
    links: tuple[Link, ...] = ()
    digest: str = ""

    @property
    def custom(self) -> bool:
        """True for `dev.cdeventsx.*` custom events."""
        return self.type.startswith("dev.cdeventsx.")


_FIELDS = (
    "id", "type", "subject_type", "predicate", "type_version", "spec_version", "source",
    "timestamp", "subject_id", "chain_id", "schema_uri", "subject_source", "subject_content",
    "custom_data", "custom_data_content_type", "links", "digest",
)  # fmt: skip
if tuple(Event.__dataclass_fields__) != _FIELDS:
    raise TypeError("build_event must set exactly Event's fields, in order")
# Slot setters: they bypass the frozen dataclass's __setattr__, which costs more than the rest.
(
    _set_id, _set_type, _set_subject_type, _set_predicate, _set_type_version, _set_spec_version,
    _set_source, _set_timestamp, _set_subject_id, _set_chain_id, _set_schema_uri,
    _set_subject_source, _set_subject_content, _set_custom_data, _set_custom_data_content_type,
    _set_links, _set_digest,
) = (getattr(Event, name).__set__ for name in _FIELDS)  # fmt: skip
_new = object.__new__


def build_event(
    id: str,
    type: str,
    subject_type: str,
    predicate: str,
    type_version: str,
    spec_version: str,
    source: str,
    timestamp: datetime,
    subject_id: str,
    chain_id: str | None,
    schema_uri: str | None,
    subject_source: str | None,
    subject_content: dict[str, Any],
    custom_data: Any,
    custom_data_content_type: str | None,
    links: tuple[Link, ...],
    digest: str,
) -> Event:
    """`Event(...)` with every field given in order, about three times faster (for bulk paths)."""
    event: Event = _new(Event)
    _set_id(event, id)
    _set_type(event, type)
    _set_subject_type(event, subject_type)
    _set_predicate(event, predicate)
    _set_type_version(event, type_version)
    _set_spec_version(event, spec_version)
    _set_source(event, source)
    _set_timestamp(event, timestamp)
    _set_subject_id(event, subject_id)
    _set_chain_id(event, chain_id)
    _set_schema_uri(event, schema_uri)
    _set_subject_source(event, subject_source)
    _set_subject_content(event, subject_content)
    _set_custom_data(event, custom_data)
    _set_custom_data_content_type(event, custom_data_content_type)
    _set_links(event, links)
    _set_digest(event, digest)
    return event
