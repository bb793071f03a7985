"""The store protocol, behaviour by behaviour, on every backend (the `store` fixture).

Inputs are small hand-written CDEvents and standalone links, parsed by the real parser, so each
test reads like what producers send.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from lineage.ingest import parse_record
from lineage.model import ChainSummary, Direction, Event, Link, LinkType
from lineage.store import ChainFilter, EventFilter, Page, Store, StoreStats
from lineage.store.cursor import CursorError
from lineage.store.protocol import Existing

C1 = "chain-1"
C2 = "chain-2"
C3 = "chain-3"


# -- producer data -----------------------------------------------------------------------------


def ts(minute: int, second: int = 0) -> str:
    """An RFC 3339 timestamp on the test day."""
    return f"2026-01-05T09:{minute:02d}:{second:02d}Z"


def at(minute: int, second: int = 0) -> datetime:
    """The instant of `ts(minute, second)`."""
    return datetime(2026, 1, 5, 9, minute, second, tzinfo=UTC)


def cdevent(
    event_id: str,
    kind: str = "build.started",
    *,
    minute: int = 0,
    chain: str | None = None,
    subject: str = "build-1",
    source: str = "/ci/jenkins",
    links: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A CDEvents v0.5.1 event; `kind` is `<subject>.<predicate>`, or a custom `dev.cdeventsx.*`."""
    event_type = kind if kind.startswith("dev.") else f"dev.cdevents.{kind}.0.3.0"
    context: dict[str, Any] = {
        "specversion": "0.5.1",
        "id": event_id,
        "source": source,
        "type": event_type,
        "timestamp": ts(minute),
    }
    if chain is not None:
        context["chainId"] = chain
    if links:
        context["links"] = links
    return {
        "context": context,
        "subject": {"id": subject, "source": source, "content": {"note": f"{event_id} content"}},
    }


def after(event_id: str) -> dict[str, Any]:
    """An embedded PATH link from an earlier event."""
    return {"linkType": "PATH", "from": {"contextId": event_id}}


def ends_after(event_id: str) -> dict[str, Any]:
    """An embedded END link from an earlier event."""
    return {"linkType": "END", "from": {"contextId": event_id}}


def relates(kind: str, target: str) -> dict[str, Any]:
    """An embedded RELATION link to another event."""
    return {"linkType": "RELATION", "linkKind": kind, "target": {"contextId": target}}


def start(chain: str | None, to: str, minute: int = 0) -> dict[str, Any]:
    """A standalone START link."""
    record: dict[str, Any] = {
        "linkType": "START",
        "timestamp": ts(minute),
        "start": {"contextId": to},
    }
    if chain is not None:
        record["chainId"] = chain
    return record


def path(chain: str, from_: str, to: str, minute: int = 0, **tags: str) -> dict[str, Any]:
    """A standalone PATH link."""
    record: dict[str, Any] = {
        "chainId": chain,
        "linkType": "PATH",
        "timestamp": ts(minute),
        "from": {"contextId": from_},
        "to": {"contextId": to},
    }
    if tags:
        record["tags"] = tags
    return record


def end(chain: str, from_: str, to: str, minute: int = 0) -> dict[str, Any]:
    """A standalone END link."""
    return {
        "chainId": chain,
        "linkType": "END",
        "timestamp": ts(minute),
        "from": {"contextId": from_},
        "end": {"contextId": to},
    }


def relation(chain: str, kind: str, source: str, target: str, minute: int = 0) -> dict[str, Any]:
    """A standalone RELATION link."""
    return {
        "chainId": chain,
        "linkType": "RELATION",
        "linkKind": kind,
        "timestamp": ts(minute),
        "source": {"contextId": source},
        "target": {"contextId": target},
    }


def parsed(*raws: dict[str, Any]) -> tuple[list[Event], list[Link]]:
    """Parse records the way ingest does: events, plus their embedded links and standalone links."""
    events: list[Event] = []
    links: list[Link] = []
    for raw in raws:
        item = parse_record(raw)
        if isinstance(item, Event):
            events.append(item)
            links.extend(item.links)
        else:
            links.append(item)
    return events, links


