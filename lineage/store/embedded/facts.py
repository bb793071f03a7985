"""Facts in the embedded store: one identity table for every kind, plus per-kind projections.

`facts (kind, id, digest)` is where ingest's identity rule looks (`fact_digests`). Each fact kind
registers its own tables (`FACT_DDL`) and a writer (`FACT_WRITERS`) that projects new facts of
that kind into them inside the same write transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from lineage.model.fact import Fact
from lineage.store.embedded import delivery, livestate, pipelines, stages

FactWriter = Callable[[sqlite3.Cursor, Sequence[Fact]], None]

FACTS_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS facts (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        digest TEXT NOT NULL,
        PRIMARY KEY (kind, id)) WITHOUT ROWID""",
)
INSERT_FACT = "INSERT OR IGNORE INTO facts (kind, id, digest) VALUES (?, ?, ?)"

#: Per-kind tables and indexes, created when a store opens. Each fact kind adds its statements.
FACT_DDL: list[str] = [*livestate.DDL, *pipelines.DDL, *stages.DDL, *delivery.DDL]

#: `kind` -> writer projecting new facts of that kind. Each fact kind adds its writer.
FACT_WRITERS: dict[str, FactWriter] = {
    "ApplicationLiveState": livestate.write_live_states,
    "PipelineExecution": pipelines.write_revisions,
    "PipelineRunEvent": pipelines.write_run_events,
    "ChainStages": stages.write_chain_stages,
    "DeliveryEvent": delivery.write_delivery_events,
    "UpstreamCommits": delivery.write_upstream_commits,
    "Derivation": delivery.write_derivations,
}


def write_facts(cursor: sqlite3.Cursor, facts: Sequence[Fact]) -> None:
    """Record the identity of new facts and project each kind into its own tables."""
    if not facts:
        return
    by_kind: dict[str, list[Fact]] = {}
    for fact in facts:
        by_kind.setdefault(fact.kind, []).append(fact)
    unknown = sorted(set(by_kind) - set(FACT_WRITERS))
    if unknown:
        raise ValueError(f"no embedded-store writer for fact kind(s): {', '.join(unknown)}")
    cursor.executemany(INSERT_FACT, [(f.kind, f.id, f.digest) for f in facts])
    for kind, group in by_kind.items():
        FACT_WRITERS[kind](cursor, group)
