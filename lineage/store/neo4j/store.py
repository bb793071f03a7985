"""The Neo4j backend: events as nodes, links as typed relationships, chains as summary nodes.

Model (every statement is a static file under `cypher/`, see `queries`):

- `(:Event:<SubjectLabel> {id, type, subjectType, ..., digest, body})`: the flat record of
  `lineage.store.codec`, plus one label from the fixed whitelist `SUBJECT_LABELS`.
- `(:Event:Placeholder {id})`: a link endpoint whose event has not arrived. When it arrives, the
  placeholder becomes the event in place (REMOVE :Placeholder, SET its subject label and
  record), keeping its relationships.
- Links: `[:PATH]`, `[:RELATION {kind}]`, `[:END]` between event nodes; START links as
  `(:Chain)-[:STARTS_WITH]->(:Event)` and every END link with a chainId mirrored as
  `(:Chain)-[:ENDS_WITH]->(:Event)`, all carrying id, chainId, timestamp, tags, inferred, digest
  and kind. A START link without chainId hangs from the anchor chain node `(:Chain {id: ''})`,
  which never gets a summary.
- `(:Chain {id, eventCount, startedAt, endedAt, complete, startId, endId, sortTs, eventTypes})`:
  the summary of each touched chain, recomputed inside the write transaction with the rules of
  the embedded store.

Writes: one `execute_write` transaction per `write`, `UNWIND` batches of at most `CHUNK` rows,
nodes before relationships, everything with MERGE backed by uniqueness constraints (events and
placeholders on `event_id`, chains on `chain_id`; relationships by id between their two locked
endpoints), so writers in several processes store each id once; nothing stored is ever
overwritten (ON CREATE SET only). Reads run in `execute_read`, writes in `execute_write` (the
driver retries transient errors and routes on a cluster), and one bookmark manager per store
makes a read see the writes this store made before it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, ClassVar, Final, TypeVar

from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    Session,
)

from lineage.model import (
    ChainSummary,
    Direction,
    Event,
    Link,
    LinkType,
    format_timestamp,
    link_order,
)
from lineage.model.commit import MIN_HASH_LENGTH
from lineage.model.fact import Fact
from lineage.store.codec import (
    event_from_record,
    event_record,
    link_from_record,
    link_record,
    parse_time,
)
from lineage.store.cursor import decode_cursor, encode_cursor
from lineage.store.neo4j import facts as fact_nodes
from lineage.store.neo4j import queries
from lineage.store.neo4j.delivery import Neo4jDelivery, prepare_derivations
from lineage.store.neo4j.livestate import Neo4jLiveState
from lineage.store.neo4j.pipelines import Neo4jPipelines
from lineage.store.neo4j.stages import Neo4jStages
from lineage.store.neo4j.traces import Neo4jTraces, commit_facts_of, deployment_sources_of
from lineage.store.protocol import (
    ChainFilter,
    ChainGraph,
    EventFilter,
    Existing,
    Page,
    StoreStats,
    Walk,
)
from lineage.store.traces import CommitTrace, TraceWalk
from lineage.store.walk import BreadthFirst

R = TypeVar("R")
T = TypeVar("T")
Row = dict[str, Any]

#: Rows per UNWIND batch.
CHUNK = 5000
#: Upper bound of the fixed-width timestamp text, for open ranges and first-page cursors.
OPEN_END: Final = "\uffff"
#: Server notifications not logged: "unrecognized" names (a property no record wrote yet).
_QUIET: Final = [NotificationDisabledClassification.UNRECOGNIZED]
#: How long opening a store waits for its indexes to come online (an index a newer version
#: adds to a large store is filled in the background: minutes for millions of nodes).
INDEX_WAIT_SECONDS: Final = 1800

#: The only second labels an event node can get: subject type (as parsed) -> label.
SUBJECT_LABELS: Final[dict[str, str]] = {
    "artifact": "Artifact",
    "branch": "Branch",
    "build": "Build",
    "change": "Change",
    "environment": "Environment",
    "incident": "Incident",
    "pipelineRun": "PipelineRun",
    "repository": "Repository",
    "service": "Service",
    "taskRun": "TaskRun",
    "testCaseRun": "TestCaseRun",
    "testOutput": "TestOutput",
    "testSuiteRun": "TestSuiteRun",
    "ticket": "Ticket",
}
#: Label of custom (`dev.cdeventsx.*`) and any other subject outside the catalogue.
CUSTOM_LABEL: Final = "CustomSubject"

#: The statement that stores events of each label (labels cannot be parameters).
EVENT_WRITER_STATEMENTS: Final[dict[str, str]] = {
    "Artifact": "write_events_artifact",
    "Branch": "write_events_branch",
    "Build": "write_events_build",
    "Change": "write_events_change",
    "CustomSubject": "write_events_customsubject",
    "Environment": "write_events_environment",
    "Incident": "write_events_incident",
    "PipelineRun": "write_events_pipelinerun",
    "Repository": "write_events_repository",
    "Service": "write_events_service",
    "TaskRun": "write_events_taskrun",
    "TestCaseRun": "write_events_testcaserun",
    "TestOutput": "write_events_testoutput",
    "TestSuiteRun": "write_events_testsuiterun",
    "Ticket": "write_events_ticket",
}

#: The statement that stores links of each type.
LINK_WRITER_STATEMENTS: Final[dict[LinkType, str]] = {
    LinkType.START: "write_links_start",
    LinkType.END: "write_links_end",
    LinkType.PATH: "write_links_path",
    LinkType.RELATION: "write_links_relation",
}

#: Relationship type holding each link type.
RELATIONSHIP_TYPES: Final[dict[LinkType, str]] = {
    LinkType.START: "STARTS_WITH",
    LinkType.END: "END",
    LinkType.PATH: "PATH",
    LinkType.RELATION: "RELATION",
}

#: Constraints and indexes, created idempotently by `init_schema`.
SCHEMA_STATEMENTS: Final = (
    "constraint_event_id",
    "constraint_chain_id",
    "index_event_chain_id",
    "index_event_subject_id",
    "index_event_type",
    "index_event_timestamp",
    "index_chain_sort_ts",
    "drop_index_path_id",
    "constraint_path_link_id",
    "index_path_chain_id",
    "drop_index_relation_id",
    "constraint_relation_link_id",
    "index_relation_chain_id",
    "drop_index_end_id",
    "constraint_end_link_id",
    "index_end_chain_id",
    "drop_index_starts_with_id",
    "constraint_starts_with_link_id",
    "constraint_fact_key",
)

#: (page, total) statements of find_events, by the index they are anchored on.
FIND_EVENTS_STATEMENTS: Final[dict[str, tuple[str, str]]] = {
    "chain": ("find_events_by_chain", "count_events_by_chain"),
    "subject": ("find_events_by_subject", "count_events_by_subject"),
    "type": ("find_events_by_type", "count_events_by_type"),
    "time": ("find_events_by_time", "count_events_by_time"),
}

#: links_touching statement of each direction.
TOUCHING_STATEMENTS: Final[dict[Direction, str]] = {
    Direction.DOWNSTREAM: "links_touching_downstream",
    Direction.UPSTREAM: "links_touching_upstream",
    Direction.BOTH: "links_touching_both",
}

#: walk statement of each direction: each takes up to `WALK_LEVELS` levels in one round trip.
WALK_STATEMENTS: Final[dict[Direction, str]] = {
    Direction.DOWNSTREAM: "walk_downstream",
    Direction.UPSTREAM: "walk_upstream",
    Direction.BOTH: "walk_both",
}
#: Levels one walk statement takes (they are written out in the files).
WALK_LEVELS: Final = 10

#: Relationship properties of a link (its flat record without type and endpoints).
_LINK_PROPERTIES: Final = ("id", "chainId", "timestamp", "tags", "inferred", "digest", "kind")


def subject_label(subject_type: str) -> str:
    """The whitelisted label of a subject type (`CustomSubject` for anything else)."""
    return SUBJECT_LABELS.get(subject_type, CUSTOM_LABEL)


class Neo4jStore(Neo4jDelivery, Neo4jTraces, Neo4jLiveState, Neo4jPipelines, Neo4jStages):
    """A lineage store in a Neo4j database (or anything speaking Bolt and Neo4j's Cypher)."""

    #: (uri, database) pairs whose schema this process has made sure of.
    _schema_done: ClassVar[set[tuple[str, str]]] = set()
    _schema_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        uri: str,
        username: str = "neo4j",
        password: str | None = None,
        database: str = "neo4j",
    ) -> None:
        auth = (username, password) if password is not None else None
        self.uri = uri
        self.database = database
        # A property or label no record has written yet is no mistake of ours (a new or older
        # store): without this, the driver logs a warning per statement naming one.
        self._driver: Driver = GraphDatabase.driver(
            uri, auth=auth, notifications_disabled_classifications=_QUIET
        )
        # Every session of this store shares one bookmark manager: on a cluster (neo4j://) a
        # read routed to a follower waits until that member has this process's last write.
        self._bookmarks = GraphDatabase.bookmark_manager()
        self._closed = False

    @classmethod
    def from_environment(cls, uri: str) -> Neo4jStore:
        """Connect to `uri` with NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE."""
        return cls(
            uri,
            username=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD"),
            database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        )

    # -- schema and maintenance ----------------------------------------------------------------

    def init_schema(self) -> None:
        """Create the constraints and indexes if they do not exist and wait until they are online
        (statements hint them), mark an empty store's derived kinds done, and derive the delivery
        events of a store written before they existed (idempotent)."""
        with self._schema_lock, self._session() as session:
            for name in (*SCHEMA_STATEMENTS, *fact_nodes.FACT_SCHEMA_STATEMENTS):
                session.run(queries.load(name)).consume()
            session.run(queries.load("await_indexes"), seconds=INDEX_WAIT_SECONDS).consume()
            prepare_derivations(session)  # an empty store, or one written before they existed
            self._schema_done.add((self.uri, self.database))

    def clear(self) -> None:
        """Delete every node and relationship; the schema stays (and the empty store has every
        derived kind: the derivation markers are written again)."""
        self._ensure_schema()
        with self._session() as session:
            session.execute_write(lambda tx: _run(tx, "delete_everything"))
            prepare_derivations(session)

    def check_writable(self) -> None:
        """Raise the driver's error unless a write transaction runs now; nothing is written."""
        self._ensure_schema()
        with self._session() as session:
            session.execute_write(lambda tx: _run(tx, "write_probe"))

    def close(self) -> None:
        """Release connections and files (a closed store refuses further calls)."""
        if not self._closed:
            self._closed = True
            self._driver.close()

    # -- writes ----------------------------------------------------------------------------------

    def event_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given event id that is stored."""
        rows = self._read(lambda tx: _rows_in(tx, "event_digests", ids))
        return {row["id"]: row["digest"] for row in rows}

    def link_digests(self, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given link id that is stored."""
        rows = self._read(lambda tx: _rows_in(tx, "link_digests", ids))
        return {row["id"]: row["digest"] for row in rows}

    def fact_digests(self, kind: str, ids: Sequence[str]) -> dict[str, str]:
        """Digest of each given fact id of `kind` that is stored."""
        unique = _distinct(ids)
        rows = self._read(lambda tx: _rows(tx, "fact_digests", kind=kind, ids=unique))
        return {row["id"]: row["digest"] for row in rows}

    def write(
        self, events: Sequence[Event], links: Sequence[Link], facts: Sequence[Fact] = ()
    ) -> Existing:
        """Durably store new events, links and facts in one transaction; existing ids stay and
        the answer names them.

        The transaction function is idempotent, so the driver may retry it (transient errors,
        deadlocks between concurrent writers). Concurrent writers of one id, in this process or
        another, meet at the uniqueness constraint's lock: MERGE makes one of them create the
        node and the other find it.
        """
        if not events and not links and not facts:
            return Existing()
        facts_by_kind = fact_nodes.group_by_kind(facts)
        for link in links:
            _check_endpoints(link)
        event_records: dict[str, Row] = {}
        for event in events:
            event_records.setdefault(event.id, event_record(event))
        link_records: dict[str, Row] = {}
        for link in links:
            link_records.setdefault(link.id, link_record(link))
        self._ensure_schema()
        with self._session() as session:
            return session.execute_write(_write_batch, event_records, link_records, facts_by_kind)

    # -- reads -----------------------------------------------------------------------------------

    def get_events(self, ids: Sequence[str]) -> dict[str, Event]:
        """The stored events among `ids` (placeholders are absent)."""
        rows = self._read(lambda tx: _rows_in(tx, "get_events", ids))
        return {row["id"]: event_from_record(row) for row in rows}

    def latest_events_about(self, subject_ids: Sequence[str]) -> dict[str, Event]:
        """For each of `subject_ids` that events are about, the newest (timestamp, id) of them."""
        rows = self._read(lambda tx: _rows_in(tx, "latest_events_about", subject_ids))
        return {row["subjectId"]: event_from_record(row) for row in rows}

    def chain_events(self, chain_id: str) -> list[Event]:
        """Events of a chain (own chainId, or joined to it by a link of that chain), by time."""
        rows = self._read(lambda tx: _rows(tx, "chain_events", chainId=chain_id))
        return [event_from_record(row) for row in rows]

    def chain_links(self, chain_id: str) -> list[Link]:
        """Links that carry this chainId."""
        rows = self._read(lambda tx: _rows(tx, "chain_links", chainId=chain_id))
        return sorted((link_from_record(row) for row in rows), key=link_order)

    def chain_path_links(self, chain_ids: Sequence[str]) -> list[Link]:
        """The PATH links carrying any of `chain_ids`, in link order (one statement per chunk)."""
        if not chain_ids:
            return []
        rows = self._read(lambda tx: _rows_in(tx, "chain_path_links", chain_ids))
        found = {row["id"]: link_from_record(row) for row in rows}
        return sorted(found.values(), key=link_order)

    def chain_graph(self, chain_id: str, max_events: int | None = None) -> ChainGraph:
        """A chain's events, its links and every link touching its members, in one statement;
        with `max_events`, only the count of its events (`oversized`) if it has more than that."""
        cap = -1 if max_events is None else max_events
        row = self._read(lambda tx: _rows(tx, "chain_graph", chainId=chain_id, maxEvents=cap))[0]
        if max_events is not None and row["eventCount"] > max_events:
            return ChainGraph([], [], [], oversized=int(row["eventCount"]))
        events = sorted(
            (event_from_record(record) for record in row["events"]),
            key=lambda event: (event.timestamp, event.id),
        )
        touching: dict[str, Link] = {}
        for record in row["links"]:
            touching.setdefault(record["id"], link_from_record(record))
        around = sorted(touching.values(), key=link_order)
        own = [link for link in around if link.chain_id == chain_id]
        return ChainGraph(events, own, around)

    def links_touching(
        self,
        ids: Sequence[str],
        direction: Direction,
        types: Sequence[LinkType] = (),
        include_inferred: bool = True,
    ) -> list[Link]:
        """Links leaving (DOWNSTREAM), entering (UPSTREAM) or touching (BOTH) any of `ids`."""
        rel_types = [RELATIONSHIP_TYPES[t] for t in (types or RELATIONSHIP_TYPES)]
        name = TOUCHING_STATEMENTS[direction]

        def work(tx: ManagedTransaction) -> list[Row]:
            return _rows_in(
                tx, name, ids, relTypes=sorted(set(rel_types)), includeInferred=include_inferred
            )

        found: dict[str, Link] = {}
        for row in self._read(work):
            found.setdefault(row["id"], link_from_record(row))
        return sorted(found.values(), key=link_order)

    def walk(
        self,
        roots: Sequence[str],
        direction: Direction,
        max_depth: int,
        limit: int,
        types: Sequence[LinkType] = (),
        include_inferred: bool = True,
        skipped_inferred_kinds: Sequence[str] = (),
    ) -> Walk:
        """The breadth-first walk of `lineage.store.walk`: one statement per `WALK_LEVELS` levels
        (so one for any traverse), which also brings the records of the ids reached."""
        walker = BreadthFirst(roots, direction, limit, skipped_inferred_kinds)
        params = _walk_params(walker, types, include_inferred, skipped_inferred_kinds)
        return self._walk_on(walker, max_depth, params, None)

    def commit_trace(self, prefix: str, candidates: int, walk: TraceWalk | None) -> CommitTrace:
        """The commit a hash prefix names and what its trace needs: one statement, which also
        takes the walk's first `WALK_LEVELS` levels (a deeper walk goes on as `walk` does)."""
        types = walk.types if walk is not None else ()
        wanted = [RELATIONSHIP_TYPES[t] for t in (types or RELATIONSHIP_TYPES)]
        params: dict[str, Any] = {
            "prefix": prefix,
            "candidates": candidates,
            "abbreviations": [prefix[:n] for n in range(MIN_HASH_LENGTH, len(prefix) + 1)],
            "minLength": MIN_HASH_LENGTH,
            "deployments": walk is not None,
            "levels": min(WALK_LEVELS, max(walk.max_depth, 0)) if walk is not None else 0,
            "maxEvents": walk.max_events if walk is not None else 0,
            "relTypes": sorted(set(wanted)),
            "includeInferred": walk.include_inferred if walk is not None else True,
            "skippedKinds": sorted(set(walk.skipped_inferred_kinds if walk else ())),
        }
        row = self._read(lambda tx: _rows(tx, "commit_trace", **params))[0]
        longer: list[str] = row["longer"]
        aliases = sorted(row["aliases"], key=lambda h: (-len(h), h))
        shorter = sorted(row["shorter"], key=lambda h: (-len(h), h))
        facts = commit_facts_of(row)
        if walk is None:
            return CommitTrace(longer, shorter, aliases, facts, None, None)
        sources = deployment_sources_of(row, "sourceMentions")
        roots = list(dict.fromkeys(m.event_id for m in sources.mentions))
        walker = BreadthFirst(
            roots,
            Direction.DOWNSTREAM,
            max(0, walk.max_events - len(roots)),
            walk.skipped_inferred_kinds,
        )
        params = _walk_params(
            walker, walk.types, walk.include_inferred, walk.skipped_inferred_kinds
        )
        reached = self._walk_on(walker, walk.max_depth, params, row)
        return CommitTrace(longer, shorter, aliases, facts, sources, reached)

    def _walk_on(
        self, walker: BreadthFirst, max_depth: int, params: dict[str, Any], fetched: Row | None
    ) -> Walk:
        """Take `walker` to `max_depth`, `WALK_LEVELS` levels per statement. `fetched`, if
        given, is the answer of a statement that already took the first levels as the walk
        statement with `withStart` would (links and nodes)."""
        nodes: dict[str, Row] = {}
        first = True
        while first or (not walker.done and walker.level < max_depth):
            levels = 0 if walker.done else min(WALK_LEVELS, max(max_depth - walker.level, 0))
            if first and fetched is not None:
                row = fetched
            else:
                call = {
                    **params,
                    "frontier": list(walker.frontier),
                    "seen": list(walker.depth),
                    "levels": levels,
                    "withStart": first,
                }
                row = self._first_row(WALK_STATEMENTS[walker.direction], call)
            first = False
            for record in row["nodes"]:
                nodes.setdefault(record["id"], record)
            pool = _by_endpoint(link_from_record(record) for record in row["links"])
            for _ in range(levels):
                if walker.done:
                    break
                walker.step(link for i in walker.frontier for link in pool.get(i, ()))
        events = {
            i: event_from_record(nodes[i])
            for i in walker.depth
            if i in nodes and not nodes[i]["placeholder"]
        }
        placeholders = frozenset(i for i in walker.depth if i in nodes and nodes[i]["placeholder"])
        return Walk(
            walker.depth, list(walker.followed.values()), walker.truncated, events, placeholders
        )

    def find_events(self, filter: EventFilter, first: int, after: str | None) -> Page[Event]:
        """Events matching `filter` in (timestamp, id) order, after the keyset cursor `after`."""
        after_ts, after_id = decode_cursor(after, 2) if after is not None else ("", "")
        page_name, count_name = FIND_EVENTS_STATEMENTS[_event_anchor(filter)]
        params = _event_filter_params(filter)

        def work(tx: ManagedTransaction) -> tuple[int, list[Row]]:
            total = _rows(tx, count_name, **params)[0]["total"]
            rows = _rows(
                tx, page_name, **params, afterTs=after_ts, afterId=after_id, limit=first + 1
            )
            return int(total), rows

        total_count, rows = self._read(work)
        items = [event_from_record(row) for row in rows[:first]]
        cursors = [encode_cursor(row["timestamp"], row["id"]) for row in rows[:first]]
        return Page(
            items, len(rows) > first, cursors[-1] if cursors else None, total_count, cursors
        )

    def chain_summaries(self, ids: Sequence[str]) -> dict[str, ChainSummary]:
        """Summaries of the given chains that exist."""
        rows = self._read(lambda tx: _rows_in(tx, "chain_summaries", ids))
        return {row["id"]: _chain(row) for row in rows}

    def find_chains(self, filter: ChainFilter, first: int, after: str | None) -> Page[ChainSummary]:
        """Chains matching `filter`, most recently active first, after the keyset cursor `after`."""
        after_ts, after_id = decode_cursor(after, 2) if after is not None else (OPEN_END, "")
        params: dict[str, Any] = {
            "complete": filter.complete,
            "since": _ts(filter.since),
            "until": _ts(filter.until),
            "eventType": filter.event_type,
        }

        def work(tx: ManagedTransaction) -> tuple[int, list[Row]]:
            total = _rows(tx, "count_chains", **params)[0]["total"]
            rows = _rows(
                tx,
                "find_chains",
                **params,
                afterSortTs=after_ts,
                afterId=after_id,
                limit=first + 1,
            )
            return int(total), rows

        total_count, rows = self._read(work)
        items = [_chain(row) for row in rows[:first]]
        cursors = [encode_cursor(row["sortTs"], row["id"]) for row in rows[:first]]
        return Page(
            items, len(rows) > first, cursors[-1] if cursors else None, total_count, cursors
        )

    def placeholder_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are referenced by a link but have no stored event."""
        rows = self._read(lambda tx: _rows_in(tx, "placeholder_ids", ids))
        return {row["id"] for row in rows}

    def event_types(self, prefixes: Sequence[str]) -> list[str]:
        """The distinct stored event types starting with any of `prefixes`, in text order."""
        wanted = list(dict.fromkeys(prefixes))
        if not wanted:
            return []
        rows = self._read(lambda tx: _rows(tx, "event_types_with_prefix", prefixes=wanted))
        return sorted({row["type"] for row in rows})

    def stats(self) -> StoreStats:
        """Counts of what is stored."""
        row = self._read(lambda tx: _rows(tx, "stats"))[0]
        return StoreStats(
            events=int(row["events"]),
            links=int(row["links"]),
            chains=int(row["chains"]),
            placeholders=int(row["placeholders"]),
        )

    # -- plumbing --------------------------------------------------------------------------------

    def _session(self) -> Session:
        if self._closed:
            raise RuntimeError(f"the Neo4j store at {self.uri} ({self.database}) is closed")
        return self._driver.session(database=self.database, bookmark_manager=self._bookmarks)

    def _ensure_schema(self) -> None:
        """Create the schema on first use (once per server and database in this process)."""
        if (self.uri, self.database) not in self._schema_done:
            self.init_schema()

    def _first_row(self, name: str, params: dict[str, Any]) -> Row:
        """The first row of statement `name` run once in a read transaction."""
        return self._read(lambda tx: _rows(tx, name, **params))[0]

    def _read(self, work: Callable[[ManagedTransaction], R]) -> R:
        """Run `work` in a read transaction (routed to a reader on a cluster; the driver retries
        it on transient errors and leader changes, so `work` must be idempotent)."""
        self._ensure_schema()
        with self._session() as session:
            return session.execute_read(work)


# -- the write transaction -------------------------------------------------------------------------


def _write_batch(
    tx: ManagedTransaction,
    events: dict[str, Row],
    links: dict[str, Row],
    facts: dict[str, list[Fact]],
) -> Existing:
    """Store events and links: events (a placeholder of the id becomes the event), placeholders
    for link endpoints without a node, chains, links, then the summaries of every touched chain,
    then facts. Every node statement MERGEs on a uniqueness constraint and every relationship
    statement MERGEs by id, so this is idempotent (the driver may retry it) and concurrent
    writers store each id once. Answers which ids were stored already (the statements say:
    MERGE found them), so the losers of a race between processes learn they lost.
    """
    # Endpoints among this write's events have their node once the event statements ran, so
    # only the others can need a placeholder.
    endpoints = {
        endpoint
        for record in links.values()
        for endpoint in (record["fromId"], record["toId"])
        if endpoint is not None and endpoint not in events
    }
    # Chains whose summaries this write changes: those of the events and links written, and
    # those of the links around placeholders that became events (the event statements say).
    touched: set[str] = set()
    by_label: dict[str, list[Row]] = {}
    for event_id, record in events.items():
        label = subject_label(record["subjectType"])
        by_label.setdefault(label, []).append({"id": event_id, "props": record})
    for label in sorted(by_label):
        for chunk in _chunks(by_label[label]):
            rows = _rows(tx, EVENT_WRITER_STATEMENTS[label], rows=list(chunk))
            touched.update(row["chainId"] for row in rows)
    existing_events = {row["id"] for row in _rows_in(tx, "existing_events", list(events))}

    _run_in(tx, "write_placeholders", sorted(endpoints))
    anchors = {
        record["chainId"] or ""
        for record in links.values()
        if record["type"] == LinkType.START.value
        or (record["type"] == LinkType.END.value and record["chainId"] is not None)
    }
    _run_in(tx, "write_chains", sorted(anchors))
    rows_by_type: dict[LinkType, list[Row]] = {}
    for record in links.values():
        rows_by_type.setdefault(LinkType(record["type"]), []).append(link_write_row(record))
    existing_links: set[str] = set()
    for link_type in LinkType:
        for chunk in _chunks(rows_by_type.get(link_type, [])):
            rows = _rows(tx, LINK_WRITER_STATEMENTS[link_type], rows=list(chunk))
            existing_links.update(row["id"] for row in rows)

    # Stored links can touch an arriving event only through its placeholder: with the chains
    # the event statements returned, these are all the touched chains.
    touched.update(record["chainId"] for record in events.values())
    touched.update(record["chainId"] for record in links.values())
    _refresh_chains(tx, sorted(chain for chain in touched if chain is not None))
    existing_facts: set[tuple[str, str]] = set()
    for kind, group in facts.items():
        for chunk in _chunks(fact_nodes.fact_rows(group)):
            rows = _rows(tx, "write_facts", rows=list(chunk))
            existing_facts.update((kind, row["id"]) for row in rows)
        fact_nodes.FACT_WRITERS[kind](tx, group)
    return Existing(
        frozenset(existing_events), frozenset(existing_links), frozenset(existing_facts)
    )


def _refresh_chains(tx: ManagedTransaction, chain_ids: list[str]) -> None:
    """Recompute the summaries of `chain_ids` from what the transaction sees now."""
    if not chain_ids:
        return
    members = {
        row["chainId"]: row for row in _rows_in(tx, "chain_member_stats", chain_ids, "chainIds")
    }
    link_stats = {
        row["chainId"]: row for row in _rows_in(tx, "chain_link_stats", chain_ids, "chainIds")
    }
    rows = [
        {"id": chain_id, "summary": _summary(members.get(chain_id), link_stats.get(chain_id))}
        for chain_id in chain_ids
    ]
    _run_batches(tx, "write_chain_summaries", rows)


def _summary(members: Row | None, links: Row | None) -> Row:
    """A chain's summary, by the rules of the embedded store (`EmbeddedStore._refresh_chain`)."""
    count = int(members["eventCount"]) if members else 0
    first_ts = members["startedAt"] if members else None
    last_ts = members["endedAt"] if members else None
    earliest_id = members["earliestId"] if members else None
    start_id = links["startId"] if links else None
    end_id = links["endId"] if links else None
    last_link_ts = (links["lastLinkTs"] or None) if links else None
    sort_ts = max(t for t in (last_ts, last_link_ts, "") if t is not None)
    return {
        "eventCount": count,
        "startedAt": first_ts,
        "endedAt": last_ts,
        "complete": end_id is not None,
        "startId": start_id or earliest_id,
        "endId": end_id,
        "sortTs": sort_ts,
        "eventTypes": sorted(members["eventTypes"]) if members else [],
    }


