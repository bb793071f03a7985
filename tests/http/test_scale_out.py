"""Three `lineage serve` processes on one Neo4j: the identity rules hold across processes.

Clients post overlapping batches (same ids, same content) and conflicting ones (same id, other
content) to different servers at once. No process lock is shared: the `event_id` / link-id
uniqueness in Neo4j decides, and a receiver that lost a race learns it from the write.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lineage.store.neo4j import Neo4jStore
from tests.support.cdevents import cdevent, link
from tests.support.neo4j_server import BoltServer, free_port

SERVERS = 3
SAME = 120  # ids every client posts with the same content
DIFFERENT = 60  # ids every client posts with its own content
BATCH = 6
CHAIN = "5c5c5c5c-0000-4000-8000-00000000005c"


def event_id(n: int) -> str:
    """A UUID-shaped event id."""
    return f"00000000-0000-4000-8000-{n:012d}"


def records_of(client: int) -> list[dict[str, Any]]:
    """What one client posts: the shared events and START links, and its own variants."""
    same = [
        cdevent("build.started", event_id(n), chain=CHAIN, content={"artifactId": f"a{n}"})
        for n in range(SAME)
    ]
    starts = [link("START", chain=CHAIN, start=event_id(n)) for n in range(0, SAME, 10)]
    different = [
        cdevent(
            "build.started",
            event_id(SAME + n),
            chain=CHAIN,
            content={"artifactId": f"variant-of-client-{client}"},
        )
        for n in range(DIFFERENT)
    ]
    records = same + starts + different
    random.Random(client).shuffle(records)
    return records


def start_server(bolt_server: BoltServer) -> tuple[subprocess.Popen[bytes], str]:
    """A `lineage serve --store bolt://…` process and its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_USERNAME": bolt_server.username,
        "NEO4J_PASSWORD": bolt_server.password,
        "NEO4J_DATABASE": bolt_server.database,
    }
    command = [sys.executable, "-m", "lineage.cli.main", "serve", "--port", str(port),
               "--store", bolt_server.uri]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return process, f"http://127.0.0.1:{port}"


def wait_healthy(process: subprocess.Popen[bytes], base: str) -> None:
    """Return once the server answers /healthz."""
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert process.poll() is None, f"lineage serve at {base} exited"
        assert time.monotonic() < deadline, f"lineage serve at {base} did not come up"
        time.sleep(0.2)


@pytest.fixture
def servers(bolt_server: BoltServer) -> Iterator[list[str]]:
    """Three server processes on the suite's (emptied) Neo4j."""
    store = Neo4jStore(
        bolt_server.uri, bolt_server.username, bolt_server.password, bolt_server.database
    )
    store.clear()
    store.close()
    started = [start_server(bolt_server) for _ in range(SERVERS)]
    try:
        for process, base in started:
            wait_healthy(process, base)
        yield [base for _, base in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=30)


def post_all(base: str, records: list[dict[str, Any]], go: threading.Barrier) -> list[Any]:
    """Post `records` in small batches, once every client is ready; the per-record answers."""
    answers: list[Any] = []
    go.wait()
    with httpx.Client(base_url=base, timeout=120) as client:
        for start in range(0, len(records), BATCH):
            batch = records[start : start + BATCH]
            events = [r for r in batch if "context" in r]
            links = [r for r in batch if "context" not in r]
            for path, body in (("/events", events), ("/links", links)):
                if body:
                    response = client.post(path, json=body)
                    assert response.status_code in (200, 422), response.text
                    answers.extend(response.json()["records"])
    return answers


def test_three_servers_store_each_id_once_and_report_every_duplicate_and_conflict(
    servers: list[str], bolt_server: BoltServer
) -> None:
    go = threading.Barrier(SERVERS)
    results: list[list[Any]] = [[] for _ in servers]

    def run(i: int) -> None:
        results[i] = post_all(servers[i], records_of(i), go)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(SERVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = [answer for result in results for answer in result]

    # A single server would answer: each id stored once, every other delivery a duplicate when
    # it has the stored content, else a conflict. Summed over the three servers, exactly that.
    starts = len(range(0, SAME, 10))
    assert len(answers) == SERVERS * (SAME + starts + DIFFERENT)
    statuses = Counter(answer["status"] for answer in answers)
    assert statuses == {
        "stored": SAME + starts + DIFFERENT,
        "duplicate": (SERVERS - 1) * (SAME + starts),
        "conflict": (SERVERS - 1) * DIFFERENT,
    }
    stored_by = {}
    for client, result in enumerate(results):
        for answer in result:
            assert answer["status"] != "rejected", answer
            if answer["status"] == "stored":
                assert answer["id"] not in stored_by, f"{answer['id']} stored twice"
                stored_by[answer["id"]] = client
    store = Neo4jStore(
        bolt_server.uri, bolt_server.username, bolt_server.password, bolt_server.database
    )
    try:
        stats = store.stats()
        assert (stats.events, stats.links, stats.placeholders) == (SAME + DIFFERENT, starts, 0)
        kept = store.get_events([event_id(SAME + n) for n in range(DIFFERENT)])
        assert len(kept) == DIFFERENT  # nothing valid lost
        for event in kept.values():
            # The content stored is the one whose sender was told "stored".
            expected = f"variant-of-client-{stored_by[event.id]}"
            assert event.subject_content["artifactId"] == expected
        conflicts = Counter(a["id"] for a in answers if a["status"] == "conflict")
        assert conflicts == {event_id(SAME + n): SERVERS - 1 for n in range(DIFFERENT)}
    finally:
        store.close()
