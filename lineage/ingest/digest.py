"""What an event's digest covers: its normalized content, embedded links included."""

from __future__ import annotations

from typing import Any

from lineage.model import Link, format_timestamp
from lineage.model.digest import digest_of


def event_digest(fields: dict[str, Any], links: tuple[Link, ...]) -> str:
    """Digest of an event's normalized fields; two deliveries agree on it iff they say the same."""
    content = dict(fields)
    content["timestamp"] = format_timestamp(content["timestamp"])
    content["links"] = sorted((link.id, link.tags) for link in links)
    return digest_of(content)