def write(store: Store, *raws: dict[str, Any]) -> None:
    """Parse records and write them to the store in one batch."""
    store.write(*parsed(*raws))


def link_ends(links: list[Link]) -> list[tuple[str, str | None, str | None]]:
    """Type and endpoints of links, in the order given."""
    return [(link.type.value, link.from_id, link.to_id) for link in links]


def all_pages(fetch: Any, first: int) -> tuple[list[Any], list[Page[Any]]]:
    """Follow keyset cursors from the first page to the last."""
    items: list[Any] = []
    pages: list[Page[Any]] = []
    cursor = None
    while True:
        page = fetch(first, cursor)
        pages.append(page)
        items.extend(page.items)
        if not page.has_next:
            return items, pages
        assert page.end_cursor is not None
        cursor = page.end_cursor


# -- events and digests ------------------------------------------------------------------------


def test_written_events_come_back_equal(store: Store) -> None:
    events, links = parsed(
        cdevent("a", "pipelinerun.started", chain=C1, subject="run-1"),
        cdevent("b", "build.finished", minute=1, chain=C1, links=[after("a"), relates("x", "a")]),
        cdevent("c", "dev.cdeventsx.mytool-widget.created.0.1.0", minute=2),
    )
    store.write(events, links)

    stored = store.get_events(["a", "b", "c", "missing"])

    assert stored == {event.id: event for event in events}
    assert stored["b"].links == events[1].links
    assert stored["c"].subject_type == "mytool-widget"


def test_event_and_link_digests_are_those_of_stored_records(store: Store) -> None:
    events, links = parsed(
        start(C1, "a"),
        cdevent("a", chain=C1),
        cdevent("b", minute=1, chain=C1, links=[after("a"), ends_after("a")]),
        relation(C1, "artifact", "b", "ghost"),
    )
    store.write(events, links)

    assert store.event_digests(["a", "b", "ghost", "nope"]) == {e.id: e.digest for e in events}
    assert store.link_digests([link.id for link in links] + ["nope"]) == {
        link.id: link.digest for link in links
    }


def test_existing_ids_are_left_as_they_are(store: Store) -> None:
    first, _ = parsed(cdevent("a", subject="build-1"))
    second, _ = parsed(cdevent("a", subject="build-2"))
    tagged = parsed(path(C1, "a", "b", first="yes"))[1]
    retagged = parsed(path(C1, "a", "b", first="no"))[1]
    store.write(first, tagged)

    store.write(second, retagged)

    assert store.get_events(["a"])["a"].subject_id == "build-1"
    assert store.link_digests([tagged[0].id]) == {tagged[0].id: tagged[0].digest}
    (stored_link,) = store.links_touching(["a"], Direction.DOWNSTREAM)
    assert stored_link.tags == {"first": "yes"}


def test_a_write_names_the_ids_it_found_already_stored(store: Store) -> None:
    first_events, first_links = parsed(
        start(C1, "a"), cdevent("a", chain=C1), path(C1, "a", "ghost", minute=1)
    )
    assert store.write(first_events, first_links) == Existing()

    # "ghost" is a placeholder (a link endpoint): its event arriving is new, not existing.
    events, links = parsed(
        cdevent("a", subject="other", chain=C1),
        cdevent("ghost", minute=1, chain=C1),
        cdevent("b", minute=2, chain=C1, links=[ends_after("ghost")]),
        start(C1, "a"),
        path(C1, "a", "ghost", minute=1, first="changed"),
    )
    existing = store.write(events, links)

    assert existing.events == {"a"}
    assert existing.links == {link.id for link in first_links}
    assert existing.facts == frozenset()
    assert store.write(events, links) == Existing(
        events=frozenset({"a", "ghost", "b"}), links=frozenset(link.id for link in links)
    )


