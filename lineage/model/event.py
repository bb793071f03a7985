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
