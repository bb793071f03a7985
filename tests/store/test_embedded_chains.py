"""The embedded store's chain bookkeeping matches the definition, whatever the arrival order.

A chain's members are the stored events carrying its chainId plus the stored endpoints of its
links. The store keeps `joined` / `pending` so it need not recompute that from scratch on every
write; these tests recompute it from scratch (the first version's SQL) and compare.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lineage.ingest import Ingestor, SourceRecord
from lineage.ingest.cdevents import parse_cdevent
from lineage.store.embedded import EmbeddedStore, schema
from lineage.store.embedded.store import StoreVersionError
from tests.support.cdevents import cdevent, link

IDS = [f"e{i}e{i}e{i}e{i}-0000-4000-8000-00000000000{i}" for i in range(6)]
CHAINS = ["c1c1c1c1-0000-4000-8000-0000000000c1", "c2c2c2c2-0000-4000-8000-0000000000c2"]
V1_BODY_KEYS = ("schemaUri", "subjectSource", "content", "customData", "customDataContentType")
TIMES = ["2026-01-05T09:00:00Z", "2026-01-05T09:00:01.5Z", "2026-01-05T11:00:02+02:00"]

ids = st.sampled_from(IDS)
chains = st.sampled_from(CHAINS)
times = st.sampled_from(TIMES)
events = st.builds(
    lambda kind, event_id, chain, ts, after, relation, end: cdevent(
        kind, event_id, chain=chain, ts=ts, after=after,
        relations=[("TRIGGER", relation)] if relation else (), end_after=end,
    ),
    st.sampled_from(["build.started", "build.finished", "service.deployed"]),
    ids, st.one_of(st.none(), chains), times, st.lists(ids, max_size=2),
    st.one_of(st.none(), ids), st.one_of(st.none(), ids),
)  # fmt: skip
links = st.one_of(
    st.builds(lambda c, a, t: link("START", chain=c, start=a, ts=t), chains, ids, times),
    st.builds(lambda c, a, b, t: link("END", chain=c, from_=a, end=b, ts=t),
              chains, ids, ids, times),
    st.builds(lambda c, a, b, t: link("PATH", chain=c, from_=a, to=b, ts=t, tags={"os": "x"}),
              chains, ids, ids, times),
    st.builds(lambda c, a, b: link("RELATION", chain=c, source=a, target=b, kind="CAUSE"),
              chains, ids, ids),
)  # fmt: skip


def ingest(store: EmbeddedStore, records: list[dict[str, Any]], batch: int) -> None:
    sources = [SourceRecord(f"r:{i}", raw) for i, raw in enumerate(records)]
    Ingestor(store, batch_size=batch).ingest(sources)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.lists(st.one_of(events, links), min_size=1, max_size=14),
       batch=st.sampled_from([1, 2, 5, 100]))  # fmt: skip
def test_summaries_members_and_bookkeeping_match_a_full_recount(
    tmp_path_factory: pytest.TempPathFactory, records: list[dict[str, Any]], batch: int
) -> None:
    store = EmbeddedStore(tmp_path_factory.mktemp("chains") / "lineage.db")
    try:
        ingest(store, records, batch)
        check_against_recount(store)
    finally:
        store.close()


def test_a_write_of_events_already_stored_keeps_the_stored_chains(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "lineage.db")
    first = parse_cdevent(cdevent("build.started", IDS[0], chain=CHAINS[0]))
    moved = parse_cdevent(cdevent("build.started", IDS[0], chain=CHAINS[1]))  # same id, other chain
    later = parse_cdevent(cdevent("build.finished", IDS[1], chain=CHAINS[1], after=[IDS[0]]))
    store.write([first], [])
    store.write([moved, later], list(later.links))  # Store.write keeps the stored IDS[0]
    check_against_recount(store)
    assert [e.id for e in store.chain_events(CHAINS[1])] == [IDS[0], IDS[1]]
    assert store.chain_summaries([CHAINS[0]])[CHAINS[0]].event_count == 1
    store.close()


def test_a_version_1_file_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "lineage.db"
    store = EmbeddedStore(path)
    ingest(store, [
        cdevent("build.started", IDS[0], chain=CHAINS[0]),
        cdevent("build.finished", IDS[1], after=[IDS[0]]),  # joined to CHAINS[0] by its link
        link("PATH", chain=CHAINS[0], from_=IDS[1], to=IDS[2]),  # IDS[2] is a placeholder
    ], batch=100)  # fmt: skip
    before = store.chain_events(CHAINS[0])
    store.close()
    with sqlite3.connect(path) as connection:  # what version 1 had
        connection.executescript(
            "DROP TABLE joined; DROP TABLE pending; DROP TABLE placement;"
            "DROP INDEX ix_events_chain_member;"
            "CREATE INDEX ix_events_chain ON events (chain_id, ts);"
            "ALTER TABLE links DROP COLUMN body;"
            "DELETE FROM meta WHERE key LIKE 'next_slot:%';"
            "UPDATE meta SET value = '1' WHERE key = 'schema_version';"
        )
        for seq, body in connection.execute("SELECT seq, body FROM events").fetchall():
            fields = orjson.loads(body)
            old = {key: fields[key] for key in V1_BODY_KEYS}
            old["links"] = [row[:7] for row in fields["links"]]  # no link ids in version 1
            connection.execute(
                "UPDATE events SET body = ? WHERE seq = ?", (orjson.dumps(old).decode(), seq)
            )
    store = EmbeddedStore(path)
    assert store.chain_events(CHAINS[0]) == before
    check_against_recount(store)
    ingest(store, [cdevent("build.finished", IDS[2], chain=CHAINS[1])], batch=100)
    assert [e.id for e in store.chain_events(CHAINS[0])] == [IDS[0], IDS[1], IDS[2]]
    check_against_recount(store)
    store.close()
    with sqlite3.connect(path) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version.fetchone() == (str(schema.SCHEMA_VERSION),)
        assert connection.execute("PRAGMA index_list(events)").fetchall()
        names = {row[1] for row in connection.execute("PRAGMA index_list(events)")}
        assert "ix_events_chain" not in names and "ix_events_chain_member" in names


def test_a_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lineage.db"
    EmbeddedStore(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreVersionError, match="99"):
        EmbeddedStore(path)


def test_new_files_use_large_pages(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "lineage.db").close()
    with sqlite3.connect(tmp_path / "lineage.db") as connection:
        assert connection.execute("PRAGMA page_size").fetchone() == (16384,)


# -- the definition, recomputed from scratch ---------------------------------------------------

_MEMBERS = """
    SELECT id, ts FROM events WHERE id IN (
        SELECT id FROM events WHERE chain_id = :c
        UNION SELECT from_id FROM links WHERE chain_id = :c
        UNION SELECT to_id FROM links WHERE chain_id = :c)
    ORDER BY ts, id
