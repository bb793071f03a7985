"""Tests of the deterministic demo / load generator (lineage.demo)."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from lineage.demo import (
    demo_events,
    demo_records,
    events_per_chain_estimate,
    sloppy_records,
    write_jsonl,
)

SPEC_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "cdevents-spec"
SCHEMA_DIR = SPEC_DIR / "schemas"
RFC3339_Z = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z")
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
TS_RE = re.compile(r"(\d{4}-\d\d-\d\d)[Tt](\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)")

Record = dict[str, Any]

needs_spec = pytest.mark.skipif(
    not SCHEMA_DIR.is_dir(), reason=f"CDEvents spec data not found at {SCHEMA_DIR}"
)


def _is_event(record: Record) -> bool:
    """Tell events (with a context) from standalone link records."""
    return "context" in record


def _chain_id(record: Record) -> str:
    """Return the chainId of an event or a standalone link."""
    return str(record["context"]["chainId"] if _is_event(record) else record["chainId"])


def _instant(value: str) -> tuple[datetime, int]:
    """Parse any RFC 3339 form the generators emit into (UTC second, nanoseconds)."""
    match = TS_RE.fullmatch(value)
    assert match is not None, value
    day, clock, frac, zone = match.groups()
    moment = datetime.fromisoformat(f"{day}T{clock}")
    if zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        moment -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return moment.replace(tzinfo=UTC), int((frac or "").ljust(9, "0"))


def _chains(records: Iterable[Record]) -> tuple[list[str], dict[str, list[Record]]]:
    """Return chainIds in START order and each chain's records in arrival order."""
    order: list[str] = []
    by_chain: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.get("linkType") == "START":
            order.append(record["chainId"])
        by_chain[_chain_id(record)].append(record)
    return order, by_chain