def test_writing_the_same_batch_again_changes_nothing(store: Store) -> None:
    records = (
        start(C1, "a"),
        cdevent("a", chain=C1),
        cdevent("b", minute=1, chain=C1, links=[after("a")]),
        path(C1, "b", "later", minute=2),
    )
    write(store, *records)
    before = _picture(store)

    write(store, *records)
    write(store, *records[::-1])

    assert _picture(store) == before


def test_an_empty_write_is_fine(store: Store) -> None:
    store.write([], [])

    assert store.stats() == StoreStats(events=0, links=0, chains=0, placeholders=0)


# -- placeholders ------------------------------------------------------------------------------


def test_placeholders_appear_for_missing_endpoints_and_go_when_the_event_arrives(
    store: Store,
) -> None:
    write(store, path(C1, "a", "b", minute=1))

    assert store.placeholder_ids(["a", "b", "c"]) == {"a", "b"}
    assert store.get_events(["a", "b"]) == {}
    assert store.event_digests(["a", "b"]) == {}
    assert store.stats().placeholders == 2

    write(store, cdevent("a", chain=C1))

    assert store.placeholder_ids(["a", "b"]) == {"b"}
    assert list(store.get_events(["a", "b"])) == ["a"]

    write(store, cdevent("b", minute=1, chain=C1))

    assert store.placeholder_ids(["a", "b"]) == set()
    assert store.stats() == StoreStats(events=2, links=1, chains=1, placeholders=0)
    assert link_ends(store.links_touching(["a"], Direction.DOWNSTREAM)) == [("PATH", "a", "b")]


def test_an_arriving_event_keeps_every_link_its_placeholder_had(store: Store) -> None:
    events, links = parsed(
        start(C1, "x", minute=0),
        cdevent("a", chain=C1, minute=1),
        path(C1, "a", "x", minute=2, edge="in"),
        relation(C1, "artifact", "x", "a", minute=3),
        end(C1, "a", "x", minute=4),
        relation(C1, "self", "x", "x", minute=5),
        path(C2, "x", "y", minute=6),
    )
    store.write(events, links)
    expected = {link.id: link for link in links}

    write(store, cdevent("x", "service.deployed", chain=C1, minute=3))

    touching = store.links_touching(["x"], Direction.BOTH)
    assert {link.id: link for link in touching} == expected
    assert [link.tags for link in touching if link.type is LinkType.PATH] == [{"edge": "in"}, {}]
    assert store.placeholder_ids(["x", "y"]) == {"y"}
    assert store.chain_summaries([C1])[C1] == ChainSummary(
        id=C1,
        event_count=2,
        started_at=at(1),
        ended_at=at(3),
        complete=True,
        start_id="x",
        end_id="x",
    )


def test_events_arriving_together_with_links_between_them_need_no_placeholders(
    store: Store,
) -> None:
    write(
        store,
        path(C1, "a", "b"),
        cdevent("a", chain=C1),
        cdevent("b", minute=1, chain=C1, links=[after("a")]),
    )

    assert store.placeholder_ids(["a", "b"]) == set()
    assert store.stats() == StoreStats(events=2, links=1, chains=1, placeholders=0)


# -- links_touching ----------------------------------------------------------------------------


@pytest.fixture
def small_graph(store: Store) -> Store:
    """a -> b -> c in chain 1 (START a, END b->c, RELATION b->c), plus an inferred a -> c."""
    events, links = parsed(
        start(C1, "a"),
        cdevent("a", "change.merged", chain=C1),
        cdevent("b", minute=1, chain=C1, links=[after("a")]),
        cdevent("c", "artifact.packaged", minute=2, chain=C1, links=[ends_after("b")]),
        relation(C1, "artifact", "b", "c", minute=3),
    )
    inferred = Link(LinkType.PATH, C1, "a", "c", timestamp=at(4), inferred=True)
    store.write(events, [*links, inferred])
    return store


