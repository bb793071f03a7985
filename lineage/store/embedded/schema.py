"""SQL of the embedded store: tables, indexes, and the statements the store runs."""

from __future__ import annotations

SCHEMA_VERSION = 8

#: Every connection. WAL with synchronous=FULL: COMMIT returns only after the WAL file holding the
#: transaction has been fsynced, so an acknowledged write survives a crash of the process, of the
#: OS, and power loss. (NORMAL syncs only at checkpoints: SQLite documents that power loss may then
#: roll back the last commits.) EXTRA adds nothing in WAL mode: its extra step syncs the directory
#: after a *rollback journal* is deleted, and WAL mode has no such journal (a new WAL file's
#: directory entry is synced with its first sync at any level that syncs at all).
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=OFF",
    "PRAGMA temp_store=MEMORY",
)
#: The writer's page cache: index pages that ingest touches at random stay in memory. A big
#: batch's commit can put hundreds of MB in the WAL; it is cut back to 64 MB once checkpointed.
WRITER_PRAGMAS = (
    "PRAGMA cache_size=-131072",
    "PRAGMA mmap_size=268435456",
    "PRAGMA wal_autocheckpoint=4000",
    "PRAGMA journal_size_limit=67108864",
)
#: Seconds a writer waits for another process's write transaction (one ingest batch) to end.
BUSY_TIMEOUT = 60.0
#: How long a readiness probe waits for another process's write lock before it reports busy.
PROBE_BUSY_TIMEOUT_MS = 200
#: What a readiness probe writes (then rolls back): fails on a read-only file or a held lock.
WRITE_PROBE = "INSERT OR REPLACE INTO meta (key, value) VALUES ('write_probe', '')"
#: For a new file. Ingest inserts into indexes on random ids (event, link and endpoint ids), so
#: every commit rewrites most of their pages; large pages make that markedly cheaper.
PAGE_SIZE = 16384
#: Each reading thread's connection: a small page cache and no mmap, so that a server's RSS stays
#: bounded however many threads it reads from (each connection would map the file anew, and every
#: mapping's pages count in the RSS again). Rows of a chain sit together (see `placement`), so a
#: chain is a few page reads from the OS file cache either way; 16 MB measured no faster.
READER_PRAGMAS = ("PRAGMA cache_size=-8192", "PRAGMA mmap_size=0")

