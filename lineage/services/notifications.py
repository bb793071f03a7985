"""In-process publish/subscribe of committed writes, for live updates (GraphQL subscriptions).

`Notifier.publish` is the `Ingestor`'s `on_write` listener: it runs in whatever thread ingested,
after the store committed, and hands the write to every subscriber's event loop thread-safely.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass

from lineage.model import Event, Link

#: Writes a subscriber may fall behind by before its feed is ended.
DEFAULT_BACKLOG = 1_000


@dataclass(frozen=True, slots=True)
class WriteNotice:
    """The events and links one committed write stored."""

    events: tuple[Event, ...]
    links: tuple[Link, ...]

    def touches_chain(self, chain_id: str, members: Collection[str]) -> bool:
        """Whether this write changes chain `chain_id` (these members) or its members' links."""
        return any(e.chain_id == chain_id or e.id in members for e in self.events) or any(
            link.chain_id == chain_id or link.from_id in members or link.to_id in members
            for link in self.links
        )


class FeedOverflowError(RuntimeError):
    """A subscriber fell too far behind the writes; it must subscribe again."""


class Feed:
    """One subscriber's queue of notices, consumed on the event loop that subscribed."""

    def __init__(self, loop: asyncio.AbstractEventLoop, backlog: int) -> None:
        self._loop = loop
        self._queue: asyncio.Queue[WriteNotice] = asyncio.Queue()
        self._backlog = backlog
        self._overflowed = False

    def deliver(self, notice: WriteNotice) -> None:
        """Hand a notice to this feed from any thread (dropped if its loop has closed)."""
        with suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._offer, notice)

    def _offer(self, notice: WriteNotice) -> None:
        if self._queue.qsize() >= self._backlog:
            self._overflowed = True
            return
        self._queue.put_nowait(notice)

    async def next_batch(self) -> list[WriteNotice]:
        """Wait for at least one notice, then take every notice already queued."""
        if self._overflowed:
            raise FeedOverflowError(f"subscriber fell more than {self._backlog} writes behind")
        batch = [await self._queue.get()]
        while not self._queue.empty():
            batch.append(self._queue.get_nowait())
        return batch

    async def __aiter__(self) -> AsyncIterator[WriteNotice]:
        """Every notice, in the order the writes were committed."""
        while True:
            for notice in await self.next_batch():
                yield notice


class Notifier:
    """Fans each committed write out to the current subscribers."""

    def __init__(self, backlog: int = DEFAULT_BACKLOG) -> None:
        self._backlog = backlog
        self._changed = threading.Condition()
        self._feeds: set[Feed] = set()

    def publish(self, events: list[Event], links: list[Link]) -> None:
        """Tell every subscriber about a committed write (the `Ingestor.on_write` listener)."""
        notice = WriteNotice(tuple(events), tuple(links))
        with self._changed:
            feeds = list(self._feeds)
        for feed in feeds:
            feed.deliver(notice)

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[Feed]:
        """Receive the writes committed from now on, until the context exits."""
        feed = Feed(asyncio.get_running_loop(), self._backlog)
        with self._changed:
            self._feeds.add(feed)
            self._changed.notify_all()
        try:
            yield feed
        finally:
            with self._changed:
                self._feeds.discard(feed)
                self._changed.notify_all()

    @property
    def subscriber_count(self) -> int:
        """How many feeds are subscribed right now."""
        with self._changed:
            return len(self._feeds)

    def wait_for_subscribers(self, count: int, timeout: float) -> bool:
        """Block (outside the subscribers' event loop) until `count` feeds are subscribed."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._feeds) >= count, timeout)