def test_links_leaving_events(small_graph: Store) -> None:
    downstream = small_graph.links_touching(["a", "b"], Direction.DOWNSTREAM)

    assert link_ends(downstream) == [
        ("PATH", "a", "b"),
        ("END", "b", "c"),
        ("RELATION", "b", "c"),
        ("PATH", "a", "c"),
    ]
    assert [link.inferred for link in downstream] == [False, False, False, True]


def test_links_entering_events_include_start(small_graph: Store) -> None:
    assert link_ends(small_graph.links_touching(["a"], Direction.UPSTREAM)) == [
        ("START", None, "a")
    ]
    assert link_ends(small_graph.links_touching(["c"], Direction.UPSTREAM)) == [
        ("END", "b", "c"),
        ("RELATION", "b", "c"),
        ("PATH", "a", "c"),
    ]


def test_links_touching_either_way_are_listed_once(small_graph: Store) -> None:
    both = small_graph.links_touching(["a", "b", "c"], Direction.BOTH)

    assert len(both) == len({link.id for link in both}) == 5
    assert link_ends(small_graph.links_touching(["b"], Direction.BOTH)) == [
        ("PATH", "a", "b"),
        ("END", "b", "c"),
        ("RELATION", "b", "c"),
    ]


def test_links_touching_filtered_by_type_and_inferred(small_graph: Store) -> None:
    assert link_ends(small_graph.links_touching(["c"], Direction.UPSTREAM, [LinkType.END])) == [
        ("END", "b", "c")
    ]
    assert link_ends(
        small_graph.links_touching(["a"], Direction.BOTH, [LinkType.START, LinkType.PATH])
    ) == [("START", None, "a"), ("PATH", "a", "b"), ("PATH", "a", "c")]
    assert link_ends(
        small_graph.links_touching(["a"], Direction.DOWNSTREAM, include_inferred=False)
    ) == [("PATH", "a", "b")]
    assert small_graph.links_touching(["a"], Direction.DOWNSTREAM, [LinkType.RELATION]) == []
    assert small_graph.links_touching(["nope"], Direction.BOTH) == []


def test_relation_links_keep_their_kind_and_tags(store: Store) -> None:
    raw = relation(C1, "artifact", "a", "b")
    raw["tags"] = {"why": "built from", "count": 2}
    write(store, raw, cdevent("a", chain=C1))

    (link,) = store.links_touching(["a"], Direction.DOWNSTREAM)

    assert (link.kind, link.tags, link.chain_id) == (
        "artifact",
        {"why": "built from", "count": "2"},
        C1,
    )
    assert link.timestamp == at(0)


def test_a_start_link_without_chain_id_is_kept_but_makes_no_chain(store: Store) -> None:
    write(store, start(None, "a"), cdevent("a"))

    assert link_ends(store.links_touching(["a"], Direction.UPSTREAM)) == [("START", None, "a")]
    assert store.links_touching(["a"], Direction.UPSTREAM)[0].chain_id is None
    assert store.stats() == StoreStats(events=1, links=1, chains=0, placeholders=0)
    assert store.chain_summaries([""]) == {}


# -- chains ------------------------------------------------------------------------------------


def test_chain_events_include_events_joined_only_by_a_link_of_the_chain(store: Store) -> None:
    write(
        store,
        start(C1, "a"),
        cdevent("a", chain=C1, minute=0),
        cdevent("outsider", minute=5),  # no chainId: joins through the PATH below
        cdevent("other", chain=C2, minute=3),  # another chain's event, joined by a RELATION
        cdevent("b", chain=C1, minute=1, links=[after("a")]),
        path(C1, "b", "outsider", minute=5),
        relation(C1, "test", "b", "other", minute=6),
        path(C1, "b", "ghost", minute=7),  # placeholder: never an event of the chain
        cdevent("unrelated", chain=C2, minute=2),
    )

    assert [e.id for e in store.chain_events(C1)] == ["a", "b", "other", "outsider"]
    assert [e.id for e in store.chain_events(C2)] == ["unrelated", "other"]
    assert store.chain_events("nope") == []


