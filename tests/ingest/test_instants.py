"""Instants as records carry them: RFC 3339, unix seconds, YAML datetimes; always UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from lineage.ingest.instants import to_instant

NOON = datetime(2026, 2, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-03T12:00:00Z", "2026-02-03T13:00:00+01:00", "2026-02-03t12:00:00.000000z",
        1770120000, 1770120000.0, "1770120000", " 1770120000 ",
        datetime(2026, 2, 3, 12, 0),
        datetime(2026, 2, 3, 14, 0, tzinfo=timezone(timedelta(hours=2))),
    ],
)  # fmt: skip
def test_every_form_is_the_same_utc_instant(value: Any) -> None:
    instant = to_instant(value)

    assert instant == NOON
    assert instant.tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("noon", "not an RFC 3339 timestamp"), (True, "expected an RFC 3339"),
        (-1, "out of range"), (float("nan"), "out of range"), (1e15, "out of range"),
        ([1], "got list"),
    ],
)  # fmt: skip
def test_other_values_are_refused(value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_instant(value)
