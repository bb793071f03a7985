"""Property: the same records in any order, delivered any number of times, give the same graph."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lineage.ingest import Ingestor, SourceRecord, Status
from tests.conftest import StoreFactory
from tests.support.cdevents import cdevent, link
from tests.support.snapshot import snapshot

C1 = "c1c1c1c1-0000-4000-8000-0000000000c1"
C2 = "c2c2c2c2-0000-4000-8000-0000000000c2"
E = [f"e{i}e{i}e{i}e{i}-0000-4000-8000-00000000000{i}" for i in range(8)]

# Two chains: a fan-out in C1 announced by standalone links, an event without chainId joined
# by a link, a RELATION to an event nobody sends (stays a placeholder), and chain C2 ending.
RECORDS: list[dict[str, Any]] = [
    link("START", chain=C1, start=E[0], ts="2026-01-05T08:59:59Z"),
    cdevent("change.merged", E[0], chain=C1, ts="2026-01-05T09:00:00Z"),
    cdevent("build.started", E[1], chain=C1, ts="2026-01-05T09:01:00Z", after=[E[0]]),
    cdevent("build.started", E[2], chain=C1, ts="2026-01-05T09:01:30Z"),
    link("PATH", chain=C1, from_=E[0], to=E[2], ts="2026-01-05T09:01:30Z"),
    cdevent("build.finished", E[3], ts="2026-01-05T09:04:00Z"),
    link("PATH", chain=C1, from_=E[1], to=E[3], ts="2026-01-05T09:04:00Z"),
    link("PATH", chain=C1, from_=E[2], to=E[3], ts="2026-01-05T09:04:00Z", tags={"os": "sles"}),
    cdevent("pipelinerun.started", E[4], chain=C2, ts="2026-01-05T10:00:00Z",
            relations=[("TRIGGER", E[7])]),
    cdevent("pipelinerun.finished", E[5], chain=C2, ts="2026-01-05T10:30:00Z",
            after=[E[4]], end_after=E[4]),
]  # fmt: skip


def reencoded(record: dict[str, Any]) -> dict[str, Any]:
    """The same record as a sloppier producer would send it: upper-case UUIDs, +02:00 offsets."""
    text = repr(record)
    for uuid in (*E, C1, C2):
        text = text.replace(uuid, uuid.upper())
    copy: dict[str, Any] = eval(text)  # repr of plain dicts/strings round-trips
    stamp = copy.get("context", copy)
    if stamp.get("timestamp", "").endswith(":00Z"):
        hour = int(stamp["timestamp"][11:13])
        when = stamp["timestamp"]
        stamp["timestamp"] = f"{when[:11]}{hour + 2:02d}{when[13:-1]}+02:00"
    return copy


def ingest_all(factory: StoreFactory, records: list[dict[str, Any]], batch: int) -> Any:
    store = factory()
    sources = [SourceRecord(f"r:{i}", r) for i, r in enumerate(records)]
    report = Ingestor(store, batch_size=batch).ingest(sources)
    assert not report.problems, report.problems
    return snapshot(store), report


deliveries = st.lists(
    st.tuples(st.integers(0, len(RECORDS) - 1), st.booleans()), min_size=len(RECORDS), max_size=30
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order=st.permutations(range(len(RECORDS))),
    extra=deliveries,
    batch=st.sampled_from([1, 3, 1000]),
)
def test_any_order_and_any_repetition_give_the_same_graph(
    store_factory: StoreFactory, order: list[int], extra: list[tuple[int, bool]], batch: int
) -> None:
    expected, _ = ingest_all(store_factory, RECORDS, 1000)
    stream = [RECORDS[i] for i in order]
    for index, sloppy in extra:
        record = reencoded(RECORDS[index]) if sloppy else RECORDS[index]
        stream.insert(index % (len(stream) + 1), record)
    actual, report = ingest_all(store_factory, stream, batch)
    assert actual == expected
    assert report.counts[Status.STORED] == len(RECORDS)
    assert report.counts[Status.DUPLICATE] == len(stream) - len(RECORDS)


def test_the_fixture_graph_has_what_the_property_relies_on(store_factory: StoreFactory) -> None:
    picture, _ = ingest_all(store_factory, RECORDS, 1000)
    assert len(picture["events"]) == 6
    assert picture["placeholders"] == [E[7]]
    chains = {c["id"]: c for c in picture["chains"]}
    assert chains[C1]["event_count"] == 4 and not chains[C1]["complete"]
    assert chains[C2]["complete"] and chains[C2]["end_id"] == E[5]
