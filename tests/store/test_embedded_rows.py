"""Events and links read back from the embedded store equal what was written, ids and digests."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import orjson

from lineage.demo import demo_records, sloppy_records
from lineage.ingest import parse_record
from lineage.model import Direction, Event, Link
from lineage.store.codec import event_from_record, event_record, link_from_record, link_record
from lineage.store.embedded import EmbeddedStore


def parsed(spec_dir: Path) -> tuple[list[Event], list[Link]]:
    raws = [json.loads(p.read_text()) for p in sorted((spec_dir / "examples").glob("*.json"))]
    raws += list(sloppy_records(demo_records(chains=8, seed=9), seed=4))
    events: dict[str, Event] = {}
    links: dict[str, Link] = {}
    for raw in raws:
        item = parse_record(raw)
        if isinstance(item, Event):
            events.setdefault(item.id, item)
        else:
            links.setdefault(item.id, item)
    return list(events.values()), list(links.values())


def test_events_and_links_round_trip(tmp_path: Path, spec_dir: Path) -> None:
    events, standalone = parsed(spec_dir)
    embedded = {x.id: x for e in events for x in e.links}
    store = EmbeddedStore(tmp_path / "lineage.db")
    store.write(events, [*embedded.values(), *(x for x in standalone if x.id not in embedded)])
    back = store.get_events([e.id for e in events])
    for event in events:
        again = back[event.id]
        assert again == event and again.digest == event.digest
        assert [(x.id, x.digest) for x in again.links] == [(x.id, x.digest) for x in event.links]
    stored = {x.id: x for x in store.links_touching([e.id for e in events], Direction.BOTH)}
    for link in [*embedded.values(), *standalone]:
        if link.id in stored:
            assert stored[link.id] == link and stored[link.id].digest == link.digest
    store.close()


def test_bodies_without_link_ids_still_read(tmp_path: Path, spec_dir: Path) -> None:
    """Version 1 bodies (and the Neo4j backend's) have link rows without the id."""
    events, _ = parsed(spec_dir)
    store = EmbeddedStore(tmp_path / "lineage.db")
    store.write(events, [])
    store.close()
    with sqlite3.connect(tmp_path / "lineage.db") as connection:
        for seq, body in connection.execute("SELECT seq, body FROM events").fetchall():
            fields = orjson.loads(body)
            fields["links"] = [row[:7] for row in fields["links"]]
            connection.execute("UPDATE events SET body = ? WHERE seq = ?",
                               (orjson.dumps(fields).decode(), seq))  # fmt: skip
    store = EmbeddedStore(tmp_path / "lineage.db")
    back = store.get_events([e.id for e in events])
    assert all(back[e.id] == e and back[e.id].links == e.links for e in events)
    assert all([x.id for x in back[e.id].links] == [x.id for x in e.links] for e in events)
    store.close()


def test_the_shared_codec_records_round_trip(spec_dir: Path) -> None:
    events, standalone = parsed(spec_dir)
    for event in events:
        again = event_from_record(event_record(event))
        assert again == event and [x.id for x in again.links] == [x.id for x in event.links]
        assert "links" in orjson.loads(event_record(event)["body"])
        assert all(len(row) == 7 for row in orjson.loads(event_record(event)["body"])["links"])
    for link in standalone:
        again_link = link_from_record(link_record(link))
        assert again_link == link and again_link.id == link.id and again_link.digest == link.digest
