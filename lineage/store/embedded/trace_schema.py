"""SQL of the embedded store's trace index: commits, PipeCD records, subject mentions."""

from __future__ import annotations

DDL = (
    # Subject mentions (lineage.model.mention), looked up by slot when an event arrives later.
    """CREATE TABLE IF NOT EXISTS mentions (
        slot TEXT NOT NULL,
        event_id TEXT NOT NULL,
        ts TEXT NOT NULL,
        PRIMARY KEY (slot, event_id)) WITHOUT ROWID""",
    # Events naming commits, with the commit details each event gave; the commit timestamp it
    # gave and its kind also as columns (a commit's time is read without decoding the body).
    """CREATE TABLE IF NOT EXISTS commit_mentions (
        hash TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_ts TEXT NOT NULL,
        body TEXT NOT NULL,
        commit_ts TEXT,
        event_kind TEXT,
        PRIMARY KEY (hash, event_id)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS ix_commit_mentions_event ON commit_mentions (event_id)",
    # The commit index: every hash a record names; listed ones make the trace listing.
    """CREATE TABLE IF NOT EXISTS commits (
        hash TEXT PRIMARY KEY,
        created_at TEXT,
        updated_at TEXT,
        project_id TEXT,
        listed INTEGER NOT NULL) WITHOUT ROWID""",
    """CREATE INDEX IF NOT EXISTS ix_commits_recent ON commits (updated_at DESC, hash DESC)
        WHERE listed = 1""",
    """CREATE INDEX IF NOT EXISTS ix_commits_project
        ON commits (project_id, updated_at DESC, hash DESC) WHERE listed = 1""",
    """CREATE TABLE IF NOT EXISTS deployment_traces (
        id TEXT PRIMARY KEY,
        commit_hash TEXT NOT NULL,
        digest TEXT NOT NULL,
        body TEXT NOT NULL) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS ix_deployment_traces_commit ON deployment_traces (commit_hash)",
    """CREATE TABLE IF NOT EXISTS pipecd_deployments (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL,
        env_id TEXT,
        created_at TEXT NOT NULL,
        trace_commit_hash TEXT,
        digest TEXT NOT NULL,
        body TEXT NOT NULL) WITHOUT ROWID""",
    """CREATE INDEX IF NOT EXISTS ix_pipecd_deployments_commit
        ON pipecd_deployments (trace_commit_hash)""",
    """CREATE INDEX IF NOT EXISTS ix_pipecd_deployments_app
        ON pipecd_deployments (application_id, env_id, created_at, id)""",
    """CREATE INDEX IF NOT EXISTS ix_pipecd_deployments_created
        ON pipecd_deployments (created_at, id)""",
    """CREATE TABLE IF NOT EXISTS manifest_commits (
        hash TEXT PRIMARY KEY,
        digest TEXT NOT NULL,
        body TEXT NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS manifest_sources (
        source_hash TEXT NOT NULL,
        manifest_hash TEXT NOT NULL,
        PRIMARY KEY (source_hash, manifest_hash)) WITHOUT ROWID""",
)

INSERT_MENTION = "INSERT OR IGNORE INTO mentions (slot, event_id, ts) VALUES (?, ?, ?)"
INSERT_COMMIT_MENTION = """
    INSERT OR IGNORE INTO commit_mentions (hash, event_id, event_ts, body, commit_ts, event_kind)
    VALUES (?, ?, ?, ?, ?, ?)
"""
#: Entries of one hash merge: earliest created, latest updated, smallest project, listed if any.
UPSERT_COMMIT = """
    INSERT INTO commits (hash, created_at, updated_at, project_id, listed) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (hash) DO UPDATE SET
        created_at = CASE
            WHEN commits.created_at IS NULL THEN excluded.created_at
            WHEN excluded.created_at IS NULL THEN commits.created_at
            ELSE min(commits.created_at, excluded.created_at) END,
        updated_at = CASE
            WHEN commits.updated_at IS NULL THEN excluded.updated_at
            WHEN excluded.updated_at IS NULL THEN commits.updated_at
            ELSE max(commits.updated_at, excluded.updated_at) END,
        project_id = CASE
            WHEN commits.project_id IS NULL THEN excluded.project_id
            WHEN excluded.project_id IS NULL THEN commits.project_id
            ELSE min(commits.project_id, excluded.project_id) END,
        listed = max(commits.listed, excluded.listed)
"""
INSERT_TRACE = (
    "INSERT OR IGNORE INTO deployment_traces (id, commit_hash, digest, body) VALUES (?, ?, ?, ?)"
)
INSERT_DEPLOYMENT = """
    INSERT OR IGNORE INTO pipecd_deployments
        (id, application_id, env_id, created_at, trace_commit_hash, digest, body)
    VALUES (?, ?, ?, ?, ?, ?, ?)
"""
INSERT_MANIFEST = "INSERT OR IGNORE INTO manifest_commits (hash, digest, body) VALUES (?, ?, ?)"
INSERT_MANIFEST_SOURCE = (
    "INSERT OR IGNORE INTO manifest_sources (source_hash, manifest_hash) VALUES (?, ?)"
)

COMMIT_COLUMNS = "hash, created_at, updated_at, project_id, listed"

#: The longest stored hashes starting with a prefix (`?` prefix, `?` prefix + "g", `?` limit):
#: those no other stored hash extends, in hash order. Hashes are lower-case hex, so "g" sorts
#: after every extension, and a hash's extensions sort right after it.
LONGEST_COMMIT_HASHES = """
    SELECT hash FROM commits c WHERE hash >= ?1 AND hash < ?2
        AND NOT EXISTS (SELECT 1 FROM commits d WHERE d.hash > c.hash AND d.hash < c.hash || 'g')
    ORDER BY hash LIMIT ?3
"""
