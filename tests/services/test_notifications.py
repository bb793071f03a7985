"""The in-process pub/sub: committed writes reach subscribers, in order, from any thread."""

from __future__ import annotations

import asyncio
import threading

import pytest

from lineage.ingest import SourceRecord, parse_record
from lineage.model import Event, Link
from lineage.services import Notifier, Runtime, WriteNotice
from lineage.services.notifications import FeedOverflowError
from lineage.store import Store
from tests.support.scenarios import RELEASE, RELEASE_CHAIN, cdevent, pipeline

TIMEOUT_S = 10


def records(raws: list[dict[str, object]]) -> list[SourceRecord]:
    return [SourceRecord(f"test:{i}", raw) for i, raw in enumerate(raws)]


def test_each_committed_write_reaches_every_subscriber(store: Store) -> None:
    runtime = Runtime.for_store(store)

    async def scenario() -> list[list[WriteNotice]]:
        async with runtime.notifier.subscribe() as first, runtime.notifier.subscribe() as second:
            # ingest in a worker thread, as the HTTP app does
            await asyncio.to_thread(runtime.ingest, records(RELEASE))
            return [await first.next_batch(), await second.next_batch()]

    for batch in asyncio.run(asyncio.wait_for(scenario(), TIMEOUT_S)):
        (notice,) = batch
        assert len(notice.events) == 9
        assert {link.chain_id for link in notice.links} == {RELEASE_CHAIN}


def test_duplicates_and_rejections_publish_nothing(store: Store) -> None:
    runtime = Runtime.for_store(store)
    runtime.ingest(records(RELEASE))

    async def scenario() -> int:
        async with runtime.notifier.subscribe() as feed:
            await asyncio.to_thread(runtime.ingest, records([*RELEASE, {"nonsense": True}]))
            await asyncio.to_thread(runtime.ingest, records(pipeline("chain-next", [("x", [])])))
            (notice,) = await feed.next_batch()
            return len(notice.events)

    assert asyncio.run(asyncio.wait_for(scenario(), TIMEOUT_S)) == 1


def test_a_subscriber_that_falls_behind_is_told_to_resubscribe() -> None:
    notifier = Notifier(backlog=2)

    async def scenario() -> None:
        async with notifier.subscribe() as feed:
            for _ in range(3):
                notifier.publish([], [])
            await asyncio.sleep(0)  # let the loop run the deliveries queued by publish
            with pytest.raises(FeedOverflowError, match="more than 2 writes behind"):
                await feed.next_batch()

    asyncio.run(asyncio.wait_for(scenario(), TIMEOUT_S))


def test_wait_for_subscribers_returns_once_a_feed_subscribed() -> None:
    notifier = Notifier()
    subscribed = threading.Event()
    release = threading.Event()

    def subscriber() -> None:
        async def hold() -> None:
            async with notifier.subscribe():
                subscribed.set()
                await asyncio.to_thread(release.wait, TIMEOUT_S)

        asyncio.run(hold())

    thread = threading.Thread(target=subscriber)
    thread.start()
    assert notifier.wait_for_subscribers(1, TIMEOUT_S)
    assert subscribed.is_set() and notifier.subscriber_count == 1
    release.set()
    thread.join(TIMEOUT_S)
    assert notifier.subscriber_count == 0


def test_a_notice_touches_a_chain_by_chain_id_or_by_membership() -> None:
    joined = cdevent(
        "late-build", "dev.cdevents.build.finished.0.2.0", "2026-01-05T09:00:00Z",
        source="/ci", subject="b", chain=None,
    )  # fmt: skip
    event = parse_record(joined)
    assert isinstance(event, Event)
    notice = WriteNotice((event,), ())

    assert notice.touches_chain("chain-a", members={"late-build"})
    assert not notice.touches_chain("chain-a", members={"other"})


def test_a_notice_touches_a_chain_when_a_link_reaches_one_of_its_members() -> None:
    outward = parse_record(
        {"linkType": "PATH", "from": {"contextId": "late-build"}, "to": {"contextId": "elsewhere"}}
    )
    assert isinstance(outward, Link)
    notice = WriteNotice((), (outward,))

    assert notice.touches_chain("chain-a", members={"late-build"})
    assert not notice.touches_chain("chain-a", members={"other"})
