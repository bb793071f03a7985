"""Identity, duplicate/conflict and arrival-order rules of ingest, on every backend."""

from __future__ import annotations

from typing import Any

from lineage.ingest import Ingestor, IngestReport, SourceRecord, Status
from lineage.model import Direction, LinkType
from lineage.store import Store
from tests.support.cdevents import cdevent, link

CHAIN = "4c8cb7dd-3448-41de-8768-eec704e2829b"
A = "0a0a0a0a-0000-4000-8000-00000000000a"
B = "0b0b0b0b-0000-4000-8000-00000000000b"


def ingest(store: Store, *raws: Any) -> IngestReport:
    records = [SourceRecord(f"test:{i + 1}", raw) for i, raw in enumerate(raws)]
    return Ingestor(store).ingest(records, keep_outcomes=True)


def test_same_event_twice_is_a_duplicate(store: Store) -> None:
    event = cdevent("build.started", A, chain=CHAIN)
    report = ingest(store, event, event)
    assert [o.status for o in report.outcomes] == [Status.STORED, Status.DUPLICATE]
    assert ingest(store, event).outcomes[0].status is Status.DUPLICATE


def test_upper_case_uuid_and_other_timestamp_form_are_the_same_event(store: Store) -> None:
    first = cdevent("build.started", A, chain=CHAIN, ts="2026-01-05T09:00:00.5Z", subject_id="b1")
    again = cdevent(
        "build.started",
        A.upper(),
        chain=CHAIN.upper(),
        ts="2026-01-05T11:00:00.500+02:00",
        subject_id="b1",
    )
    report = ingest(store, first, again)
    assert [o.status for o in report.outcomes] == [Status.STORED, Status.DUPLICATE]
    assert list(store.get_events([A])) == [A]


def test_different_content_under_a_known_id_is_a_conflict_and_the_first_is_kept(
    store: Store,
) -> None:
    first = cdevent("build.started", A, chain=CHAIN, subject_id="build-1")
    second = cdevent("build.started", A, chain=CHAIN, subject_id="build-2")
    ingest(store, first)
    report = ingest(store, second)
    (outcome,) = report.outcomes
    assert outcome.status is Status.CONFLICT
    assert outcome.record_id == A and outcome.origin == "test:1"
    assert outcome.reason is not None and "different content" in outcome.reason
    assert store.get_events([A])[A].subject_id == "build-1"


def test_conflict_inside_one_batch_keeps_the_first(store: Store) -> None:
    first = cdevent("build.started", A, subject_id="build-1")
    second = cdevent("build.started", A, subject_id="build-2")
    report = ingest(store, first, second)
    assert [o.status for o in report.outcomes] == [Status.STORED, Status.CONFLICT]
    assert store.get_events([A])[A].subject_id == "build-1"


def test_link_before_its_events_leaves_placeholders_until_they_arrive(store: Store) -> None:
    ingest(store, link("PATH", chain=CHAIN, from_=A, to=B))
    assert store.placeholder_ids([A, B]) == {A, B}
    assert store.get_events([A, B]) == {}
    ingest(store, cdevent("build.started", A, chain=CHAIN))
    assert store.placeholder_ids([A, B]) == {B}
    ingest(store, cdevent("build.finished", B, chain=CHAIN, after=[A]))
    assert store.placeholder_ids([A, B]) == set()
    downstream = store.links_touching([A], Direction.DOWNSTREAM, [LinkType.PATH])
    assert {(x.from_id, x.to_id) for x in downstream} == {(A, B)}


def test_event_without_chain_id_joins_the_chain_through_a_link(store: Store) -> None:
    ingest(
        store,
        cdevent("build.started", A, chain=CHAIN),
        cdevent("build.finished", B, ts="2026-01-05T09:05:00Z"),
        link("PATH", chain=CHAIN, from_=A, to=B),
    )
    assert [e.id for e in store.chain_events(CHAIN)] == [A, B]
    summary = store.chain_summaries([CHAIN])[CHAIN]
    assert summary.event_count == 2


def test_chain_summary_does_not_depend_on_arrival_order(store_factory: Any) -> None:
    records = [
        cdevent("build.finished", B, ts="2026-01-05T09:05:00Z"),
        link("PATH", chain=CHAIN, from_=A, to=B),
        link("START", chain=CHAIN, start=A),
        cdevent("build.started", A, chain=CHAIN),
    ]
    summaries = []
    for order in (records, list(reversed(records))):
        store = store_factory()
        ingest(store, *order)
        summaries.append(store.chain_summaries([CHAIN])[CHAIN])
    assert summaries[0] == summaries[1]
    assert summaries[0].event_count == 2 and summaries[0].start_id == A


def test_v03_and_v04_events_are_read_alongside_v05(store: Store) -> None:
    v03 = {
        "context": {
            "version": "0.3.0",
            "id": A,
            "source": "/ci/jenkins",
            "type": "dev.cdevents.pipelinerun.started.0.1.0",
            "timestamp": "2023-03-20T14:27:05Z",
        },
        "subject": {
            "id": "run-1",
            "type": "pipelineRun",
            "content": {"pipelineName": "release", "url": "https://ci.example/run-1"},
        },
    }
    v04 = {
        "context": {
            "specversion": "0.4.1",
            "id": B,
            "source": "/ci/tekton",
            "type": "dev.cdevents.pipelinerun.finished.0.2.0",
            "timestamp": "2023-03-20T14:37:05+00:00",
            "chainId": CHAIN,
        },
        "subject": {"id": "run-1", "content": {"outcome": "success", "uri": "https://x/1"}},
    }
    report = ingest(store, v03, v04)
    assert report.counts == {Status.STORED: 2}
    events = store.get_events([A, B])
    assert events[A].spec_version == "0.3.0" and events[A].subject_type == "pipelineRun"
    assert events[A].subject_content["uri"] == "https://ci.example/run-1"
    assert events[B].spec_version == "0.4.1" and events[B].chain_id == CHAIN


def test_valid_records_are_stored_beside_rejected_ones(store: Store) -> None:
    broken = cdevent("build.started", B)
    del broken["context"]["id"]
    report = ingest(store, cdevent("build.started", A), broken, "not an object")
    assert [o.status for o in report.outcomes] == [
        Status.STORED, Status.REJECTED, Status.REJECTED,
    ]  # fmt: skip
    assert report.outcomes[1].reason == "context.id: Field required"
    assert report.outcomes[2].reason == "expected a JSON object, got str"
    assert list(store.get_events([A])) == [A]


def test_standalone_links_are_duplicates_or_conflicts_by_tags(store: Store) -> None:
    tagged = link("RELATION", chain=CHAIN, source=A, target=B, kind="TRIGGER", tags={"x": "1"})
    retagged = link("RELATION", chain=CHAIN, source=A, target=B, kind="TRIGGER", tags={"x": "2"})
    report = ingest(store, tagged, tagged, retagged)
    assert [o.status for o in report.outcomes] == [
        Status.STORED, Status.DUPLICATE, Status.CONFLICT,
    ]  # fmt: skip
    (stored,) = store.links_touching([A], Direction.DOWNSTREAM)
    assert stored.kind == "TRIGGER" and stored.tags == {"x": "1"}
