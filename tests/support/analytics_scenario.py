"""A small lineage graph for the analytics tests: a promotion with a chain start, a placeholder,
parallel links between two events, inferred edges, and attribute values that formats find hard."""

from __future__ import annotations

from typing import Any

from lineage.ingest import Ingestor, SourceRecord
from lineage.store import Store
from tests.support.cdevents import cdevent, link
from tests.support.trace_scenarios import PURL, promotion

CHAIN = "chain-promotion"
#: customData nobody should have to think about twice: quotes, backslashes, newlines, markup,
#: non-ASCII, nesting, null, numbers.
AWKWARD: dict[str, Any] = {
    "note": 'say "hi" \\ or <b>&amp;</b>\nline two\ttab ☃',
    "trailing": "ends with a backslash \\",
    "nested": {"list": [1, 2.5, None, True, "x"], "empty": {}},
    "nothing": None,
}


def records() -> list[dict[str, Any]]:
    """The records: events 09:00-09:10 on 2026-01-05, staging at 11:00, prod the next day."""
    return [
        *promotion(),
        link("START", chain=CHAIN, start="merge", ts="2026-01-05T09:00:00Z"),
        link("RELATION", chain=CHAIN, source="build", target="package", kind="PRODUCED",
             ts="2026-01-05T09:06:00Z"),
        link("RELATION", chain=CHAIN, source="dev", target="ticket-7", kind="TICKET",
             ts="2026-01-05T09:10:00Z"),
        cdevent("testsuiterun.finished", "tests", chain=CHAIN, ts="2026-01-05T09:04:00Z",
                subject_id="payments-tests", after=["ci"], custom_data=AWKWARD),
    ]  # fmt: skip


def ingest(store: Store) -> Store:
    """`store` with the scenario ingested."""
    report = Ingestor(store).ingest(SourceRecord(f"t:{i}", r) for i, r in enumerate(records()))
    assert not report.rejected, report
    return store


__all__ = ["AWKWARD", "CHAIN", "PURL", "ingest", "records"]
