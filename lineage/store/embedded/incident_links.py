"""The incidents' producer links in the embedded store: a storage index the DORA metrics read.

`incident_links (ts, event_id, other_id)` holds, for every stored incident-opening delivery event
(`incident.detected` / `reported`, `DeliveryKind.opens_incident`), the other end of every stored
producer link (PATH, RELATION, END; not inferred) touching it either way, keyed by the incident
event's time: a window's links are one range read instead of index seeks per incident event into
`links`. It is no fact of ingest but an index the store keeps inside its own write transaction,
from what is stored (not from what a batch brings: a link or delivery row whose id is stored
already stays as stored), whichever of a link and its event arrives first; a migration fills it
for a store written before it existed (`fill_incident_links`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from lineage.model import Link, LinkType
from lineage.model.delivery import DeliveryKind
from lineage.store.embedded.chains import chunks, select_in

DDL = (
    """CREATE TABLE IF NOT EXISTS incident_links (
        ts TEXT NOT NULL,
        event_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        PRIMARY KEY (ts, event_id, other_id)) WITHOUT ROWID""",
)

#: The link types joining an incident's events to what they concern (START has one end).
LINKED_TYPES = (LinkType.PATH, LinkType.RELATION, LinkType.END)
#: The stored text of the incident-opening kinds and of the linked types.
_OPENINGS = ",".join(f"'{kind.value}'" for kind in DeliveryKind if kind.opens_incident)
_TYPES = ",".join(f"'{t.value}'" for t in LINKED_TYPES)
#: (incident event's column, other end's column) of a link: either way.
_ENDS = (("from_id", "to_id"), ("to_id", "from_id"))
#: A window's pairs, from the primary key's range alone.
SELECT_BETWEEN = "SELECT event_id, other_id FROM incident_links WHERE ts >= ? AND ts < ?"


def _fill(near: str, far: str, only: str = "") -> str:
    """The statement indexing the stored links whose `near` end is a stored incident-opening
    event, restricted by `only` (a further condition, maybe with an `IN ({})`)."""
    return f"""INSERT OR IGNORE INTO incident_links (ts, event_id, other_id)
        SELECT d.ts, d.id, l.{far} FROM delivery_events d JOIN links l ON l.{near} = d.id
        WHERE d.what IN ({_OPENINGS}) AND l.type IN ({_TYPES}) AND l.inferred = 0
          AND l.{far} IS NOT NULL{only}"""


#: Per end: everything stored (the migration), the links of some ids, the events of some ids.
_FILL_ALL = tuple(_fill(near, far) for near, far in _ENDS)
_FILL_LINKS = tuple(_fill(near, far, " AND l.id IN ({})") for near, far in _ENDS)
_FILL_EVENTS = tuple(_fill(near, far, " AND d.id IN ({})") for near, far in _ENDS)
#: Which of some ids are stored incident-opening delivery events.
_OPENING_IDS = f"SELECT id FROM delivery_events WHERE id IN ({{}}) AND what IN ({_OPENINGS})"


def fill_incident_links(cursor: sqlite3.Cursor) -> None:
    """Index every stored producer link touching a stored incident-opening event (a store
    written before the index existed)."""
    for statement in _FILL_ALL:
        cursor.execute(statement)


def index_links(cursor: sqlite3.Cursor, links: Sequence[Link]) -> None:
    """Index the just-written producer links that touch a stored incident-opening event."""
    by_end: dict[str, list[str]] = {}
    for link in links:
        if link.inferred or link.type not in LINKED_TYPES:
            continue  # as stored, or stored already as a producer link (and indexed then)
        if link.from_id is not None and link.to_id is not None:
            by_end.setdefault(link.from_id, []).append(link.id)
            by_end.setdefault(link.to_id, []).append(link.id)
    if not by_end:
        return
    openings = [row[0] for row in select_in(cursor, _OPENING_IDS, list(by_end))]
    if openings:
        _run_in(cursor, _FILL_LINKS, sorted({i for end in openings for i in by_end[end]}))


def index_incident_events(cursor: sqlite3.Cursor, ids: Sequence[str]) -> None:
    """Index the stored producer links touching the just-written incident-opening events
    `ids` (links may have come before their events)."""
    _run_in(cursor, _FILL_EVENTS, ids)


def _run_in(cursor: sqlite3.Cursor, statements: Sequence[str], ids: Sequence[str]) -> None:
    """Run each statement with its `IN ({})` filled by chunks of `ids`."""
    for chunk in chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        for statement in statements:
            cursor.execute(statement.format(marks), list(chunk))
