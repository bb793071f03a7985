"""The error a record is rejected with, and how validation errors are worded."""

from __future__ import annotations

from pydantic import ValidationError


class RecordError(ValueError):
    """A record that cannot be accepted; the message says what is wrong and where in the record."""


def describe_validation_error(error: ValidationError) -> str:
    """Word a pydantic error as `field.path: problem; ...` using the producer's field names."""
    parts = []
    for item in error.errors(include_url=False):
        location = ".".join(str(p) for p in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{location}: {message}" if location else message)
    return "; ".join(parts)
