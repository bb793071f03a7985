"""Limits and content types of the write endpoints: 413, 415, 429, JSON Lines, one error shape."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from lineage.store.embedded import EmbeddedStore
from tests.support.live_server import ServedStore, serve_store
from tests.support.scenarios import cdevent
from tests.support.write_lock import write_lock_held

WRITE_PATHS = ["/events", "/links", "/traces", "/livestate"]
ERROR_KEYS = {
    "errors", "stored", "duplicates", "conflicts", "conflicting_ids", "rejected", "records",
}  # fmt: skip


def event(n: int) -> dict[str, Any]:
    return cdevent(
        f"limits-{n}", "dev.cdevents.build.finished.0.2.0", "2026-01-05T09:00:00Z",
        source="/ci", subject=f"build-{n}", chain=None,
    )  # fmt: skip


def link(n: int) -> dict[str, Any]:
    return {
        "chainId": "limits-chain", "linkType": "RELATION", "linkKind": "ARTIFACT",
        "source": {"contextId": f"limits-{n}"}, "target": {"contextId": f"limits-{n + 1}"},
    }  # fmt: skip


def post(served: ServedStore, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(f"{served.server.url}{path}", timeout=30, **kwargs)


@pytest.fixture
def served(tmp_path: Path) -> Any:
    store = EmbeddedStore(tmp_path / "limits.db")
    with serve_store(store) as served:
        yield served
    store.close()


def assert_error_shape(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    assert set(body) == ERROR_KEYS
    assert body["errors"] and all(e["reason"] for e in body["errors"])
    return body


@pytest.mark.parametrize("content_type", ["application/x-ndjson", "application/jsonl"])
def test_json_lines_bodies_are_read_one_record_per_line(
    served: ServedStore, content_type: str
) -> None:
    lines = [orjson.dumps(event(1)), b"", orjson.dumps(event(2)) + b"\r", b"{broken", b"  "]
    body = b"\n".join(lines) + b"\n"

    response = post(served, "/events", content=body, headers={"content-type": content_type})

    assert response.status_code == 400
    assert response.json()["stored"] == 2
    (error,) = response.json()["errors"]
    assert error["index"] == 2 and error["path"] == "events[2]"
    assert error["reason"].startswith("line 4: invalid JSON")
    assert set(served.store.get_events(["limits-1", "limits-2"])) == {"limits-1", "limits-2"}


def test_json_lines_on_links(served: ServedStore) -> None:
    body = b"\n".join(orjson.dumps(link(n)) for n in range(3))

    response = post(served, "/links", content=body, headers={"content-type": "application/jsonl"})

    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 3


@pytest.mark.parametrize("path", WRITE_PATHS)
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"]
)
def test_unknown_content_types_are_415(served: ServedStore, path: str, content_type: str) -> None:
    headers = {"content-type": content_type}

    response = post(served, path, content=orjson.dumps(event(1)), headers=headers)

    body = assert_error_shape(response, 415)
    assert content_type in body["errors"][0]["reason"]
    assert served.store.get_events(["limits-1"]) == {}


def test_binary_mode_with_a_non_json_body_type_is_415(served: ServedStore) -> None:
    headers = {
        "ce-specversion": "1.0", "ce-id": "limits-1", "ce-source": "/ci",
        "ce-type": "dev.cdevents.build.finished.0.2.0", "content-type": "text/xml",
    }  # fmt: skip

    response = post(served, "/events", content=b"<event/>", headers=headers)

    assert_error_shape(response, 415)


@pytest.mark.parametrize("path", [*WRITE_PATHS, "/graphql"])
def test_oversized_bodies_get_413_in_the_one_error_shape(tmp_path: Path, path: str) -> None:
    store = EmbeddedStore(tmp_path / "small.db")
    body = orjson.dumps([event(n) for n in range(40)])
    assert len(body) > 2048
    with serve_store(store, max_body_bytes=2048) as served:
        json_type = {"content-type": "application/json"}
        declared = post(served, path, content=body, headers=json_type)
        chunks = iter([body[:1000], body[1000:]])  # no content-length: cut off while streaming
        streamed = post(served, path, content=chunks, headers=json_type)
    store.close()

    for response in (declared, streamed):
        reason = assert_error_shape(response, 413)["errors"][0]["reason"]
        assert "2048 bytes" in reason and "LINEAGE_MAX_BODY_BYTES" in reason


def test_unknown_routes_and_methods_answer_in_the_one_error_shape(served: ServedStore) -> None:
    assert_error_shape(httpx.get(f"{served.server.url}/events"), 405)
    assert_error_shape(httpx.post(f"{served.server.url}/nope", json={}), 404)


def test_writes_beyond_the_in_flight_cap_get_429_with_retry_after(tmp_path: Path) -> None:
    """Three writes at once while another process holds the write lock: one is admitted and
    waits for the lock, the other two are refused at once instead of queueing."""
    path = tmp_path / "admission.db"
    store = EmbeddedStore(path, busy_timeout=120)
    responses: list[httpx.Response] = []
    done = threading.Condition()

    def send(n: int) -> None:
        response = httpx.post(f"{served.server.url}/events", json=event(n), timeout=180)
        with done:
            responses.append(response)
            done.notify_all()

    with serve_store(store, max_inflight_writes=1) as served, write_lock_held(path):
        senders = [threading.Thread(target=send, args=(n,)) for n in range(3)]
        for sender in senders:
            sender.start()
        with done:
            assert done.wait_for(lambda: len(responses) == 2, timeout=120)
        reads = httpx.get(f"{served.server.url}/healthz/live", timeout=60)
    for sender in senders:  # the lock is released: the admitted write goes through
        sender.join(180)
    store.close()

    refused, refused_too, admitted = responses
    for response in (refused, refused_too):
        body = assert_error_shape(response, 429)
        assert response.headers["retry-after"] == "1"
        assert "too many writes in flight (at most 1)" in body["errors"][0]["reason"]
    assert reads.status_code == 200  # reads are not counted
    assert admitted.status_code == 200 and admitted.json()["stored"] == 1


def test_graphql_requests_beyond_their_own_cap_get_429_and_writes_are_not_held_up(
    tmp_path: Path,
) -> None:
    """GraphQL requests are counted apart from writes: a cap of 0 refuses every one of them."""
    store = EmbeddedStore(tmp_path / "queries.db")
    with serve_store(store, max_inflight_queries=0) as served:
        query = post(served, "/graphql", json={"query": "{ __typename }"})
        write = post(served, "/events", json=event(1))
    store.close()

    body = assert_error_shape(query, 429)
    assert query.headers["retry-after"] == "1"
    assert "too many GraphQL requests in flight (at most 0)" in body["errors"][0]["reason"]
    assert write.status_code == 200
