"""Intake of API payloads: each record judged on its own, of the kind it was sent as."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from lineage.ingest import Status
from lineage.ingest.ingestor import DEFAULT_BATCH
from lineage.services import LimitExceededError, Runtime, ingest_payloads
from lineage.services.limits import MAX_INGEST_RECORDS
from lineage.store import Store
from lineage.store.embedded import EmbeddedStore
from tests.support.counting_store import CountingStore
from tests.support.scenarios import RELEASE

EVENTS = [r for r in RELEASE if "context" in r]
LINKS = [r for r in RELEASE if "context" not in r]


def test_events_and_links_are_ingested_with_one_outcome_each_in_order(store: Store) -> None:
    runtime = Runtime.for_store(store)

    report = ingest_payloads(runtime, events=EVENTS[:2], links=LINKS)

    assert [(o.origin, o.status, o.kind) for o in report.outcomes] == [
        ("events[0]", Status.STORED, "event"),
        ("events[1]", Status.STORED, "event"),
        ("links[0]", Status.STORED, "link"),
    ]


def test_a_record_of_the_wrong_kind_or_shape_is_rejected_and_the_rest_stored(store: Store) -> None:
    runtime = Runtime.for_store(store)

    report = ingest_payloads(runtime, events=[LINKS[0], EVENTS[0], "build done"], links=[EVENTS[1]])

    assert [(o.status, o.reason) for o in report.outcomes] == [
        (Status.REJECTED, "expected a CDEvent, got a standalone link"),
        (Status.STORED, None),
        (Status.REJECTED, "expected a JSON object, got str"),
        (Status.REJECTED, "expected a standalone link, got a CDEvent"),
    ]
    assert store.get_events(["static-analysis"])


def test_too_many_records_in_one_request_is_refused(store: Store) -> None:
    runtime = Runtime.for_store(store)

    with pytest.raises(LimitExceededError, match="exceeds the server cap"):
        ingest_payloads(runtime, events=[{}] * (MAX_INGEST_RECORDS + 1))


def test_one_request_is_one_write_transaction_however_many_records_it_holds(
    tmp_path: Path,
) -> None:
    """A request bigger than the bulk ingest's batch is still written at once (all or nothing)."""
    store = EmbeddedStore(tmp_path / "one-transaction.db")
    counting = CountingStore(store)
    runtime = Runtime.for_store(cast(Store, counting))
    links = [
        {
            "chainId": "big", "linkType": "RELATION", "linkKind": "ARTIFACT",
            "source": {"contextId": f"from-{n}"}, "target": {"contextId": f"to-{n}"},
        }
        for n in range(DEFAULT_BATCH + 1)
    ]  # fmt: skip

    report = ingest_payloads(runtime, links=links)

    assert report.counts[Status.STORED] == DEFAULT_BATCH + 1
    assert counting.calls["write"] == 1
    store.close()
