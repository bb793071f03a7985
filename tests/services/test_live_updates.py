"""Live answers: a chain's current view, then a new view after each write that changes it."""

from __future__ import annotations

import asyncio

from lineage.ingest import SourceRecord
from lineage.model import Event
from lineage.services import Runtime
from lineage.services.live import chain_updates, ingested_events
from lineage.store import EventFilter, Store
from tests.support.scenarios import RELEASE, RELEASE_CHAIN, cdevent, pipeline

TIMEOUT_S = 10


def records(raws: list[dict[str, object]]) -> list[SourceRecord]:
    return [SourceRecord(f"test:{i}", raw) for i, raw in enumerate(raws)]


def test_chain_updates_start_with_the_chain_and_follow_its_writes(store: Store) -> None:
    runtime = Runtime.for_store(store)
    before_end = [r for r in RELEASE if r.get("context", {}).get("id") != "deliver"]
    deliver = [r for r in RELEASE if r.get("context", {}).get("id") == "deliver"]
    runtime.ingest(records(before_end))

    async def scenario() -> list[tuple[int, bool]]:
        updates = chain_updates(runtime.store, runtime.notifier, RELEASE_CHAIN)
        seen = [await anext(updates)]
        # a write to another chain is not an update of this one; the END event is
        await asyncio.to_thread(runtime.ingest, records(pipeline("chain-other", [("x", [])])))
        await asyncio.to_thread(runtime.ingest, records(deliver))
        seen.append(await anext(updates))
        await updates.aclose()
        return [(view.event_count, view.complete) for view in seen]

    assert asyncio.run(asyncio.wait_for(scenario(), TIMEOUT_S)) == [(8, False), (9, True)]
    assert runtime.notifier.subscriber_count == 0


def test_ingested_events_yields_only_matching_new_events(store: Store) -> None:
    runtime = Runtime.for_store(store)
    only_deploys = EventFilter(subject_types=("service",))

    async def scenario() -> Event:
        events = ingested_events(runtime.notifier, only_deploys)
        first = asyncio.ensure_future(anext(events))
        while runtime.notifier.subscriber_count == 0:
            await asyncio.sleep(0)
        await asyncio.to_thread(runtime.ingest, records(pipeline("chain-build", [("b", [])])))
        deploy = cdevent(
            "deploy-77", "dev.cdevents.service.deployed.0.3.0", "2026-01-09T10:00:00Z",
            source="/cd/argocd", subject="payments-prod", chain="chain-build",
        )  # fmt: skip
        await asyncio.to_thread(runtime.ingest, records([deploy]))
        found = await first
        await events.aclose()
        return found

    event = asyncio.run(asyncio.wait_for(scenario(), TIMEOUT_S))
    assert (event.id, event.subject_type) == ("deploy-77", "service")
