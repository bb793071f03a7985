"""Server-side caps on what one request may ask for, in one place, and their checks."""

from __future__ import annotations

from lineage.services.errors import LimitExceededError

#: Page sizes of `events` / `chains` listings.
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

#: Traversal: how far (link hops) and how many events one `traverse` may return.
DEFAULT_TRAVERSE_DEPTH = 1
MAX_TRAVERSE_DEPTH = 10
DEFAULT_TRAVERSE_LIMIT = 1_000
MAX_TRAVERSE_LIMIT = 10_000

#: Records per ingest request (GraphQL mutation or one HTTP request).
MAX_INGEST_RECORDS = 50_000


def check_range(name: str, value: int, low: int, high: int) -> int:
    """Return `value` if `low <= value <= high`, else raise `LimitExceededError` naming the cap."""
    if value < low:
        raise LimitExceededError(f"{name} must be at least {low}, got {value}")
    if value > high:
        raise LimitExceededError(f"{name} {value} exceeds the server cap of {high}")
    return value


def page_size(first: int | None) -> int:
    """The page size to use for `first` (default when absent), within the page cap."""
    if first is None:
        return DEFAULT_PAGE_SIZE
    return check_range("first", first, 0, MAX_PAGE_SIZE)
