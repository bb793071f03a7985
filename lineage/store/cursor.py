"""Opaque keyset cursors shared by every backend: the sort key of the last item on a page."""

from __future__ import annotations

import base64

import orjson


class CursorError(ValueError):
    """A cursor that this API did not hand out."""


def encode_cursor(*key: str) -> str:
    """Encode a sort key as an opaque cursor."""
    return base64.urlsafe_b64encode(orjson.dumps(list(key))).decode().rstrip("=")


def decode_cursor(cursor: str, parts: int) -> tuple[str, ...]:
    """Decode a cursor made by `encode_cursor`, checking it has `parts` string parts."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = orjson.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, orjson.JSONDecodeError):
        raise CursorError(f"invalid cursor {cursor!r}") from None
    if not (isinstance(key, list) and len(key) == parts and all(isinstance(k, str) for k in key)):
        raise CursorError(f"invalid cursor {cursor!r}")
    return tuple(key)
