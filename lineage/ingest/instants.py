"""Instants as records carry them: RFC 3339 text or unix seconds, always stored as UTC.

YAML loaders turn unquoted timestamps into `datetime` objects; those are accepted too (a naive
one is read as UTC, as YAML 1.1 specifies for timestamps without an offset).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator

from lineage.model.identity import parse_timestamp

#: Unix seconds beyond this are surely milliseconds or garbage (year 5138).
_MAX_UNIX_SECONDS = 1e11


def to_instant(value: Any) -> datetime:
    """An RFC 3339 string, unix seconds (number or digit string) or datetime as a UTC instant."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, bool):
        raise ValueError(f"expected an RFC 3339 timestamp or unix seconds, got {value!r}")
    if isinstance(value, int | float):
        return _from_unix(float(value))
    if isinstance(value, str):
        text = value.strip()
        if text and _is_number(text):
            return _from_unix(float(text))
        return parse_timestamp(text)
    raise ValueError(
        f"expected an RFC 3339 timestamp or unix seconds, got {type(value).__name__}"
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _from_unix(seconds: float) -> datetime:
    if not math.isfinite(seconds) or not 0 <= seconds < _MAX_UNIX_SECONDS:
        raise ValueError(f"unix seconds out of range: {seconds!r}")
    return datetime.fromtimestamp(seconds, tz=UTC)


#: A pydantic field type: any accepted form in, an aware UTC `datetime` out.
Instant = Annotated[datetime, BeforeValidator(to_instant)]