def test_chain_events_are_in_time_then_id_order(store: Store) -> None:
    write(
        store,
        cdevent("b2", chain=C1, minute=1),
        cdevent("b1", chain=C1, minute=1),
        cdevent("a", chain=C1, minute=2),
        cdevent("z", chain=C1, minute=0),
    )

    assert [e.id for e in store.chain_events(C1)] == ["z", "b1", "b2", "a"]


def test_chain_links_are_the_links_carrying_the_chain_id(store: Store) -> None:
    write(
        store,
        start(C1, "a", minute=0),
        cdevent("a", chain=C1),
        cdevent("b", chain=C1, minute=1, links=[after("a")]),
        end(C1, "a", "b", minute=2),
        relation(C1, "artifact", "b", "x", minute=3),
        path(C2, "a", "b", minute=4),
    )

    assert link_ends(store.chain_links(C1)) == [
        ("START", None, "a"),
        ("PATH", "a", "b"),
        ("END", "a", "b"),
        ("RELATION", "b", "x"),
    ]
    assert link_ends(store.chain_links(C2)) == [("PATH", "a", "b")]
    assert store.chain_links("nope") == []


def test_chain_path_links_are_the_path_links_of_many_chains(store: Store) -> None:
    write(
        store,
        start(C1, "a", minute=0),
        cdevent("a", chain=C1),
        cdevent("b", chain=C1, minute=1, links=[after("a")]),
        end(C1, "a", "b", minute=2),
        relation(C1, "artifact", "b", "x", minute=3),
        path(C2, "a", "b", minute=4),
        path(C2, "b", "c", minute=5),
        path("c3", "c", "d", minute=6),
    )

    links = store.chain_path_links([C1, C2, "nope"])

    assert [(link.chain_id, *link_ends([link])[0]) for link in links] == [
        (C1, "PATH", "a", "b"),
        (C2, "PATH", "a", "b"),
        (C2, "PATH", "b", "c"),
    ]
    assert store.chain_path_links([]) == []


def test_chain_summary_counts_members_and_spans_their_times(store: Store) -> None:
    write(
        store,
        cdevent("a", chain=C1, minute=1),
        cdevent("b", chain=C1, minute=4, links=[after("a")]),
        cdevent("joined", minute=9),
        path(C1, "b", "joined", minute=9),
        path(C1, "joined", "ghost", minute=12),
    )

    assert store.chain_summaries([C1, "nope"]) == {
        C1: ChainSummary(
            id=C1,
            event_count=3,
            started_at=at(1),
            ended_at=at(9),
            complete=False,
            start_id="a",  # no START link: the earliest event
            end_id=None,
        )
    }


def test_chain_summary_start_comes_from_the_start_link(store: Store) -> None:
    write(store, cdevent("a", chain=C1, minute=1), cdevent("b", chain=C1, minute=2))
    assert store.chain_summaries([C1])[C1].start_id == "a"

    write(store, start(C1, "b", minute=2))

    assert store.chain_summaries([C1])[C1].start_id == "b"


def test_chain_is_complete_once_an_end_link_arrives(store: Store) -> None:
    write(
        store,
        start(C1, "a"),
        cdevent("a", chain=C1),
        cdevent("b", chain=C1, minute=2, links=[after("a")]),
    )
    assert not store.chain_summaries([C1])[C1].complete

    write(store, cdevent("c", "service.deployed", chain=C1, minute=3, links=[ends_after("b")]))

    summary = store.chain_summaries([C1])[C1]
    assert (summary.complete, summary.end_id, summary.start_id) == (True, "c", "a")
    assert (summary.event_count, summary.ended_at) == (3, at(3))


def test_chain_of_placeholders_only_has_no_events(store: Store) -> None:
    write(store, start(C1, "a", minute=5), path(C1, "a", "b", minute=6))

    assert store.chain_summaries([C1]) == {
        C1: ChainSummary(C1, 0, None, None, complete=False, start_id="a", end_id=None)
    }
    assert store.stats() == StoreStats(events=0, links=2, chains=1, placeholders=2)


