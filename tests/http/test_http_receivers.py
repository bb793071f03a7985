"""`POST /events` and `POST /links` on a live server: every CloudEvents mode, plain JSON, errors."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from lineage.store import Store
from tests.support.live_server import ServedStore, serve_store
from tests.support.scenarios import RELEASE, RELEASE_CHAIN, cdevent

EVENTS = [r for r in RELEASE if "context" in r]
START = next(r for r in RELEASE if "context" not in r)
BUILD_MAC = EVENTS[1]


@pytest.fixture
def served(store: Store) -> Iterator[ServedStore]:
    with serve_store(store) as served:
        yield served


def post(served: ServedStore, path: str, **kwargs: Any) -> httpx.Response:
    return httpx.post(f"{served.server.url}{path}", timeout=30, **kwargs)


def cloudevent(cdevent: dict[str, Any]) -> dict[str, Any]:
    """A structured-mode CloudEvent carrying a CDEvent, as the CDEvents SDKs send it."""
    context = cdevent["context"]
    return {
        "specversion": "1.0",
        "id": context["id"],
        "source": context["source"],
        "type": context["type"],
        "time": context["timestamp"],
        "datacontenttype": "application/json",
        "data": cdevent,
    }


def assert_stored(store: Store, *ids: str) -> None:
    assert set(store.get_events(list(ids))) == set(ids)


def test_binary_mode_cloudevent(served: ServedStore) -> None:
    context = BUILD_MAC["context"]
    headers = {
        "ce-specversion": "1.0",
        "ce-id": context["id"],
        "ce-source": context["source"],
        "ce-type": context["type"],
        "ce-time": context["timestamp"],
        "content-type": "application/json",
    }

    response = post(served, "/events", content=orjson.dumps(BUILD_MAC), headers=headers)

    assert response.status_code == 200, response.text
    assert response.json() == {
        "errors": [], "stored": 1, "duplicates": 0, "conflicts": 0, "conflicting_ids": [],
        "rejected": 0, "records": [
            {"index": 0, "status": "stored", "kind": "event", "id": "build-mac", "reason": None}
        ],
    }  # fmt: skip
    assert_stored(served.store, "build-mac")


def test_structured_mode_cloudevent(served: ServedStore) -> None:
    response = post(
        served,
        "/events",
        content=orjson.dumps(cloudevent(BUILD_MAC)),
        headers={"content-type": "application/cloudevents+json; charset=utf-8"},
    )

    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 1
    assert_stored(served.store, "build-mac")


def test_batch_mode_cloudevents(served: ServedStore) -> None:
    response = post(
        served,
        "/events",
        content=orjson.dumps([cloudevent(e) for e in EVENTS]),
        headers={"content-type": "application/cloudevents-batch+json"},
    )

    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 9
    assert [r["id"] for r in response.json()["records"]][:2] == ["static-analysis", "build-mac"]


def test_plain_cdevent_object_and_array(served: ServedStore) -> None:
    one = post(served, "/events", json=EVENTS[0])
    many = post(served, "/events", json=EVENTS)

    assert (one.status_code, one.json()["stored"]) == (200, 1)
    assert many.status_code == 200
    assert (many.json()["stored"], many.json()["duplicates"]) == (8, 1)


def test_links_object_and_array(served: ServedStore) -> None:
    relation = {
        "chainId": RELEASE_CHAIN, "linkType": "RELATION", "linkKind": "ARTIFACT",
        "source": {"contextId": "promote"}, "target": {"contextId": "build-mac"},
    }  # fmt: skip

    one = post(served, "/links", json=START)
    many = post(served, "/links", json=[START, relation])

    assert (one.status_code, one.json()["stored"]) == (200, 1)
    assert many.status_code == 200
    assert [r["status"] for r in many.json()["records"]] == ["duplicate", "stored"]


def test_a_conflict_is_a_final_422_listing_the_ids_and_the_first_version_kept(
    served: ServedStore,
) -> None:
    changed = copy.deepcopy(BUILD_MAC)
    changed["subject"]["content"]["artifactId"] = "pkg:generic/edge-agent-mac@6.6.6"
    post(served, "/events", json=BUILD_MAC)

    response = post(served, "/events", json=[changed, EVENTS[0]])

    # 422, not 409 (Knative retries 409) and not 2xx (the sender must learn of it).
    assert response.status_code == 422
    assert response.json()["conflicting_ids"] == ["build-mac"]
    conflict, other = response.json()["records"]
    assert conflict["status"] == "conflict" and "stored one is kept" in conflict["reason"]
    assert other["status"] == "stored"  # the valid record of the same request is stored
    assert_stored(served.store, EVENTS[0]["context"]["id"])
    kept = served.store.get_events(["build-mac"])["build-mac"]
    assert kept.subject_content["artifactId"] == "pkg:generic/edge-agent-mac@2.4.0"


def test_valid_records_are_stored_even_when_others_in_the_batch_are_rejected(
    served: ServedStore,
) -> None:
    broken_time = copy.deepcopy(EVENTS[2])
    broken_time["context"]["timestamp"] = "last tuesday"
    batch = [EVENTS[0], broken_time, START, "build finished", EVENTS[3]]

    response = post(served, "/events", json=batch)

    assert response.status_code == 400
    body = response.json()
    assert [e["index"] for e in body["errors"]] == [1, 2, 3]
    assert body["errors"][0]["reason"].startswith("context.timestamp: not an RFC 3339 timestamp")
    assert body["errors"][1]["reason"] == "expected a CDEvent, got a standalone link"
    assert body["errors"][2]["reason"] == "expected a JSON object, got str"
    assert (body["stored"], body["rejected"]) == (2, 3)
    assert_stored(served.store, "static-analysis", EVENTS[3]["context"]["id"])


def test_cloudevents_batch_with_a_broken_cloudevent(served: ServedStore) -> None:
    no_id = cloudevent(EVENTS[1])
    del no_id["id"]
    not_json_data = {**cloudevent(EVENTS[2]), "data": "<xml/>", "datacontenttype": "text/xml"}
    batch = [cloudevent(EVENTS[0]), no_id, not_json_data]

    response = post(
        served,
        "/events",
        content=orjson.dumps(batch),
        headers={"content-type": "application/cloudevents-batch+json"},
    )

    assert response.status_code == 400
    reasons = {e["index"]: e["reason"] for e in response.json()["errors"]}
    assert reasons[1] == "CloudEvent lacks required attribute(s): id"
    assert reasons[2].startswith("CloudEvent data is not JSON")
    assert response.json()["stored"] == 1


def test_binary_mode_without_required_headers_is_rejected(served: ServedStore) -> None:
    response = post(
        served,
        "/events",
        content=orjson.dumps(BUILD_MAC),
        headers={"ce-specversion": "1.0", "ce-type": "x", "content-type": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "index": 0,
            "path": "events[0]",
            "reason": "CloudEvent lacks required attribute(s): id, source",
        }
    ]


@pytest.mark.parametrize(
    ("path", "body", "reason"),
    [
        ("/events", b'{"context": ', "invalid JSON"),
        ("/events", b"", "empty body"),
        ("/links", b"42", "expected a JSON object or array, got int"),
    ],
)
def test_malformed_bodies_are_400_with_a_json_reason(
    served: ServedStore, path: str, body: bytes, reason: str
) -> None:
    response = post(served, path, content=body, headers={"content-type": "application/json"})

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["index"] is None and error["reason"].startswith(reason)
    assert response.json()["stored"] == 0


def test_oversized_bodies_are_413(store: Store) -> None:
    padding = cdevent(
        "huge", "dev.cdevents.build.finished.0.2.0", "2026-01-05T09:00:00Z", source="/ci",
        subject="x", chain=None, content={"log": "x" * 4096},
    )  # fmt: skip
    body = orjson.dumps(padding)

    def chunks() -> Iterator[bytes]:
        yield body[:1000]
        yield body[1000:]

    with serve_store(store, max_body_bytes=2048) as served:
        declared = post(served, "/events", content=body)
        streamed = post(served, "/events", content=chunks())  # no content-length
        small = post(served, "/events", json=EVENTS[0])

    assert (declared.status_code, streamed.status_code, small.status_code) == (413, 413, 200)
    assert store.get_events(["huge"]) == {}


def test_binary_mode_headers_contradicting_the_cdevent_are_rejected_naming_both_values(
    served: ServedStore,
) -> None:
    context = BUILD_MAC["context"]
    headers = {
        "ce-specversion": "1.0",
        "ce-id": "another-id",
        "ce-source": context["source"],
        "ce-type": "dev.cdevents.build.started.0.2.0",
        "content-type": "application/json",
    }

    response = post(served, "/events", content=orjson.dumps(BUILD_MAC), headers=headers)

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["reason"] == (
        "CloudEvent contradicts its CDEvent: header ce-id 'another-id' but context.id "
        f"'build-mac'; header ce-type 'dev.cdevents.build.started.0.2.0' but context.type "
        f"{context['type']!r}"
    )
    assert served.store.get_events(["build-mac", "another-id"]) == {}


def test_a_structured_cloudevent_contradicting_its_cdevent_is_rejected(
    served: ServedStore,
) -> None:
    envelope = cloudevent(BUILD_MAC) | {"source": "/elsewhere"}

    response = post(
        served,
        "/events",
        content=orjson.dumps([envelope, cloudevent(EVENTS[0])]),
        headers={"content-type": "application/cloudevents-batch+json"},
    )

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["index"] == 0 and "CloudEvent source '/elsewhere' but context.source" in (
        error["reason"]
    )
    assert response.json()["stored"] == 1
