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

CHAIN_SUMMARY = f"""
    SELECT count(e.id), min(e.ts), max(e.ts),
        (SELECT to_id FROM links WHERE chain_id = :chain AND type = 'START'
            ORDER BY ts, to_id LIMIT 1),
        (SELECT to_id FROM links WHERE chain_id = :chain AND type = 'END'
            ORDER BY ts, to_id LIMIT 1),
        (SELECT e2.id FROM events e2 JOIN ({CHAIN_MEMBERS}) m2 ON m2.id = e2.id
            ORDER BY e2.ts, e2.id LIMIT 1)
    FROM ({CHAIN_MEMBERS}) m JOIN events e ON e.id = m.id
"""

UPSERT_CHAIN = """
    INSERT INTO chains (id, event_count, started_at, ended_at, complete, start_id, end_id, sort_ts)
    VALUES (?,?,?,?,?,?,?,?)
    ON CONFLICT(id) DO UPDATE SET event_count=excluded.event_count,
        started_at=excluded.started_at, ended_at=excluded.ended_at, complete=excluded.complete,
        start_id=excluded.start_id, end_id=excluded.end_id, sort_ts=excluded.sort_ts
"""

CHAIN_COLUMNS = "id, event_count, started_at, ended_at, complete, start_id, end_id, sort_ts"
