"""Links between events: START / END / PATH / RELATION, as producers send them or as inferred."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

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


_NO_TAGS_DIGEST = digest_of({})


@dataclass(frozen=True, slots=True)
class Link:
    """A directed edge `from_id -> to_id` (START has only `to_id`); RELATION carries its `kind`.

    `id` is the link's identity (type, chain, endpoints, kind); `digest` covers what may differ
    between two deliveries of one link: its tags.
    """

    type: LinkType
    chain_id: str | None = None
    from_id: str | None = None
    to_id: str | None = None
    kind: str | None = None
    timestamp: datetime | None = None
    tags: dict[str, str] = field(default_factory=dict)
    inferred: bool = False
    id: str = field(init=False, compare=False, repr=False)
    digest: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "id", link_id(self.type, self.chain_id, self.from_id, self.to_id, self.kind)
        )
        object.__setattr__(self, "digest", digest_of(self.tags) if self.tags else _NO_TAGS_DIGEST)

    def endpoints(self) -> tuple[str, ...]:
        """The event ids this link touches."""
        return tuple(e for e in (self.from_id, self.to_id) if e is not None)


def link_id(
    type_: LinkType, chain_id: str | None, from_id: str | None, to_id: str | None, kind: str | None
) -> str:
    """Hash a link's identity fields into a short stable id."""
    key = "\x1f".join((type_.value, chain_id or "", from_id or "", to_id or "", kind or ""))
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