def test_chain_summary_follows_an_event_that_joins_it_later(store: Store) -> None:
    write(store, cdevent("a", chain=C1, minute=1), path(C1, "a", "late", minute=2))
    assert store.chain_summaries([C1])[C1].event_count == 1

    write(store, cdevent("late", chain=C2, minute=30))

    summary = store.chain_summaries([C1])[C1]
    assert (summary.event_count, summary.ended_at) == (2, at(30))
    assert [e.id for e in store.chain_events(C1)] == ["a", "late"]


# -- find_events -------------------------------------------------------------------------------


@pytest.fixture
def listing(store: Store) -> Store:
    """Seven events over two chains, two sources and three subjects; some share a timestamp."""
    write(
        store,
        cdevent("e1", "pipelinerun.started", minute=0, chain=C1, subject="run-1", source="/ci/a"),
        cdevent("e2", "build.started", minute=1, chain=C1, subject="build-1", source="/ci/a"),
        cdevent("e4", "build.finished", minute=2, chain=C1, subject="build-1", source="/ci/b"),
        cdevent("e3", "build.started", minute=2, chain=C2, subject="build-2", source="/ci/b"),
        cdevent("e5", "build.finished", minute=2, chain=C2, subject="build-2", source="/ci/a"),
        cdevent("e6", "pipelinerun.finished", minute=3, chain=C1, subject="run-1", source="/ci/a"),
        cdevent("e7", "artifact.packaged", minute=4, subject="art-1", source="/ci/b"),
        path(C1, "e6", "ghost", minute=5),
    )
    return store


@pytest.mark.parametrize(
    ("event_filter", "expected"),
    [
        (EventFilter(), ["e1", "e2", "e3", "e4", "e5", "e6", "e7"]),
        (EventFilter(types=["dev.cdevents.build.started.0.3.0"]), ["e2", "e3"]),
        (
            EventFilter(
                types=["dev.cdevents.build.finished.0.3.0", "dev.cdevents.artifact.packaged.0.3.0"]
            ),
            ["e4", "e5", "e7"],
        ),
        (EventFilter(subject_types=["pipelineRun", "artifact"]), ["e1", "e6", "e7"]),
        (EventFilter(sources=["/ci/b"]), ["e3", "e4", "e7"]),
        (EventFilter(chain_id=C2), ["e3", "e5"]),
        (EventFilter(subject_id="build-1"), ["e2", "e4"]),
        (EventFilter(since=at(2)), ["e3", "e4", "e5", "e6", "e7"]),
        (EventFilter(until=at(2)), ["e1", "e2", "e3", "e4", "e5"]),
        (EventFilter(since=at(1), until=at(2, 30)), ["e2", "e3", "e4", "e5"]),
        (EventFilter(chain_id=C1, sources=["/ci/a"], since=at(1)), ["e2", "e6"]),
        (EventFilter(subject_id="build-2", types=["dev.cdevents.build.finished.0.3.0"]), ["e5"]),
        (EventFilter(types=["dev.cdevents.build.started.0.3.0"], sources=["/ci/a"]), ["e2"]),
        (EventFilter(chain_id="nope"), []),
        (EventFilter(types=["dev.cdevents.incident.detected.0.3.0"]), []),
    ],
    ids=[
        "all",
        "one type",
        "two types",
        "subject types",
        "source",
        "chain",
        "subject",
        "since",
        "until",
        "window",
        "chain+source+since",
        "subject+type",
        "type+source",
        "unknown chain",
        "absent type",
    ],
)
def test_find_events_by_filter(
    listing: Store, event_filter: EventFilter, expected: list[str]
) -> None:
    page = listing.find_events(event_filter, 20, None)

    assert [e.id for e in page.items] == expected
    assert page.total_count == len(expected)
    assert not page.has_next
    assert len(page.cursors) == len(expected)
    assert page.end_cursor == (page.cursors[-1] if expected else None)


