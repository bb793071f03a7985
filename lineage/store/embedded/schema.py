"""SQL of the embedded store: tables, indexes, and the statements the store runs."""

from __future__ import annotations

SCHEMA_VERSION = 1

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=OFF",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-65536",
    "PRAGMA mmap_size=268435456",
)

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
    "CREATE INDEX IF NOT EXISTS ix_events_chain ON events (chain_id, ts)",
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
        digest TEXT NOT NULL)""",
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
)

EVENT_COLUMNS = (
    "id, type, subject_type, predicate, type_version, spec_version, source, ts, chain_id, "
    "subject_id, digest, body"
)
INSERT_EVENT = f"INSERT OR IGNORE INTO events ({EVENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
SELECT_EVENTS = f"SELECT {EVENT_COLUMNS} FROM events"

LINK_COLUMNS = "id, type, kind, chain_id, from_id, to_id, ts, tags, inferred, digest"
INSERT_LINK = f"INSERT OR IGNORE INTO links ({LINK_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)"
SELECT_LINKS = f"SELECT {LINK_COLUMNS} FROM links"

#: Members of a chain: events carrying its chainId, and events joined to it by links of the chain.
CHAIN_MEMBERS = """
    SELECT id FROM events WHERE chain_id = :chain
    UNION SELECT from_id FROM links WHERE chain_id = :chain AND from_id IS NOT NULL
    UNION SELECT to_id FROM links WHERE chain_id = :chain AND to_id IS NOT NULL
"""

#: Chains whose summary a write may have changed are collected here, then summarized in bulk.
TOUCHED_TABLE = "CREATE TEMP TABLE IF NOT EXISTS touched_chains (id TEXT PRIMARY KEY)"

#: Fixed-width timestamps make `min(ts || id)` the (earliest, smallest id) pair; `substr` cuts
#: the id back out. A missing link timestamp sorts first.
_TS_WIDTH = 27
_NO_TS = "0000-00-00T00:00:00.000000Z"

#: Per touched chain: member count, first/last event time, earliest member event.
CHAIN_EVENT_AGGREGATES = f"""
    WITH members(chain, id) AS (
        SELECT e.chain_id, e.id FROM events e JOIN touched_chains t ON e.chain_id = t.id
        UNION SELECT l.chain_id, l.from_id FROM links l JOIN touched_chains t ON l.chain_id = t.id
            WHERE l.from_id IS NOT NULL
        UNION SELECT l.chain_id, l.to_id FROM links l JOIN touched_chains t ON l.chain_id = t.id
            WHERE l.to_id IS NOT NULL)
    SELECT m.chain, count(e.id), min(e.ts), max(e.ts), substr(min(e.ts || e.id), {_TS_WIDTH + 1})
    FROM members m JOIN events e ON e.id = m.id
    GROUP BY m.chain
"""

#: Per touched chain: last link time, the first START target and the first END target.
CHAIN_LINK_AGGREGATES = f"""
    SELECT l.chain_id, max(l.ts),
        substr(min(CASE WHEN l.type = 'START' THEN coalesce(l.ts, '{_NO_TS}') || l.to_id END),
            {_TS_WIDTH + 1}),
        substr(min(CASE WHEN l.type = 'END' THEN coalesce(l.ts, '{_NO_TS}') || l.to_id END),
            {_TS_WIDTH + 1})
    FROM links l JOIN touched_chains t ON l.chain_id = t.id
    GROUP BY l.chain_id
"""

UPSERT_CHAIN = """
    INSERT INTO chains (id, event_count, started_at, ended_at, complete, start_id, end_id, sort_ts)
    VALUES (?,?,?,?,?,?,?,?)
    ON CONFLICT(id) DO UPDATE SET event_count=excluded.event_count,
        started_at=excluded.started_at, ended_at=excluded.ended_at, complete=excluded.complete,
        start_id=excluded.start_id, end_id=excluded.end_id, sort_ts=excluded.sort_ts
"""

CHAIN_COLUMNS = "id, event_count, started_at, ended_at, complete, start_id, end_id, sort_ts"
