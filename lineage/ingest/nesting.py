"""How deeply a record may nest: deeper records are rejected, naming where.

JSON parsers accept about a thousand levels, but orjson serializes at most 254 (digests, stored
bodies and tags are serialized, with a few levels of their own around the record's), and no
CDEvent, link or PipeCD record needs more than a handful.
"""

from __future__ import annotations

from typing import Any

from lineage.ingest.errors import RecordError

MAX_NESTING = 200


def check_nesting(raw: Any, limit: int = MAX_NESTING) -> None:
    """Raise `RecordError` naming the first place where `raw` nests deeper than `limit` levels."""
    stack: list[tuple[Any, int, str]] = [(raw, 0, "")]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, dict):
            children: Any = ((f"{path}.{key}" if path else str(key), v) for key, v in value.items())
        elif isinstance(value, list):
            children = ((f"{path}[{i}]", v) for i, v in enumerate(value))
        else:
            continue
        if depth >= limit:
            raise RecordError(f"{path or 'record'}: nested deeper than {limit} levels")
        stack.extend((child, depth + 1, child_path) for child_path, child in children)
