"""`lineage demo`: a store of the deterministic demo scenarios; only a demo store is replaced."""

from __future__ import annotations

import itertools
import os
from datetime import UTC, datetime
from pathlib import Path

from lineage.cli.errors import fail
from lineage.demo import HISTORY_WEEKS, demo_live_states, demo_records, history_records
from lineage.ingest import Ingestor, IngestReport, SourceRecord
from lineage.store.embedded import EmbeddedStore
from lineage.store.embedded.probe import FileKind, inspect_store_file, mark_demo_store


def build_demo_store(
    path: Path, chains: int, seed: int, weeks: int = HISTORY_WEEKS
) -> IngestReport:
    """Build an embedded store holding `weeks` weeks of delivery history (incidents, rollbacks,
    hotfixes) and then `chains` generated delivery chains at `path`.

    An existing file is replaced only if it is a demo store (one this command built); the new
    store is built next to it and moved into place, so a failed build leaves the old one.
    """
    verdict = inspect_store_file(path)
    if verdict.kind is FileKind.DIRECTORY:
        fail(f"{path} is a directory; give `lineage demo --store` a file path")
    if verdict.kind is not FileKind.MISSING and not verdict.demo:
        what = "a store holding your data" if verdict.kind is FileKind.STORE else verdict.kind.value
        fail(
            f"{path} is not a demo store ({what}); `lineage demo` only replaces stores it built. "
            "Choose another --store, or delete the file yourself"
        )
    building = path.with_name(path.name + ".building")
    _remove_store_files(building)
    store = EmbeddedStore(building)
    try:
        raw_records = list(
            itertools.chain(
                history_records(weeks=weeks, seed=seed) if weeks > 0 else (),
                demo_records(chains=chains, seed=seed),
            )
        )
        # Live state as of now, so that /applications shows fresh, drifted and stale targets.
        raw_records += demo_live_states(raw_records, datetime.now(UTC).replace(microsecond=0))
        records = (SourceRecord(f"demo:{i + 1}", raw) for i, raw in enumerate(raw_records))
        report = Ingestor(store).ingest(records)
    finally:
        store.close()
    mark_demo_store(building)
    _remove_store_files(path)
    os.replace(building, path)
    return report


def _remove_store_files(path: Path) -> None:
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
