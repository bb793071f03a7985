"""Time windows of the delivery questions: UTC, non-empty, not before the epoch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lineage.services.errors import ServiceError
from lineage.services.windows import window


def test_a_window_may_not_start_before_the_epoch() -> None:
    """The questions look back before `since`: a year-1 window would underflow the calendar."""
    with pytest.raises(ServiceError, match="earliest a window may start"):
        window(datetime(1, 1, 1, tzinfo=UTC), datetime(2000, 1, 1, tzinfo=UTC))


def test_a_window_from_the_epoch_is_taken_in_utc() -> None:
    start, end = window(datetime(1970, 1, 1, tzinfo=UTC), datetime(1970, 1, 2))
    assert (start, end) == (datetime(1970, 1, 1, tzinfo=UTC), datetime(1970, 1, 2, tzinfo=UTC))
