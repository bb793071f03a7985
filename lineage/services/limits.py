"""Server-side caps on what one request may ask for, in one place, and their checks."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TypeVar

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

#: Events of one chain a GraphQL answer lists at most (its events, links, islands, fan groups,
#: critical path); a bigger chain is paged through with `events(filter: {chainId})`.
MAX_CHAIN_EVENTS_ENV = "LINEAGE_MAX_CHAIN_EVENTS"
DEFAULT_MAX_CHAIN_EVENTS = 5_000
#: Links of one event a GraphQL answer lists at most (`Event.links`).
MAX_EVENT_LINKS_ENV = "LINEAGE_MAX_EVENT_LINKS"
DEFAULT_MAX_EVENT_LINKS = 5_000
#: Items of any other list that grows with the stored data an answer lists at most: a
#: traversal's links, an execution's stages, environments and events, a deployment's commits.
MAX_LISTED_ITEMS_ENV = "LINEAGE_MAX_LISTED_ITEMS"
DEFAULT_MAX_LISTED_ITEMS = 5_000

T = TypeVar("T")


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


def max_chain_events() -> int:
    """The cap on the events of one chain listed in an answer (`LINEAGE_MAX_CHAIN_EVENTS`)."""
    return _positive_setting(MAX_CHAIN_EVENTS_ENV, DEFAULT_MAX_CHAIN_EVENTS)


def max_event_links() -> int:
    """The cap on the links of one event listed in an answer (`LINEAGE_MAX_EVENT_LINKS`)."""
    return _positive_setting(MAX_EVENT_LINKS_ENV, DEFAULT_MAX_EVENT_LINKS)


def max_listed_items() -> int:
    """The cap on any other data-sized list in an answer (`LINEAGE_MAX_LISTED_ITEMS`)."""
    return _positive_setting(MAX_LISTED_ITEMS_ENV, DEFAULT_MAX_LISTED_ITEMS)


def listed(owner: str, noun: str, items: Sequence[T], narrow: str) -> Sequence[T]:
    """`items` if an answer may list them all, else a `LimitExceededError` naming the `owner`
    (e.g. "execution 'run-7'"), how many `noun` it has, the cap and how to `narrow` the question."""
    cap = max_listed_items()
    if len(items) > cap:
        raise LimitExceededError(
            f"{owner} has {len(items)} {noun}, more than the {cap} an answer may list "
            f"({MAX_LISTED_ITEMS_ENV}); {narrow}"
        )
    return items


def _positive_setting(name: str, default: int) -> int:
    """A positive whole number from the environment variable `name`, else `default`."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a positive whole number, got {text!r}")
    return int(text)
