"""The 46 CDEvents v0.5.1 conformance examples: valid, round-tripping, and their id conflicts."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from lineage.ingest import Ingestor, Status, parse_record, read_records
from lineage.model import Event, normalize_id
from lineage.store import Store
from tests.conftest import SPEC_DIR, StoreFactory

EXAMPLES = [
    *sorted((SPEC_DIR / "examples").glob("*.json")),
    SPEC_DIR / "examples" / "custom" / "conformance.json",
]


def test_there_are_46_examples() -> None:
    assert len(EXAMPLES) == 46


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_parses_into_its_type(path: Path) -> None:
    raw = orjson.loads(path.read_bytes())
    event = parse_record(raw)
    assert isinstance(event, Event)
    assert event.type == raw["context"]["type"]
    assert event.subject_id == raw["subject"]["id"]


def test_each_example_round_trips(store_factory: StoreFactory) -> None:
    for path in EXAMPLES:
        store = store_factory()
        raw = orjson.loads(path.read_bytes())
        report = Ingestor(store).ingest(read_records(path))
        assert report.counts == {Status.STORED: 1}, path.name
        event_id = normalize_id(raw["context"]["id"])
        stored = store.get_events([event_id])[event_id]
        assert stored.type == raw["context"]["type"], path.name
        assert stored.source == raw["context"]["source"]
        assert stored.subject_id == raw["subject"]["id"]
        assert stored.subject_content == raw["subject"].get("content", {})
        assert stored.custom_data == raw.get("customData")


def test_ingesting_all_reports_conflicts_and_keeps_the_first(store: Store) -> None:
    report = Ingestor(store).ingest(
        record for path in EXAMPLES for record in read_records(path)
    )
    first_by_id: dict[str, dict[str, object]] = {}
    for path in EXAMPLES:
        raw = orjson.loads(path.read_bytes())
        first_by_id.setdefault(normalize_id(raw["context"]["id"]), raw)
    assert report.counts[Status.STORED] == len(first_by_id) == 2
    assert report.counts[Status.CONFLICT] == 44
    assert not report.rejected
    assert all("already stored with different content" in str(c.reason) for c in report.conflicts)
    assert {c.origin.split("/")[-1] for c in report.conflicts} >= {"build_finished.json:1"}
    stored = store.get_events(list(first_by_id))
    for event_id, raw in first_by_id.items():
        assert stored[event_id].type == raw["context"]["type"]  # type: ignore[index]
