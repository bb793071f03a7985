"""Tell record kinds apart and parse each into the model."""

from __future__ import annotations

from typing import Any

from lineage.ingest.cdevents import parse_cdevent
from lineage.ingest.errors import RecordError
from lineage.ingest.links import parse_link
from lineage.model import Event, Link

Record = Event | Link


def record_kind(raw: Any) -> str:
    """Name the kind of a raw record: `event` (a CDEvent) or `link` (a standalone link)."""
    if not isinstance(raw, dict):
        raise RecordError(f"expected a JSON object, got {type(raw).__name__}")
    if "context" in raw or "subject" in raw:
        return "event"
    if "linkType" in raw:
        return "link"
    if "kind" in raw:
        raise RecordError(f"unknown record kind {raw['kind']!r}")
    raise RecordError(
        "not a CDEvent (no 'context'/'subject') nor a standalone link (no 'linkType')"
    )


def parse_record(raw: Any) -> Record:
    """Parse a raw record of any known kind."""
    if record_kind(raw) == "event":
        return parse_cdevent(raw)
    return parse_link(raw)
