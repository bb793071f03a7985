"""Digests and link ids never change: stores written by earlier versions must still recognize
re-delivered records as duplicates (and the Neo4j backend stores the same values).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lineage.ingest import RecordError, parse_record

#: sha256 of `_fingerprints` over the spec examples and a sloppy demo stream, as computed by the
#: first version of ingest (before the bulk-path optimizations). Never update it to make a test
#: pass: a change here means stored digests no longer match what ingest computes.
GOLDEN = "3196ae27e48908064505e3ba56510bf6806b07c71efb33378b343c85294aa7f2"
#: The sloppy demo stream the golden was computed over: `sloppy_records(demo_records(chains=40,
#: seed=3), seed=5)` as the generator wrote it then, frozen, so the demo may grow new habits
#: without moving what this test pins.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SLOPPY_STREAM = FIXTURES / "digest_stability" / "sloppy_demo_v1.jsonl.gz"


def _fingerprints(records: Iterable[Any]) -> list[str]:
    lines = []
    for raw in records:
        try:
            item = parse_record(raw)
        except RecordError as exc:
            lines.append(f"rejected: {exc}")
            continue
        links = " ".join(f"{x.id}:{x.digest}" for x in getattr(item, "links", ()))
        lines.append(f"{type(item).__name__} {item.id} {item.digest} {links}")
    return lines


def test_digests_ids_and_messages_match_the_first_version(spec_dir: Path) -> None:
    spec = [json.loads(p.read_text()) for p in sorted((spec_dir / "examples").glob("*.json"))]
    with gzip.open(SLOPPY_STREAM, "rt", encoding="utf-8") as stream:
        sloppy = [json.loads(line) for line in stream]
    lines = _fingerprints(spec) + _fingerprints(sloppy)
    assert hashlib.sha256("\n".join(lines).encode()).hexdigest() == GOLDEN
