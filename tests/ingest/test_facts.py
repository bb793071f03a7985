"""Fact kinds (records other than CDEvents and links) follow the same identity rules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from lineage.ingest import Ingestor, SourceRecord, Status
from lineage.ingest.fact_kinds import FACT_PARSERS
from lineage.model.digest import digest_of
from lineage.model.fact import Fact
from lineage.store import Store
from lineage.store.embedded import facts as embedded_facts
from lineage.store.neo4j import facts as neo4j_facts

projected: list[str] = []


@dataclass(frozen=True)
class Note:
    kind: str
    id: str
    digest: str


def parse_note(raw: dict[str, Any]) -> Note:
    return Note("Note", str(raw["id"]), digest_of(raw))


def project(_: object, facts: Sequence[Fact]) -> None:
    projected.extend(fact.id for fact in facts)


@pytest.fixture(autouse=True)
def note_kind(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(FACT_PARSERS, "Note", parse_note)
    monkeypatch.setitem(embedded_facts.FACT_WRITERS, "Note", project)
    monkeypatch.setitem(neo4j_facts.FACT_WRITERS, "Note", project)
    projected.clear()
    yield


def ingest(store: Store, *raws: Any) -> list[Status]:
    records = [SourceRecord(f"t:{i}", raw) for i, raw in enumerate(raws)]
    return [o.status for o in Ingestor(store).ingest(records, keep_outcomes=True).outcomes]


def test_facts_are_stored_judged_and_projected(store: Store) -> None:
    first = {"kind": "Note", "id": "n1", "text": "hello"}
    assert ingest(store, first, first, {"kind": "Note", "id": "n2"}) == [
        Status.STORED, Status.DUPLICATE, Status.STORED,
    ]  # fmt: skip
    assert ingest(store, first | {"text": "changed"}) == [Status.CONFLICT]
    assert store.fact_digests("Note", ["n1", "n2", "n3"]) == {
        "n1": digest_of(first),
        "n2": digest_of({"kind": "Note", "id": "n2"}),
    }
    assert store.fact_digests("Other", ["n1"]) == {}
    assert projected == ["n1", "n2"]


def test_unknown_kinds_are_rejected_naming_the_known_ones(store: Store) -> None:
    report = Ingestor(store).ingest([SourceRecord("t:1", {"kind": "Spaceship"})])
    (problem,) = report.problems
    assert problem.reason is not None
    assert "unknown record kind 'Spaceship' (known kinds: " in problem.reason
    assert "Note" in problem.reason