def link_write_row(record: Row) -> Row:
    """Parameters of one link for the write_links_* statements."""
    return {
        "id": record["id"],
        "fromId": record["fromId"],
        "toId": record["toId"],
        "chainId": record["chainId"],
        "anchor": record["chainId"] or "",
        "props": {key: record[key] for key in _LINK_PROPERTIES},
    }


def _check_endpoints(link: Link) -> None:
    """Refuse a link without the endpoints its type needs (the parser never makes one)."""
    if link.to_id is None or (link.type is not LinkType.START and link.from_id is None):
        raise ValueError(f"{link.type.value} link {link.id} lacks an endpoint: {link!r}")


# -- running statements ----------------------------------------------------------------------------


def _run(tx: ManagedTransaction, name: str, **params: Any) -> None:
    """Run statement `name` for its effect."""
    tx.run(queries.load(name), params).consume()


def _rows(tx: ManagedTransaction, name: str, **params: Any) -> list[Row]:
    """Run statement `name` and return its rows as dicts."""
    return tx.run(queries.load(name), params).data()


def _rows_in(
    tx: ManagedTransaction, name: str, ids: Sequence[str], key: str = "ids", **params: Any
) -> list[Row]:
    """Run statement `name` once per chunk of distinct `ids` (as `$<key>`), collecting rows."""
    rows: list[Row] = []
    for chunk in _chunks(list(dict.fromkeys(ids))):
        rows.extend(_rows(tx, name, **{key: list(chunk)}, **params))
    return rows


