"""`lineage demo`: a fresh store filled with the deterministic demo scenarios."""

from __future__ import annotations

from pathlib import Path

from lineage.demo import demo_records
from lineage.ingest import Ingestor, IngestReport, SourceRecord
from lineage.store.embedded import EmbeddedStore


def build_demo_store(path: Path, chains: int, seed: int) -> IngestReport:
    """Replace `path` with an embedded store holding `chains` generated delivery chains."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    store = EmbeddedStore(path)
    try:
        records = (
            SourceRecord(f"demo:{i + 1}", raw)
            for i, raw in enumerate(demo_records(chains=chains, seed=seed))
        )
        return Ingestor(store).ingest(records)
    finally:
        store.close()
