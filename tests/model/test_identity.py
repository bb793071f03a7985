"""Id and timestamp normalization."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lineage.model import format_timestamp, normalize_id, parse_timestamp

INSTANT = datetime(2023, 3, 20, 14, 27, 5, 315384, tzinfo=UTC)


def test_uuid_ids_are_lower_cased() -> None:
    assert normalize_id("F4BD2B55-B6F6-4F44-AF72-BD2D0E7A8708") == (
        "f4bd2b55-b6f6-4f44-af72-bd2d0e7a8708"
    )


def test_other_ids_keep_their_case() -> None:
    assert normalize_id("myorg/Payments/pull/12") == "myorg/Payments/pull/12"


@pytest.mark.parametrize(
    "text",
    [
        "2023-03-20T14:27:05.315384Z",
        "2023-03-20t14:27:05.315384z",
        "2023-03-20T14:27:05.315384+00:00",
        "2023-03-20T16:27:05.315384+02:00",
        "2023-03-20T09:27:05.315384-05:00",
        "2023-03-20T14:27:05.315384123Z",
        "2023-03-20 14:27:05.315384Z",
    ],
)
def test_rfc3339_forms_give_one_utc_instant(text: str) -> None:
    assert parse_timestamp(text) == INSTANT


def test_fraction_digits_are_padded() -> None:
    assert parse_timestamp("2023-03-20T14:27:05.3Z").microsecond == 300000
    assert parse_timestamp("2023-03-20T14:27:05Z").microsecond == 0


@pytest.mark.parametrize(
    "text", ["2023-03-20", "yesterday", "2023-03-20T14:27:05", "2023-02-30T00:00:00Z"]
)
def test_bad_timestamps_are_refused_with_the_value(text: str) -> None:
    with pytest.raises(ValueError, match=r"2023|yesterday"):
        parse_timestamp(text)


def test_formatted_text_sorts_like_time() -> None:
    early = format_timestamp(parse_timestamp("2023-03-20T23:59:59Z"))
    late = format_timestamp(parse_timestamp("2023-03-21T00:00:00.000001+00:00"))
    assert early < late
    assert early == "2023-03-20T23:59:59.000000Z"