def _run_in(tx: ManagedTransaction, name: str, ids: Sequence[str]) -> None:
    """Run statement `name` for its effect once per chunk of `ids` (as `$ids`)."""
    for chunk in _chunks(ids):
        _run(tx, name, ids=list(chunk))


def _run_batches(tx: ManagedTransaction, name: str, rows: Sequence[Row]) -> None:
    """Run statement `name` for its effect once per chunk of `rows` (as `$rows`)."""
    for chunk in _chunks(rows):
        _run(tx, name, rows=list(chunk))


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    """Slices of at most `CHUNK` items (read at call time, so tests can shrink it)."""
    size = CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


# -- conversions -----------------------------------------------------------------------------------


def _event_anchor(filter: EventFilter) -> str:
    """The most selective index for `filter`: chain, subject, type, else time."""
    if filter.chain_id is not None:
        return "chain"
    if filter.subject_id is not None:
        return "subject"
    if filter.types:
        return "type"
    return "time"


def _event_filter_params(filter: EventFilter) -> dict[str, Any]:
    return {
        "since": _ts(filter.since) or "",
        "until": _ts(filter.until) or OPEN_END,
        "types": _distinct(filter.types),
        "subjectTypes": _distinct(filter.subject_types),
        "sources": _distinct(filter.sources),
        "chainId": filter.chain_id,
        "subjectId": filter.subject_id,
    }


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _ts(value: datetime | None) -> str | None:
    return format_timestamp(value) if value is not None else None