"""
_NO_TS = "0000-00-00T00:00:00.000000Z"
_LINKS = f"""
    SELECT max(ts),
        substr(min(CASE WHEN type = 'START' THEN coalesce(ts, '{_NO_TS}') || to_id END), 28),
        substr(min(CASE WHEN type = 'END' THEN coalesce(ts, '{_NO_TS}') || to_id END), 28)
    FROM links WHERE chain_id = :c
"""


def check_against_recount(store: EmbeddedStore) -> None:
    """Chain summaries, chain members, `joined` and `pending` agree with a full recount."""
    db = sqlite3.connect(store.path)
    chain_ids = [row[0] for row in db.execute(
        "SELECT chain_id FROM events WHERE chain_id IS NOT NULL "
        "UNION SELECT chain_id FROM links WHERE chain_id IS NOT NULL")]  # fmt: skip
    summaries = store.chain_summaries(chain_ids)
    assert db.execute("SELECT count(*) FROM chains").fetchone() == (len(chain_ids),)
    for chain_id in chain_ids:
        members = db.execute(_MEMBERS, {"c": chain_id}).fetchall()
        last_link, start, end = db.execute(_LINKS, {"c": chain_id}).fetchone()
        summary = summaries[chain_id]
        assert [e.id for e in store.chain_events(chain_id)] == [m[0] for m in members]
        assert summary.event_count == len(members)
        assert _text(summary.started_at) == (members[0][1] if members else None)
        assert _text(summary.ended_at) == (members[-1][1] if members else None)
        earliest = min(members, key=lambda m: (m[1], m[0]))[0] if members else None
        assert summary.start_id == (start or earliest)
        assert summary.end_id == end and summary.complete == (end is not None)
        sort_ts = db.execute("SELECT sort_ts FROM chains WHERE id = ?", (chain_id,)).fetchone()[0]
        last = members[-1][1] if members else None
        assert sort_ts == max(t for t in (last, last_link, "") if t is not None)
    joined = set(db.execute(
        "SELECT l.chain_id, e.id FROM links l JOIN events e ON e.id IN (l.from_id, l.to_id) "
        "WHERE l.chain_id IS NOT NULL AND e.chain_id IS NOT l.chain_id"))  # fmt: skip
    assert set(db.execute("SELECT chain_id, event_id FROM joined")) == joined
    placeholders = set(db.execute(  # named by a link of a chain (only those can join anything)
        "SELECT from_id FROM links WHERE chain_id NOT NULL"
        " AND from_id NOT IN (SELECT id FROM events)"
        " UNION SELECT to_id FROM links WHERE chain_id NOT NULL"
        " AND to_id NOT IN (SELECT id FROM events)"
    ))  # fmt: skip
    pending = set(db.execute("SELECT id FROM pending"))
    assert placeholders - {(None,)} <= pending
    assert not pending & set(db.execute("SELECT id FROM events"))
    db.close()


def _text(value: Any) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