def test_a_capped_chain_graph_of_a_bigger_chain_holds_only_its_size(listing: Store) -> None:
    # C1 holds e1, e2, e4, e6 and a link to the placeholder "ghost" (not counted).
    whole = listing.chain_graph(C1)
    at_cap = listing.chain_graph(C1, max_events=4)
    over = listing.chain_graph(C1, max_events=3)

    assert whole.oversized is None and [e.id for e in whole.events] == ["e1", "e2", "e4", "e6"]
    assert at_cap == whole
    assert over.oversized == 4
    assert (over.events, over.links, over.touching) == ([], [], [])


def test_latest_events_about_subjects_is_the_newest_of_each(listing: Store) -> None:
    # build-2 has two events in the same minute: the higher id wins the tie, like the listing.
    found = listing.latest_events_about(["build-1", "build-2", "run-1", "nope", "ghost"])

    assert {subject: event.id for subject, event in found.items()} == {
        "build-1": "e4", "build-2": "e5", "run-1": "e6",
    }  # fmt: skip
    assert listing.latest_events_about([]) == {}


@pytest.mark.parametrize(
    "event_filter",
    [
        EventFilter(),
        EventFilter(chain_id=C1),
        EventFilter(subject_id="build-2"),
        EventFilter(
            types=["dev.cdevents.build.started.0.3.0", "dev.cdevents.build.finished.0.3.0"]
        ),
        EventFilter(sources=["/ci/a", "/ci/b"], since=at(1)),
    ],
    ids=["time", "chain", "subject", "types", "sources"],
)
@pytest.mark.parametrize("first", [1, 2, 3])
def test_find_events_pages_yield_every_event_exactly_once(
    listing: Store, event_filter: EventFilter, first: int
) -> None:
    everything = listing.find_events(event_filter, 100, None).items

    items, pages = all_pages(lambda n, cursor: listing.find_events(event_filter, n, cursor), first)

    assert [e.id for e in items] == [e.id for e in everything]
    assert all(len(page.items) == first for page in pages[:-1])
    assert {page.total_count for page in pages} == {len(everything)}
    assert [page.has_next for page in pages] == [True] * (len(pages) - 1) + [False]
    for page in pages:
        assert page.cursors and page.end_cursor == page.cursors[-1]


def test_find_events_cursor_of_any_item_resumes_after_it(listing: Store) -> None:
    page = listing.find_events(EventFilter(), 7, None)

    for index, cursor in enumerate(page.cursors):
        rest = listing.find_events(EventFilter(), 7, cursor)
        assert [e.id for e in rest.items] == [e.id for e in page.items[index + 1 :]]


def test_find_events_refuses_a_foreign_cursor(listing: Store) -> None:
    with pytest.raises(CursorError):
        listing.find_events(EventFilter(), 2, "not-a-cursor")


# -- find_chains -------------------------------------------------------------------------------


@pytest.fixture
def chains(store: Store) -> Store:
    """Four chains active at different times; chain-2 and chain-3 are complete."""
    write(
        store,
        cdevent("a1", "change.merged", chain="chain-1", minute=0),
        cdevent("a2", chain="chain-1", minute=10, links=[after("a1")]),
        cdevent("b1", chain="chain-2", minute=5),
        cdevent("b2", "service.deployed", chain="chain-2", minute=20, links=[ends_after("b1")]),
        cdevent("c1", "change.merged", chain="chain-3", minute=30),
        cdevent("c2", "service.deployed", chain="chain-3", minute=40, links=[ends_after("c1")]),
        cdevent("d1", chain="chain-4", minute=20),
        path("chain-1", "a2", "later", minute=50),  # a link's time counts as activity
    )
    return store


