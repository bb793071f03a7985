"""Facts in Neo4j: every fact is a `(:Fact {kind, id, digest})` node plus per-kind projections.

The `:Fact` node carries the identity ingest judges by (`fact_digests.cypher`); each fact kind
registers a writer (`FACT_WRITERS`) that adds its own label, properties and relationships to that
node (and any other nodes it needs) with its own static statements, inside the write transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from neo4j import ManagedTransaction

from lineage.model.fact import Fact
from lineage.store.neo4j import delivery, livestate, pipelines, stages

FactWriter = Callable[[ManagedTransaction, Sequence[Fact]], None]

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

#: Names of extra statements (constraints, indexes) each fact kind needs at schema set-up.
FACT_SCHEMA_STATEMENTS: list[str] = [
    *livestate.LIVESTATE_SCHEMA_STATEMENTS,
    *pipelines.PIPELINE_SCHEMA_STATEMENTS,
    *stages.STAGE_SCHEMA_STATEMENTS,
    *delivery.DELIVERY_SCHEMA_STATEMENTS,
]


def fact_rows(facts: Sequence[Fact]) -> list[dict[str, str]]:
    """The identity rows written to `(:Fact)` nodes by `write_facts.cypher`."""
    return [{"kind": f.kind, "id": f.id, "digest": f.digest} for f in facts]


def group_by_kind(facts: Sequence[Fact]) -> dict[str, list[Fact]]:
    """Facts grouped by kind, refusing kinds that have no Neo4j writer."""
    by_kind: dict[str, list[Fact]] = {}
    for fact in facts:
        by_kind.setdefault(fact.kind, []).append(fact)
    unknown = sorted(set(by_kind) - set(FACT_WRITERS))
    if unknown:
        raise ValueError(f"no Neo4j writer for fact kind(s): {', '.join(unknown)}")
    return by_kind
