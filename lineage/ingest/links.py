"""Turn a standalone link record into a `Link`."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import ValidationError

from lineage.ingest.errors import RecordError, describe_validation_error
from lineage.ingest.wire import WireLink, WireRef
from lineage.model import Link, LinkType, normalize_id, parse_timestamp


def parse_link(raw: dict[str, Any]) -> Link:
    """Validate a standalone START/END/PATH/RELATION link and normalize its ids and timestamp."""
    try:
        wire = WireLink.model_validate(raw)
    except ValidationError as exc:
        raise RecordError(describe_validation_error(exc)) from None
    timestamp = None
    if wire.timestamp is not None:
        try:
            timestamp = parse_timestamp(wire.timestamp)
        except ValueError as exc:
            raise RecordError(f"timestamp: {exc}") from None
    tags = stringify_tags(wire.tags)
    ends = {
        "START": (None, wire.start),
        "END": (wire.from_, wire.end),
        "PATH": (wire.from_, wire.to),
        "RELATION": (wire.source, wire.target),
    }[wire.link_type]
    return Link(
        type=LinkType(wire.link_type),
        chain_id=normalize_id(wire.chain_id) if wire.chain_id else None,
        from_id=_ref(ends[0]),
        to_id=_ref(ends[1]),
        kind=wire.link_kind if wire.link_type == "RELATION" else None,
        timestamp=timestamp,
        tags=tags,
        inferred=False,
    )


def _ref(ref: WireRef | None) -> str | None:
    return normalize_id(ref.context_id) if ref is not None else None


def stringify_tags(tags: dict[str, Any] | None) -> dict[str, str]:
    """Tags are string-valued: keep strings, write other JSON values as their JSON text."""
    if not tags:
        return {}
    return {
        key: value if isinstance(value, str) else orjson.dumps(value).decode()
        for key, value in tags.items()
    }
