"""What an event's digest covers: its normalized content, embedded links included."""

from __future__ import annotations

from typing import Any

from lineage.model import Link
from lineage.model.digest import digest_of


def event_digest(fields: dict[str, Any], links: tuple[Link, ...]) -> str:
    """Digest of an event's normalized fields (timestamp as its canonical UTC text) and links.

    Two deliveries of an event agree on it iff they say the same thing. `fields` is a dict the
    caller built for this call: the links' ids and tags are added to it before hashing.
    """
    fields["links"] = sorted((link.id, link.tags) for link in links)
    return digest_of(fields)