def test_find_chains_most_recently_active_first(chains: Store) -> None:
    page = chains.find_chains(ChainFilter(), 10, None)

    assert [c.id for c in page.items] == ["chain-1", "chain-3", "chain-4", "chain-2"]
    assert page.total_count == 4 and not page.has_next
    assert page.items[0] == ChainSummary(
        "chain-1", 2, at(0), at(10), complete=False, start_id="a1", end_id=None
    )


@pytest.mark.parametrize(
    ("chain_filter", "expected"),
    [
        (ChainFilter(complete=True), ["chain-3", "chain-2"]),
        (ChainFilter(complete=False), ["chain-1", "chain-4"]),
        (ChainFilter(since=at(20)), ["chain-3", "chain-4", "chain-2"]),
        (ChainFilter(until=at(5)), ["chain-1", "chain-2"]),
        (ChainFilter(since=at(15), until=at(25)), ["chain-4", "chain-2"]),
        (ChainFilter(event_type="dev.cdevents.change.merged.0.3.0"), ["chain-1", "chain-3"]),
        (
            ChainFilter(event_type="dev.cdevents.service.deployed.0.3.0", complete=True),
            ["chain-3", "chain-2"],
        ),
        (ChainFilter(event_type="dev.cdevents.incident.detected.0.3.0"), []),
    ],
    ids=["complete", "incomplete", "since", "until", "window", "type", "type+complete", "no type"],
)
def test_find_chains_by_filter(
    chains: Store, chain_filter: ChainFilter, expected: list[str]
) -> None:
    page = chains.find_chains(chain_filter, 10, None)

    assert [c.id for c in page.items] == expected
    assert page.total_count == len(expected)


def test_find_chains_event_type_counts_events_joined_by_a_link(chains: Store) -> None:
    write(
        chains,
        cdevent("x", "incident.detected", minute=45),
        relation("chain-4", "cause", "d1", "x"),
    )

    page = chains.find_chains(
        ChainFilter(event_type="dev.cdevents.incident.detected.0.3.0"), 10, None
    )

    assert [c.id for c in page.items] == ["chain-4"]


@pytest.mark.parametrize("first", [1, 2, 3])
def test_find_chains_pages_yield_every_chain_exactly_once(chains: Store, first: int) -> None:
    # Two more chains whose activity ties with chain-4 (minute 20): ties go by id, descending.
    write(
        chains, cdevent("e1", chain="chain-5", minute=20), cdevent("f1", chain="chain-0", minute=20)
    )

    items, pages = all_pages(lambda n, cursor: chains.find_chains(ChainFilter(), n, cursor), first)

    assert [c.id for c in items] == [
        "chain-1", "chain-3", "chain-5", "chain-4", "chain-2", "chain-0",
    ]  # fmt: skip
    assert {page.total_count for page in pages} == {6}
    assert [page.has_next for page in pages] == [True] * (len(pages) - 1) + [False]


# -- stats -------------------------------------------------------------------------------------


def test_stats_count_events_links_chains_and_placeholders(store: Store) -> None:
    write(
        store,
        start(C1, "a"),
        cdevent("a", chain=C1),
        cdevent("b", chain=C1, minute=1, links=[after("a"), ends_after("a"), relates("r", "x")]),
        path(C2, "b", "y"),
        cdevent("c"),
    )

    assert store.stats() == StoreStats(events=3, links=5, chains=2, placeholders=2)


def _picture(store: Store) -> dict[str, Any]:
    """Everything the protocol shows about a small store, for before/after comparisons."""
    events = store.find_events(EventFilter(), 1000, None).items
    ids = [e.id for e in events]
    links = store.links_touching(ids, Direction.BOTH)
    chain_ids = [c.id for c in store.find_chains(ChainFilter(), 1000, None).items]
    return {
        "events": {e.id: e for e in events},
        "links": {link.id: (link, link.digest) for link in links},
        "chains": store.chain_summaries(chain_ids),
        "placeholders": store.placeholder_ids([end for link in links for end in link.endpoints()]),
        "stats": store.stats(),
    }
