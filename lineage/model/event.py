"""The stored form of a CDEvent: normalized, version-independent, immutable."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from lineage.model.link import Link


class Event(BaseModel):
    """One CDEvent, whatever spec version it arrived in, with its embedded links as `Link`s."""

    model_config = ConfigDict(frozen=True)

    id: str
    type: str
    subject_type: str
    predicate: str
    type_version: str
    spec_version: str
    source: str
    timestamp: datetime
    chain_id: str | None = None
    schema_uri: str | None = None
    subject_id: str
    subject_source: str | None = None
    subject_content: dict[str, Any] = {}
    custom_data: Any = None
    custom_data_content_type: str | None = None
    links: tuple[Link, ...] = ()
    digest: str = ""

    @property
    def custom(self) -> bool:
        """True for `dev.cdeventsx.*` custom events."""
        return self.type.startswith("dev.cdeventsx.")
