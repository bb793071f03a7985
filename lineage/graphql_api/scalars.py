"""Custom scalars: `DateTime` as RFC 3339 text in UTC; `JSON` is strawberry's own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types.scalar import ScalarDefinition

from lineage.model import format_timestamp, parse_timestamp


def _parse_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"DateTime must be RFC 3339 text, got {type(value).__name__}")
    return parse_timestamp(value)


DateTime = strawberry.scalar(
    name="DateTime",
    description=(
        "An instant as RFC 3339 text. Output is always UTC with microseconds, "
        "e.g. 2026-01-05T09:00:00.000000Z; input may use any offset."
    ),
    specified_by_url="https://datatracker.ietf.org/doc/html/rfc3339",
    serialize=format_timestamp,
    parse_value=_parse_datetime,
)

#: Python types the schema maps to custom scalars.
SCALAR_MAP: dict[object, ScalarDefinition] = {datetime: DateTime}
