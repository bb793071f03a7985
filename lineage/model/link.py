"""Links between events: START / END / PATH / RELATION, as producers send them or as inferred."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from lineage.model.digest import digest_of


class LinkType(StrEnum):
    """The four CDEvents link types."""

    START = "START"
    END = "END"
    PATH = "PATH"
    RELATION = "RELATION"


class Direction(StrEnum):
    """Which way to follow links from an event: towards causes, effects, or both."""

    UPSTREAM = "UPSTREAM"
    DOWNSTREAM = "DOWNSTREAM"
    BOTH = "BOTH"


class Link(BaseModel):
    """A directed edge `from_id -> to_id` (START has only `to_id`); RELATION carries its `kind`."""

    model_config = ConfigDict(frozen=True)

    type: LinkType
    chain_id: str | None = None
    from_id: str | None = None
    to_id: str | None = None
    kind: str | None = None
    timestamp: datetime | None = None
    tags: dict[str, str] = {}
    inferred: bool = False

    @property
    def id(self) -> str:
        """Stable identity of the link: its type, chain, endpoints and kind."""
        return link_id(self.type, self.chain_id, self.from_id, self.to_id, self.kind)

    @property
    def digest(self) -> str:
        """Digest of what may differ between two deliveries of this link: its tags."""
        return digest_of(self.tags)

    def endpoints(self) -> tuple[str, ...]:
        """The event ids this link touches."""
        return tuple(e for e in (self.from_id, self.to_id) if e is not None)


def link_id(
    type_: LinkType, chain_id: str | None, from_id: str | None, to_id: str | None, kind: str | None
) -> str:
    """Hash a link's identity fields into a short stable id."""
    key = "\x1f".join((type_.value, chain_id or "", from_id or "", to_id or "", kind or ""))
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
