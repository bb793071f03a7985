"""Hostile input against every write endpoint: zero 5xx, each bad record named by index and path,
the valid records of the same request stored.

Bodies are the CDEvents spec's own examples (and valid links, PipeCD records, live-state
reports) mutated by hypothesis: keys dropped, values of the wrong type, huge strings, deep
nesting, invalid UTF-8, truncation, and wrong or missing content types, in every mode each
endpoint reads (plain JSON, JSON Lines, CloudEvents structured / batch / binary).
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from lineage.http import create_app
from lineage.store.embedded import EmbeddedStore
from tests.support.pipelines import live_report
from tests.support.trace_scenarios import pipecd_trace

EXAMPLES_PER_TEST = 500
FUZZ = settings(
    max_examples=EXAMPLES_PER_TEST,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
ERROR_KEYS = {
    "errors", "stored", "duplicates", "conflicts", "conflicting_ids", "rejected", "records",
}  # fmt: skip
_fresh = itertools.count()

Json = Any


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = EmbeddedStore(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    with TestClient(create_app(store), raise_server_exceptions=False) as test_client:
        yield test_client
    store.close()


@pytest.fixture(scope="module")
def examples(spec_dir: Path) -> list[Json]:
    found = [json.loads(p.read_text()) for p in sorted((spec_dir / "examples").glob("*.json"))]
    assert len(found) > 30
    return found


# -- what a mutation may put in a record -----------------------------------------------------

JUNK: st.SearchStrategy[Json] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", " ", "null", "2026-13-45T99:99:99Z", "\u0000", "💥" * 50]),
    st.integers(min_value=10_000, max_value=300_000).map(lambda n: "x" * n),  # huge strings
    st.integers(min_value=10, max_value=900).map(lambda depth: _nested(depth)),  # deep nesting
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _nested(depth: int) -> Json:
    value: Json = "bottom"
    for level in range(depth):
        value = [value] if level % 2 else {"n": value}
    return value


def _paths(value: Json, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside `value` (dict keys and list indexes)."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@st.composite
def mutated(draw: st.DrawFn, record: Json) -> Json:
    """`record` with one to three mutations at random paths."""
    result = copy.deepcopy(record)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(result) if p]
        if not paths:
            return draw(JUNK)
        path = draw(st.sampled_from(paths))
        parent = result
        for step in path[:-1]:
            parent = parent[step]
        operation = draw(st.sampled_from(["replace", "delete", "rename"]))
        if operation == "replace":
            parent[path[-1]] = draw(JUNK)
        elif isinstance(parent, dict):
            value = parent.pop(path[-1])
            if operation == "rename":
                parent[draw(st.text(max_size=8))] = value
        else:
            del parent[path[-1]]
    return result


def _unique(record: Json, kind: str) -> Json:
    """A valid record of `kind` whose id nobody else uses (so it must come back `stored`)."""
    fresh = copy.deepcopy(record)
    n = next(_fresh)
    if kind == "event":
        fresh["context"]["id"] = f"fuzz-valid-{n}"
    elif kind == "link":
        fresh["source"]["contextId"] = f"fuzz-from-{n}"
    elif kind == "trace":
        fresh["id"] = f"fuzz-trace-{n}"
    else:
        fresh["applicationId"] = f"fuzz-app-{n}"
    return fresh


LINK = {
    "chainId": "fuzz-chain", "linkType": "RELATION", "linkKind": "ARTIFACT",
    "source": {"contextId": "fuzz-a"}, "target": {"contextId": "fuzz-b"},
    "timestamp": "2026-01-05T09:00:00Z",
}  # fmt: skip
BASES = {
    "/links": ("link", LINK),
    "/traces": ("trace", pipecd_trace()[0]),
    "/livestate": ("report", live_report("prod", "2026-02-03T11:00:00Z", "v1")),
}


def _cloudevent(cdevent: Json) -> Json:
    context = cdevent.get("context") if isinstance(cdevent, dict) else None
    context = context if isinstance(context, dict) else {}
    return {
        "specversion": "1.0",
        "id": str(context.get("id", "x")),
        "source": str(context.get("source", "/x")),
        "type": str(context.get("type", "x")),
        "datacontenttype": "application/json",
        "data": cdevent,
    }


# -- the checks every answer must pass ---------------------------------------------------------


def check_answer(response: Any, valid_positions: list[int]) -> None:
    """No 5xx; the one error shape; each rejection named; the valid records stored."""
    assert response.status_code < 500, response.text[:2000]
    assert response.headers["content-type"] == "application/json", response.text[:500]
    body = response.json()
    assert set(body) == ERROR_KEYS
    records = body["records"]
    for error in body["errors"]:
        assert error["reason"]
        if error["index"] is None:  # the request as a whole was refused; nothing stored
            assert response.status_code in (400, 413, 415) and records == []
            return
        assert isinstance(error["index"], int) and isinstance(error["path"], str)
        assert error["path"].endswith(f"[{error['index']}]")
        assert records[error["index"]]["status"] == "rejected"
    rejected = [r["index"] for r in records if r["status"] == "rejected"]
    assert rejected == [e["index"] for e in body["errors"]]
    expected = 400 if rejected else 422 if body["conflicting_ids"] else 200
    assert response.status_code == expected
    for position in valid_positions:
        assert records[position]["status"] == "stored", records[position]


def _to_bytes(document: Json) -> bytes:
    try:
        return orjson.dumps(document)
    except (TypeError, orjson.JSONEncodeError):  # e.g. an integer beyond 64 bits
        return json.dumps(document).encode()


# -- the tests ----------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_mutated_spec_examples_as_json_arrays(
    client: TestClient, examples: list[Json], data: st.DataObject
) -> None:
    base = data.draw(st.sampled_from(examples))
    bad = data.draw(st.lists(mutated(base), min_size=1, max_size=4))
    records = [*bad, _unique(base, "event")]
    order = data.draw(st.permutations(range(len(records))))
    body = [records[i] for i in order]

    response = client.post("/events", content=_to_bytes(body), headers=_json())

    check_answer(response, [order.index(len(records) - 1)])


@FUZZ
@given(data=st.data())
def test_mutated_records_on_links_traces_and_livestate(
    client: TestClient, data: st.DataObject
) -> None:
    path = data.draw(st.sampled_from(sorted(BASES)))
    kind, base = BASES[path]
    bad = data.draw(st.lists(mutated(base), min_size=1, max_size=4))
    body = [_unique(base, kind), *bad]
    as_lines = data.draw(st.booleans())

    if as_lines:
        content = b"\n".join(_to_bytes(record) for record in body)
        response = client.post(path, content=content, headers=_json("application/x-ndjson"))
    else:
        response = client.post(path, content=_to_bytes(body), headers=_json())

    check_answer(response, [0])


@FUZZ
@given(data=st.data())
def test_mutated_cloudevents_structured_batch_and_binary(
    client: TestClient, examples: list[Json], data: st.DataObject
) -> None:
    base = data.draw(st.sampled_from(examples))
    mode = data.draw(st.sampled_from(["structured", "batch", "binary"]))
    bad = data.draw(mutated(base))
    envelope = data.draw(st.one_of(st.just(_cloudevent(bad)), mutated(_cloudevent(base))))
    if mode == "structured":
        response = client.post(
            "/events", content=_to_bytes(envelope), headers=_json("application/cloudevents+json")
        )
        check_answer(response, [])
    elif mode == "batch":
        valid = _cloudevent(_unique(base, "event"))
        response = client.post(
            "/events",
            content=_to_bytes([envelope, valid]),
            headers=_json("application/cloudevents-batch+json"),
        )
        check_answer(response, [1])
    else:
        headers = {
            f"ce-{name}": str(value)[:200]
            for name, value in envelope.items()
            if name in ("specversion", "id", "source", "type") and isinstance(value, str | int)
        }
        headers = {k: v for k, v in headers.items() if v.isprintable() and v.isascii()}
        headers["content-type"] = "application/json"
        response = client.post("/events", content=_to_bytes(bad), headers=headers)
        check_answer(response, [])


@FUZZ
@given(data=st.data())
def test_corrupted_bytes_and_content_types(
    client: TestClient, examples: list[Json], data: st.DataObject
) -> None:
    path = data.draw(st.sampled_from(["/events", "/links", "/traces", "/livestate"]))
    base = data.draw(st.sampled_from(examples)) if path == "/events" else BASES[path][1]
    body = _to_bytes([base, base])
    corruption = data.draw(
        st.sampled_from(["invalid-utf8", "truncate", "garbage", "deep", "bom", "empty"])
    )
    if corruption == "invalid-utf8":
        at = data.draw(st.integers(0, len(body)))
        body = (
            body[:at]
            + data.draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80"]))
            + body[at:]
        )
    elif corruption == "truncate":
        body = body[: data.draw(st.integers(0, len(body) - 1))]
    elif corruption == "garbage":
        body = data.draw(st.binary(min_size=1, max_size=2000))
    elif corruption == "deep":
        depth = data.draw(st.integers(500, 100_000))
        body = b"[" * depth + b"]" * depth
    elif corruption == "bom":
        body = b"\xef\xbb\xbf" + body
    else:
        body = data.draw(st.sampled_from([b"", b"  \n ", b"null", b"[]", b"{}", b"[[]]"]))
    content_type = data.draw(
        st.sampled_from(
            [
                None, "application/json", "application/x-ndjson", "application/jsonl",
                "application/cloudevents+json", "application/cloudevents-batch+json",
                "text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/json; charset=latin-1", "APPLICATION/JSON", ";;;",
            ]
        )
    )  # fmt: skip
    headers = {} if content_type is None else {"content-type": content_type}

    response = client.post(path, content=body, headers=headers)

    check_answer(response, [])


def _json(media_type: str = "application/json") -> dict[str, str]:
    return {"content-type": media_type}
