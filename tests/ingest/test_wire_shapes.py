"""The fast TypedDict shapes accept exactly what the wire models accept, with the same result.

`validate_event` validates into `wire.EventShape` and falls back to `WireEvent` for anything the
shape refuses; so the shape must never accept what the models refuse, and what both accept must
normalize to the same `Event`. Mutated real events probe the edges (missing, null, empty and
mistyped fields, Python field names instead of wire names, extra keys, broken embedded links).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from lineage.demo import demo_records, sloppy_records
from lineage.ingest import RecordError, wire
from lineage.ingest.cdevents import parse_cdevent
from lineage.ingest.wire import WireEvent
from lineage.model import Event
from tests.support.cdevents import cdevent

A = "0a0a0a0a-0000-4000-8000-00000000000a"
BASES: list[dict[str, Any]] = [
    cdevent("build.started", A, chain="c-1", after=["x"], relations=[("TRIGGER", "y")],
            end_after="z", custom_data={"k": [1, 2]}),
    *[r for r in sloppy_records(demo_records(chains=6, seed=11), seed=2) if "context" in r][:40],
]  # fmt: skip
PATHS = [
    ("context",), ("subject",), ("customData",), ("customDataContentType",),
    *[("context", k) for k in ("specversion", "version", "id", "source", "type", "timestamp",
                              "schemaUri", "chainId", "links")],
    *[("subject", k) for k in ("id", "source", "type", "content")],
    *[("context", "links", 0, k) for k in ("linkType", "from", "target", "linkKind", "tags")],
    ("context", "links", 0, "from", "contextId"), ("context", "links", 0, "target", "contextId"),
]  # fmt: skip
PYTHON_NAMES = {
    "chainId": "chain_id", "schemaUri": "schema_uri", "customData": "custom_data",
    "customDataContentType": "custom_data_content_type", "linkType": "link_type",
    "linkKind": "link_kind", "from": "from_", "contextId": "context_id",
}  # fmt: skip
VALUES = st.sampled_from([
    None, "", "x", 0, 1.5, True, [], {}, ["a"], {"a": 1}, "PATH", "RELATION", "START", "0.3.0",
    "2026-01-05T09:00:00Z", {"contextId": "e"},
])  # fmt: skip


def _container(record: dict[str, Any], path: tuple[Any, ...]) -> Any:
    target: Any = record
    for step in path[:-1]:
        in_dict = isinstance(target, dict) and isinstance(step, str) and step in target
        in_list = isinstance(target, list) and isinstance(step, int) and step < len(target)
        if not (in_dict or in_list):
            return None
        target = target[step]
    return target if isinstance(target, dict) else None


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A real event with a few fields deleted, replaced, renamed or added."""
    record = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(PATHS))
        holder = _container(record, path)
        if holder is None:
            continue
        key = path[-1]
        action = draw(st.sampled_from(["delete", "set", "rename", "duplicate"]))
        if action == "delete":
            holder.pop(key, None)
        elif action == "set":
            holder[key] = draw(VALUES)
        elif key in holder and key in PYTHON_NAMES:
            value = holder.pop(key) if action == "rename" else holder[key]
            holder[PYTHON_NAMES[key]] = value if action == "rename" else draw(VALUES)
    return record


def reference(raw: dict[str, Any]) -> Event | str:
    """Parse through the models alone (the shape made to refuse everything)."""

    class Refuse:
        def validate_python(self, value: Any) -> Any:
            WireEvent.model_validate({})  # raises a ValidationError

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(wire, "_EVENT_SHAPE", Refuse())
        try:
            return parse_cdevent(raw)
        except RecordError as exc:
            return f"rejected: {exc}"


def fast(raw: dict[str, Any]) -> Event | str:
    try:
        return parse_cdevent(raw)
    except RecordError as exc:
        return f"rejected: {exc}"


def same(a: Event | str, b: Event | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return a == b and [x.id for x in a.links] == [x.id for x in b.links]


@settings(max_examples=400, deadline=None)
@given(record=mutated())
def test_shape_and_models_agree_on_mutated_events(record: dict[str, Any]) -> None:
    shape_accepts = _shape_accepts(record)
    try:
        WireEvent.model_validate(record)
        models_accept = True
    except ValidationError:
        models_accept = False
    assert not (shape_accepts and not models_accept), "the fast shape accepted a bad record"
    assert same(fast(record), reference(record))


def test_real_events_take_the_fast_path() -> None:
    assert all(_shape_accepts(record) for record in BASES)


def test_spec_examples_parse_the_same_both_ways(spec_dir: Path) -> None:
    for path in sorted((spec_dir / "examples").glob("*.json")):
        raw = json.loads(path.read_text())
        assert same(fast(raw), reference(raw)), path.name


def _shape_accepts(record: dict[str, Any]) -> bool:
    try:
        shape = wire._EVENT_SHAPE.validate_python(record)
    except ValidationError:
        return False
    return wire._consistent(shape)