def _path_graph(records: list[Record]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Return PATH predecessors and successors per event id (embedded and standalone links)."""
    preds: dict[str, set[str]] = defaultdict(set)
    succs: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if _is_event(record):
            me = record["context"]["id"]
            for link in record["context"].get("links", []):
                if link["linkType"] == "PATH":
                    preds[me].add(link["from"]["contextId"])
                    succs[link["from"]["contextId"]].add(me)
        elif record["linkType"] == "PATH":
            preds[record["to"]["contextId"]].add(record["from"]["contextId"])
            succs[record["from"]["contextId"]].add(record["to"]["contextId"])
    return preds, succs


@lru_cache(maxsize=1)
def _validators() -> tuple[dict[str, Draft202012Validator], dict[str, Draft202012Validator]]:
    """Build validators per event type and per standalone link type from the shared schemas."""
    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.rglob("*.json")]
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas
    )
    checker = Draft202012Validator.FORMAT_CHECKER
    events: dict[str, Draft202012Validator] = {}
    links: dict[str, Draft202012Validator] = {}
    for schema in schemas:
        validator = Draft202012Validator(schema, registry=registry, format_checker=checker)
        event_type = schema.get("properties", {}).get("context", {}).get("properties", {})
        if "type" in event_type and "enum" in event_type["type"]:
            for name in event_type["type"]["enum"]:
                events[name] = validator
        elif schema["$id"].rsplit("/", 1)[1].startswith("link"):
            link_type = schema["properties"]["linkType"]["enum"][0]
            links[link_type] = validator
    return events, links


# ----------------------------------------------------------------------------- (a) determinism


def test_same_seed_same_output() -> None:
    """The same seed yields byte-identical records."""
    assert list(demo_records(chains=20, seed=3)) == list(demo_records(chains=20, seed=3))


def test_different_seed_different_output() -> None:
    """A different seed yields different ids and timings."""
    assert list(demo_records(chains=20, seed=3)) != list(demo_records(chains=20, seed=4))


def test_default_start_and_custom_start() -> None:
    """Chains start at the fixed default instant, or at `start` when given."""
    first = next(r for r in demo_records() if _is_event(r))
    assert first["context"]["timestamp"] == "2026-01-05T09:00:00.000Z"
    start = datetime(2030, 6, 1, 12, 30, tzinfo=UTC)
    first = next(r for r in demo_records(chains=2, start=start) if _is_event(r))
    assert first["context"]["timestamp"] == "2030-06-01T12:30:00.000Z"


# ------------------------------------------------------------------------ (b) schema validation


@needs_spec
def test_every_event_validates_against_its_schema() -> None:
    """Each event validates against the v0.5.1 JSON schema for its exact type string."""
    events, _ = _validators()
    seen: Counter[str] = Counter()
    for record in demo_records(chains=30):
        if not _is_event(record):
            continue
        event_type = record["context"]["type"]
        assert event_type in events, f"no schema for {event_type}"
        errors = [e.message for e in events[event_type].iter_errors(record)]
        assert not errors, (event_type, errors)
        assert RFC3339_Z.fullmatch(record["context"]["timestamp"])
        seen[event_type.split(".")[2] + "." + event_type.split(".")[3]] += 1
    assert {"change.merged", "service.rolledback", "incident.detected", "build.started"} <= set(
        seen
    )


@needs_spec
def test_every_standalone_link_validates_against_its_schema() -> None:
    """Each standalone link validates against the link schema of its linkType."""
    _, links = _validators()
    kinds: Counter[str] = Counter()
    for record in demo_records(chains=30):
        if _is_event(record):
            continue
        errors = [e.message for e in links[record["linkType"]].iter_errors(record)]
        assert not errors, (record, errors)
        assert RFC3339_Z.fullmatch(record["timestamp"])
        kinds[record["linkType"]] += 1
    assert kinds["START"] == 30
    assert kinds["PATH"] > 0


def test_ids_are_uuids() -> None:
    """Event ids and chainIds are lower-case version 4 UUIDs, all distinct."""
    ids = [r["context"]["id"] for r in demo_records(chains=30) if _is_event(r)]
    assert all(UUID_RE.fullmatch(i) for i in ids)
    assert len(ids) == len(set(ids))
    order, _ = _chains(demo_records(chains=30))
    assert all(UUID_RE.fullmatch(c) for c in order)
    assert len(set(order)) == 30


# ----------------------------------------------------------------------- (c) scenario shapes


def test_arrival_order() -> None:
    """Time order within a chain, START right before the first event, chains interleave."""
    records = list(demo_records(chains=15))
    order, by_chain = _chains(records)
    for i, record in enumerate(records):
        if record.get("linkType") == "START":
            nxt = records[i + 1]
            assert nxt["context"]["id"] == record["start"]["contextId"]
            assert nxt["context"]["chainId"] == record["chainId"]
    for chain in by_chain.values():
        stamps = [
            _instant(r["context"]["timestamp"] if _is_event(r) else r["timestamp"]) for r in chain
        ]
        assert stamps == sorted(stamps)
        assert chain[0]["linkType"] == "START"
    switches = sum(_chain_id(a) != _chain_id(b) for a, b in itertools.pairwise(records))
    assert switches > 2 * len(order)  # chains interleave, not just concatenate


def test_links_follow_the_chain() -> None:
    """Every non-first event has a PATH predecessor; service events point at the pipeline run."""
    _, by_chain = _chains(demo_records(chains=15))
    for chain in by_chain.values():
        events = [r for r in chain if _is_event(r)]
        preds, _ = _path_graph(chain)
        ids = {e["context"]["id"] for e in events}
        for event in events[1:]:
            assert preds[event["context"]["id"]], event["context"]["type"]
            assert preds[event["context"]["id"]] <= ids
        started = {
            e["context"]["id"] for e in events if ".pipelinerun.started." in e["context"]["type"]
        }
        for event in events:
            if ".service." in event["context"]["type"]:
                relations = [
                    link for link in event["context"]["links"] if link["linkType"] == "RELATION"
                ]
                assert [r["linkKind"] for r in relations] == ["TRIGGER"]
                assert relations[0]["target"]["contextId"] in started


def test_fan_out_rejoins_at_promote() -> None:
    """A fan-out chain has one event with three PATH successors whose branches rejoin at promote."""
    _, by_chain = _chains(demo_records(chains=12))
    checked = 0
    styles: set[tuple[int, int]] = set()
    for chain in by_chain.values():
        events = {r["context"]["id"]: r for r in chain if _is_event(r)}
        promotes = [
            eid for eid, e in events.items() if e["subject"]["content"].get("taskName") == "promote"
        ]
        if not promotes:
            continue
        preds, succs = _path_graph(chain)
        fans = [eid for eid in events if len(succs[eid]) == 3]
        assert len(fans) == 1
        (fan,) = fans
        (promote,) = promotes
        assert len(preds[promote]) == 3
        for branch in succs[fan]:
            assert ".build.started." in events[branch]["context"]["type"]
            node, hops = branch, 0
            while promote not in succs[node]:
                (node,) = succs[node]
                hops += 1
                assert hops < 5
            assert node in preds[promote]
        embedded = sum(
            link["linkType"] == "PATH" for link in events[promote]["context"].get("links", [])
        )
        standalone = sum(1 for r in chain if not _is_event(r) and r["linkType"] == "PATH")
        styles.add((embedded, standalone))
        checked += 1
    assert checked >= 3
    assert styles == {(0, 3), (3, 0), (1, 2)}  # standalone, embedded and mixed fan-in


def test_rollback_chain() -> None:
    """A rollback chain rolls prod back to an earlier artifact after an incident and fails."""
    _, by_chain = _chains(demo_records(chains=12))
    rollbacks = 0
    for chain in by_chain.values():
        types = [r["context"]["type"].split(".")[2:4] for r in chain if _is_event(r)]
        if ["service", "rolledback"] not in types:
            continue
        rollbacks += 1
        events = [r for r in chain if _is_event(r)]
        assert types[-3:] == [
            ["incident", "detected"],
            ["service", "rolledback"],
            ["pipelinerun", "finished"],
        ]
        incident, rolledback, finished = events[-3:]
        assert incident["subject"]["content"]["environment"]["id"] == "prod"
        assert rolledback["subject"]["content"]["environment"]["id"] == "prod"
        bad = incident["subject"]["content"]["artifactId"]
        assert rolledback["subject"]["content"]["artifactId"] != bad
        assert finished["subject"]["content"]["outcome"] == "failure"
    assert rollbacks == 4


def test_every_fifth_chain_is_incomplete() -> None:
    """Chains 4, 9, 14, ... carry no END link; all others end with one."""
    order, by_chain = _chains(demo_records(chains=30))
    for index, chain_id in enumerate(order):
        events = [r for r in by_chain[chain_id] if _is_event(r)]
        ends = [
            (pos, link)
            for pos, event in enumerate(events)
            for link in event["context"].get("links", [])
            if link["linkType"] == "END"
        ]
        if index % 5 == 4:
            assert ends == []
        else:
            assert len(ends) == 1
            pos, link = ends[0]
            assert pos == len(events) - 1
            assert link["from"]["contextId"] == events[-2]["context"]["id"]


def test_delivery_change_merged_shape() -> None:
    """The delivery chain starts with change.merged carrying commit data as customData."""
    first = next(r for r in demo_records(chains=1) if _is_event(r))
    assert first["context"]["type"] == "dev.cdevents.change.merged.0.3.0"
    assert re.fullmatch(r"myorg/[a-z-]+/pull/\d+", first["subject"]["id"])
    assert set(first["customData"]) == {"commitHash", "commitUrl", "title", "author"}
    assert re.fullmatch(r"[0-9a-f]{40}", first["customData"]["commitHash"])
    assert first["customDataContentType"] == "application/json"


def test_events_per_chain_estimate_matches_output() -> None:
    """The sizing helper is close to what demo_records actually produces."""
    chains = 150
    events = sum(1 for r in demo_records(chains=chains, seed=11) if _is_event(r))
    assert abs(events / chains - events_per_chain_estimate()) < 1.0


def test_write_jsonl(tmp_path: Path) -> None:
    """write_jsonl writes one JSON record per line and returns the count."""
    records = list(demo_records(chains=3))
    path = tmp_path / "out" / "demo.jsonl"
    assert write_jsonl(path, records) == len(records)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records


# ------------------------------------------------------------------------ (d) sloppy producers


def _sloppy(seed: int = 7) -> tuple[list[Record], list[Record]]:
    """Return (clean, sloppy) record lists for 80 chains."""
    clean = list(demo_records(chains=80))
    return clean, list(sloppy_records(clean, seed=seed))


def test_sloppy_keeps_event_ids_and_does_not_mutate_input() -> None:
    """The set of event ids is unchanged modulo case, and the input records are untouched."""
    clean, sloppy = _sloppy()
    assert clean == list(demo_records(chains=80))
    clean_ids = {r["context"]["id"] for r in clean if _is_event(r)}
    sloppy_ids = {r["context"]["id"].lower() for r in sloppy if _is_event(r)}
    assert sloppy_ids == clean_ids
    clean_links = sum(1 for r in clean if not _is_event(r))
    assert sum(1 for r in sloppy if not _is_event(r)) == clean_links


def test_sloppy_is_deterministic() -> None:
    """Same seed, same sloppy stream; another seed, another stream."""
    clean = list(demo_records(chains=40))
    assert list(sloppy_records(clean, seed=1)) == list(sloppy_records(clean, seed=1))
    assert list(sloppy_records(clean, seed=1)) != list(sloppy_records(clean, seed=2))


def test_sloppy_duplicates_are_exact_and_later() -> None:
    """Some events arrive twice, as exact copies, later in the stream."""
    _, sloppy = _sloppy()
    positions: dict[str, list[int]] = defaultdict(list)
    for pos, record in enumerate(sloppy):
        if _is_event(record):
            positions[record["context"]["id"]].append(pos)
    duplicated = {eid: p for eid, p in positions.items() if len(p) > 1}
    events = len(positions)
    assert 0.02 * events < len(duplicated) < 0.09 * events
    for first, *again in duplicated.values():
        assert len(again) == 1
        assert sloppy[first] == sloppy[again[0]]
        assert sloppy[first] is not sloppy[again[0]]


def test_sloppy_uppercases_some_ids() -> None:
    """About 10% of UUIDs (event ids, chainIds, link contextIds) are upper-cased."""
    _, sloppy = _sloppy()
    ids = [r["context"]["id"] for r in sloppy if _is_event(r)]
    upper = [i for i in ids if i != i.lower()]
    assert 0.05 * len(ids) < len(upper) < 0.15 * len(ids)
    assert all(i == i.upper() for i in upper)
    link_ids = [r["chainId"] for r in sloppy if not _is_event(r)]
    assert any(c != c.lower() for c in link_ids)


def test_sloppy_timestamps_keep_the_instant() -> None:
    """Re-written timestamps use other RFC 3339 forms but denote the same instant."""
    clean, sloppy = _sloppy()
    original = {r["context"]["id"]: r["context"]["timestamp"] for r in clean if _is_event(r)}
    forms: Counter[str] = Counter()
    for record in sloppy:
        if not _is_event(record):
            continue
        stamp = record["context"]["timestamp"]
        before = original[record["context"]["id"].lower()]
        assert _instant(stamp) == _instant(before), (stamp, before)
        if stamp != before:
            if stamp.endswith("+00:00"):
                forms["+00:00"] += 1
            elif stamp.endswith("+02:00"):
                forms["+02:00"] += 1
            elif stamp.endswith("z"):
                forms["lower"] += 1
            elif "." in stamp:
                forms[f"frac{len(stamp.split('.')[1]) - 1}"] += 1
            else:
                forms["nofrac"] += 1
    # demo_records already writes 3 fractional digits, so the 3-digit form changes nothing
    assert set(forms) == {"+00:00", "+02:00", "lower", "frac6", "frac9", "nofrac"}


def test_sloppy_old_spec_versions_and_missing_chain_ids() -> None:
    """Some events come in v0.3 or v0.4 shape, some v0.5.1 events lack their chainId."""
    _, sloppy = _sloppy()
    v03 = [r for r in sloppy if _is_event(r) and r["context"].get("version") == "0.3.0"]
    v04 = [r for r in sloppy if _is_event(r) and r["context"].get("specversion") == "0.4.1"]
    assert v03 and v04
    for record in v03:
        context = record["context"]
        assert not {"specversion", "chainId", "links", "schemaUri"} & set(context)
        assert re.fullmatch(r"dev\.cdevents\.[a-z]+\.[a-z]+\.0\.1\.[0-2]", context["type"])
        assert record["subject"]["type"]
        assert "uri" not in record["subject"]["content"]
    assert any(r["subject"]["type"] in ("pipelineRun", "taskRun") for r in v03)
    assert any("url" in r["subject"]["content"] for r in v03)
    for record in v04:
        assert "links" not in record["context"]
        assert record["context"]["type"].endswith(".0.2.0")
    current = [r for r in sloppy if _is_event(r) and r["context"].get("specversion") == "0.5.1"]
    missing = [r for r in current if "chainId" not in r["context"]]
    assert 0.01 * len(current) < len(missing) < 0.1 * len(current)


def test_sloppy_moves_some_links_before_their_events() -> None:
    """Some standalone links arrive before an event they join."""
    _, sloppy = _sloppy()
    seen: set[str] = set()
    early = 0
    for record in sloppy:
        if _is_event(record):
            seen.add(record["context"]["id"].lower())
            continue
        targets = [record[end]["contextId"].lower() for end in ("start", "to") if end in record]
        early += any(t not in seen for t in targets)
    assert early > 0


def test_demo_events_holds_exactly_that_many_events_in_demo_order() -> None:
    records = list(demo_events(500, seed=3))

    assert sum(1 for r in records if "context" in r) == 500
    assert records == list(itertools.islice(demo_records(chains=200, seed=3), len(records)))