DDL = (
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        subject_type TEXT NOT NULL,
        predicate TEXT NOT NULL,
        type_version TEXT NOT NULL,
        spec_version TEXT NOT NULL,
        source TEXT NOT NULL,
        ts TEXT NOT NULL,
        chain_id TEXT,
        subject_id TEXT NOT NULL,
        digest TEXT NOT NULL,
        body TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_events_ts ON events (ts, id)",
    # (chain_id, ts, id) answers a chain's size, span and earliest member from the index alone.
    "CREATE INDEX IF NOT EXISTS ix_events_chain_member ON events (chain_id, ts, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_subject ON events (subject_id, ts)",
    "CREATE INDEX IF NOT EXISTS ix_events_type ON events (type, ts)",
    """CREATE TABLE IF NOT EXISTS links (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        kind TEXT,
        chain_id TEXT,
        from_id TEXT,
        to_id TEXT,
        ts TEXT,
        tags TEXT NOT NULL,
        inferred INTEGER NOT NULL,
        digest TEXT NOT NULL,
        body TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_links_from ON links (from_id)",
    "CREATE INDEX IF NOT EXISTS ix_links_to ON links (to_id)",
    "CREATE INDEX IF NOT EXISTS ix_links_chain ON links (chain_id)",
    """CREATE TABLE IF NOT EXISTS chains (
        id TEXT PRIMARY KEY,
        event_count INTEGER NOT NULL,
        started_at TEXT,
        ended_at TEXT,
        complete INTEGER NOT NULL,
        start_id TEXT,
        end_id TEXT,
        sort_ts TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS ix_chains_recent ON chains (sort_ts DESC, id DESC)",
    # A chain's members are the events carrying its chainId plus the stored events that links of
    # the chain join to it although they carry another chainId (or none): the latter are `joined`.
    """CREATE TABLE IF NOT EXISTS joined (
        chain_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (chain_id, event_id)) WITHOUT ROWID""",
    # Ids that a stored link of a chain names but no stored event has (placeholders, and maybe a
    # few more): a new event can only be joined by an earlier batch's link if its id is here.
    """CREATE TABLE IF NOT EXISTS pending (id TEXT PRIMARY KEY) WITHOUT ROWID""",
    # The rowid range (`placement.py`) each chain's rows of `tab` ("events", "links") fill.
    """CREATE TABLE IF NOT EXISTS placement (
        tab TEXT NOT NULL,
        key TEXT NOT NULL,
        slot INTEGER NOT NULL,
        used INTEGER NOT NULL,
        PRIMARY KEY (tab, key)) WITHOUT ROWID""",
)

#: Bring a version-1 store to version 2; DDL above has created the new tables and indexes.
MIGRATE_FROM_1 = (
    "DROP INDEX IF EXISTS ix_events_chain",
    """INSERT OR IGNORE INTO joined (chain_id, event_id)
        SELECT l.chain_id, e.id FROM links l JOIN events e ON e.id = l.from_id
        WHERE l.chain_id IS NOT NULL AND e.chain_id IS NOT l.chain_id""",
    """INSERT OR IGNORE INTO joined (chain_id, event_id)
        SELECT l.chain_id, e.id FROM links l JOIN events e ON e.id = l.to_id
        WHERE l.chain_id IS NOT NULL AND e.chain_id IS NOT l.chain_id""",
    """INSERT OR IGNORE INTO pending (id)
        SELECT from_id FROM links WHERE from_id IS NOT NULL
            AND from_id NOT IN (SELECT id FROM events)
        UNION SELECT to_id FROM links WHERE to_id IS NOT NULL
            AND to_id NOT IN (SELECT id FROM events)""",
)

#: Version 2 to 3: reads take only `body` (see `rows`), so it gets what the columns hold.
MIGRATE_FROM_2 = (
    """UPDATE events SET body = json_set(body,
        '$.type', type, '$.subjectType', subject_type, '$.predicate', predicate,
        '$.typeVersion', type_version, '$.specVersion', spec_version, '$.source', source,
        '$.chainId', chain_id, '$.subjectId', subject_id, '$.digest', digest)""",
    "ALTER TABLE links ADD COLUMN body TEXT NOT NULL DEFAULT ''",
    """UPDATE links SET body = json_array(id, type, kind, chain_id, from_id, to_id, ts,
        json(tags), inferred, digest)""",
)

#: Version 3 to 4: the `delivery_events` table (created by the DDL) gets the rows of the events
#: already stored, derived in Python by `delivery.backfill_delivery_events` (see the store).
MIGRATE_FROM_3: tuple[str, ...] = ()

#: Version 4 to 5: the DORA metrics' covering indexes (`delivery.DDL` creates them: delivery events
#: by environment and by kind, upstream commits by hash and environment); the last replaces the
#: upstream commits' index on the hash alone.
MIGRATE_FROM_4: tuple[str, ...] = ("DROP INDEX IF EXISTS ix_upstream_commits_hash",)

#: Version 5 to 6: each commit mention records its event's kind (`CommitMention.event_kind`: which
#: mentions are merges, without a lookup in `events` when lead times are read).
MIGRATE_FROM_5 = (
    """UPDATE commit_mentions SET body = json_set(body, '$.eventKind',
        (SELECT e.subject_type || '.' || e.predicate FROM events e
         WHERE e.id = commit_mentions.event_id))
    WHERE json_extract(body, '$.eventKind') IS NULL""",
)

#: Version 6 to 7: each commit mention's told commit timestamp and event kind as columns (added
#: by `ADDED_COLUMNS`), copied from its body; and upstream commits by environment and time
#: (`delivery.DDL` creates the index: what a window's production deployments shipped).
MIGRATE_FROM_6 = (
    """UPDATE commit_mentions SET commit_ts = json_extract(body, '$.commitTimestamp'),
        event_kind = json_extract(body, '$.eventKind')""",
)

#: Version 7 to 8: the `incident_links` index (created by `incident_links.DDL`) gets the producer
#: links of the incident-opening events already stored, by `incident_links.fill_incident_links`
#: (see the store; the delivery backfill of an older store indexes them with its rows).
MIGRATE_FROM_7: tuple[str, ...] = ()

#: MIGRATIONS[n - 1] takes a version-n store to version n + 1.
MIGRATIONS = (
    MIGRATE_FROM_1, MIGRATE_FROM_2, MIGRATE_FROM_3, MIGRATE_FROM_4, MIGRATE_FROM_5, MIGRATE_FROM_6,
    MIGRATE_FROM_7,
)
#: (table, column, type) of the columns later versions added to tables an older store may have
#: (the DDL creates a missing table with them): added, when missing, before the migrations run.
ADDED_COLUMNS = (
    ("commit_mentions", "commit_ts", "TEXT"),
    ("commit_mentions", "event_kind", "TEXT"),
)
#: The first version whose stores derive delivery events at ingest (older ones are backfilled).
DELIVERY_EVENTS_SINCE = 4
#: The first version whose stores index the incidents' producer links (older ones are filled).
INCIDENT_LINKS_SINCE = 8

EVENT_COLUMNS = (
    "id, type, subject_type, predicate, type_version, spec_version, source, ts, chain_id, "
    "subject_id, digest, body"
)
#: Rows are (seq, *EVENT_COLUMNS). An existing id is left alone; a taken seq is an error.
INSERT_EVENT = (
    f"INSERT INTO events (seq, {EVENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (id) DO NOTHING"
)
#: Reads take the id, the timestamp and the body only (see `rows`).
SELECT_EVENTS = "SELECT id, ts, body FROM events"

LINK_COLUMNS = "id, type, kind, chain_id, from_id, to_id, ts, tags, inferred, digest, body"
#: Rows are (seq, *LINK_COLUMNS). An existing id is left alone; a taken seq is an error.
INSERT_LINK = (
    f"INSERT INTO links (seq, {LINK_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (id) DO NOTHING"
)
#: Reads take the body only (see `rows`).
SELECT_LINKS = "SELECT body FROM links"

#: A chain's own events, by time, read in the order of `ix_events_chain_member` (no sorting).
OWN_CHAIN_EVENTS = f"{SELECT_EVENTS} WHERE chain_id = ? ORDER BY ts, id"
#: How many stored events a chain has: its own and those joined to it (disjoint sets).
COUNT_CHAIN_EVENTS = """
    SELECT (SELECT count(*) FROM events WHERE chain_id = :chain)
         + (SELECT count(*) FROM joined WHERE chain_id = :chain)
"""
#: Whether any event with another chainId (or none) is joined to a chain.
HAS_JOINED = "SELECT 1 FROM joined WHERE chain_id = ? LIMIT 1"
#: A chain's events, by time: its own, then those joined to it (disjoint sets).
CHAIN_EVENTS = f"""
    {SELECT_EVENTS} WHERE chain_id = :chain
    UNION ALL
    {SELECT_EVENTS} WHERE id IN (SELECT event_id FROM joined WHERE chain_id = :chain)
    ORDER BY ts, id
"""

#: Chains (`chains.id`) with a member event of a type (given twice, as two parameters). The `+`
#: keeps SQLite on the chain's few members instead of every event of the type.
CHAIN_HAS_TYPE = """(
    EXISTS (SELECT 1 FROM events e WHERE e.chain_id = chains.id AND +e.type = ?)
    OR EXISTS (SELECT 1 FROM joined j JOIN events e ON e.id = j.event_id
               WHERE j.chain_id = chains.id AND e.type = ?))"""

#: Fixed-width timestamps make `min(ts || id)` the (earliest, smallest id) pair; slicing at
#: TS_WIDTH cuts the id back out. A missing link timestamp sorts first.
TS_WIDTH = 27
_NO_TS = "0000-00-00T00:00:00.000000Z"

#: Per chain (`{}`: the chain ids): member count, first/last event time, earliest member.
CHAIN_OWN_AGGREGATES = """
    SELECT chain_id, count(*), min(ts), max(ts), min(ts || id) FROM events
    WHERE chain_id IN ({}) GROUP BY chain_id
"""
CHAIN_JOINED_AGGREGATES = """
    SELECT j.chain_id, count(*), min(e.ts), max(e.ts), min(e.ts || e.id)
    FROM joined j JOIN events e ON e.id = j.event_id
    WHERE j.chain_id IN ({}) GROUP BY j.chain_id
"""
#: Per chain: last link time, the first START target and the first END target.
CHAIN_LINK_AGGREGATES = f"""
    SELECT chain_id, max(ts),
        min(CASE WHEN type = 'START' THEN coalesce(ts, '{_NO_TS}') || to_id END),
        min(CASE WHEN type = 'END' THEN coalesce(ts, '{_NO_TS}') || to_id END)
    FROM links WHERE chain_id IN ({{}}) GROUP BY chain_id
"""

UPSERT_CHAIN = """
    INSERT INTO chains (id, event_count, started_at, ended_at, complete, start_id, end_id, sort_ts)
    VALUES (?,?,?,?,?,?,?,?)
    ON CONFLICT(id) DO UPDATE SET event_count=excluded.event_count,
        started_at=excluded.started_at, ended_at=excluded.ended_at, complete=excluded.complete,
        start_id=excluded.start_id, end_id=excluded.end_id, sort_ts=excluded.sort_ts
"""

CHAIN_COLUMNS = "id, event_count, started_at, ended_at, complete, start_id, end_id, sort_ts"

#: The least stored event type in [?, ?) and the least one after a given type below a bound
#: (`EmbeddedStore.event_types` walks the distinct types of a prefix with them).
FIRST_TYPE_FROM = "SELECT type FROM events WHERE type >= ? AND type < ? ORDER BY type LIMIT 1"
NEXT_TYPE_AFTER = "SELECT type FROM events WHERE type > ? AND type < ? ORDER BY type LIMIT 1"
