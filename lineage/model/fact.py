"""Facts: records of kinds other than CDEvents and links (PipeCD traces, live state, ...).

How to add a fact kind (each step is a small addition in one place):
1. model: a frozen dataclass with `kind: str`, `id: str` and `digest: str` (the digest covers its
   normalized content, e.g. `lineage.model.digest.digest_of(...)`) — it then satisfies `Fact`.
2. ingest: a parser `dict -> your dataclass` raising `lineage.ingest.RecordError` with a message
   naming the field; register it in `lineage.ingest.fact_kinds.FACT_PARSERS[kind]`. Ingest then
   judges it like an event: new id = stored, same id and digest = duplicate, same id with another
   digest = conflict (the first is kept), via `Store.fact_digests(kind, ids)`.
3. stores: `Store.write(events, links, facts)` records every fact's identity generically
   (embedded: table `facts`; Neo4j: `(:Fact {kind, id, digest})`) and hands each kind's new facts
   to its registered projection writer: embedded `lineage.store.embedded.facts.FACT_WRITERS`
   (+ tables in `FACT_DDL`), Neo4j `lineage.store.neo4j.facts.FACT_WRITERS` (+ constraint/index
   statement names in `FACT_SCHEMA_STATEMENTS`). Reads are the kind's own protocol methods.
"""

from __future__ import annotations

from typing import Protocol


class Fact(Protocol):
    """A record identified by (`kind`, `id`) whose `digest` tells duplicates from conflicts."""

    @property
    def kind(self) -> str:
        """The record kind, as in the raw record's `kind` field (e.g. "DeploymentTrace")."""
        ...

    @property
    def id(self) -> str:
        """Identity of the record within its kind."""
        ...

    @property
    def digest(self) -> str:
        """Digest of the record's normalized content."""
        ...
