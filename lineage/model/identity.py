"""Identity and time rules shared by every record: id normalization and UTC instants."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_RFC3339 = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[Tt ](?P<time>\d{2}:\d{2}:\d{2})(?:\.(?P<frac>\d{1,12}))?"
    r"(?P<tz>[Zz]|[+-]\d{2}:?\d{2})$"
)


def normalize_id(value: str) -> str:
    """Return the canonical form of an id: UUIDs lower-cased, anything else unchanged."""
    if len(value) != 36:
        return value
    lowered = value.lower()
    if lowered == value:  # already canonical whether or not it is a UUID
        return value
    return lowered if _UUID.match(value) else value


def parse_timestamp(value: str) -> datetime:
    """Parse any RFC 3339 timestamp into an aware UTC datetime (sub-microsecond digits dropped)."""
    return parse_instant(value)[0]


def parse_instant(value: str) -> tuple[datetime, str]:
    """Parse an RFC 3339 timestamp into its UTC instant and that instant's stored text."""
    match = _RFC3339.match(value.strip())
    if match is None:
        raise ValueError(f"not an RFC 3339 timestamp: {value!r}")
    if match["tz"] in ("Z", "z"):
        # Already UTC: the stored text is the input's own digits, padded to microseconds.
        text = f"{match['date']}T{match['time']}.{(match['frac'] or '').ljust(6, '0')[:6]}Z"
        try:
            return datetime.fromisoformat(text), text
        except ValueError:
            pass  # let the general path word the error
    instant = _parse_match(value, match)
    return instant, format_timestamp(instant)


def _parse_match(value: str, match: re.Match[str]) -> datetime:
    frac = (match["frac"] or "").ljust(6, "0")[:6]
    tz_text = match["tz"]
    if tz_text in ("Z", "z"):
        tz: timezone = UTC
    else:
        sign = -1 if tz_text[0] == "-" else 1
        digits = tz_text[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise ValueError(f"timestamp offset out of range: {value!r}")
        tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        parsed = datetime.fromisoformat(f"{match['date']}T{match['time']}.{frac}")
    except ValueError as exc:
        raise ValueError(f"not a valid date/time: {value!r} ({exc})") from None
    return parsed.replace(tzinfo=tz).astimezone(UTC)


def format_timestamp(value: datetime) -> str:
    """Format an instant as fixed-width UTC RFC 3339 text, so text order is time order."""
    if value.tzinfo is not UTC:
        if value.utcoffset():
            value = value.astimezone(UTC)
        value = value.replace(tzinfo=None)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (  # noqa: UP031 -- faster than isoformat
        value.year, value.month, value.day, value.hour, value.minute, value.second,
        value.microsecond,
    )  # fmt: skip


def parse_stored_timestamp(value: str) -> datetime:
    """Parse the fixed-width text written by `format_timestamp` back into a UTC datetime."""
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