def _walk_params(
    walker: BreadthFirst,
    types: Sequence[LinkType],
    include_inferred: bool,
    skipped_inferred_kinds: Sequence[str],
) -> dict[str, Any]:
    """The parameters every walk statement of `walker` takes besides its frontier and levels."""
    wanted = [RELATIONSHIP_TYPES[t] for t in (types or RELATIONSHIP_TYPES)]
    return {
        "relTypes": sorted(set(wanted)),
        "includeInferred": include_inferred,
        "skippedKinds": sorted(set(skipped_inferred_kinds)),
        "maxSeen": walker.roots + max(walker.limit, 0),
    }


def _by_endpoint(links: Iterable[Link]) -> dict[str, list[Link]]:
    """The links touching each id (a link between two ids is listed under both)."""
    found: dict[str, list[Link]] = {}
    for link in links:
        for end in set(link.endpoints()):
            found.setdefault(end, []).append(link)
    return found


def _chain(row: Row) -> ChainSummary:
    return ChainSummary(
        id=row["id"],
        event_count=int(row["eventCount"]),
        started_at=parse_time(row["startedAt"]) if row["startedAt"] else None,
        ended_at=parse_time(row["endedAt"]) if row["endedAt"] else None,
        complete=bool(row["complete"]),
        start_id=row["startId"],
        end_id=row["endId"],
    )
