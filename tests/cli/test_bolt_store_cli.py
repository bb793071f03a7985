"""`lineage ingest / query / db / serve --store bolt://…` against the Bolt server of the suite."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest
from typer.testing import CliRunner

from lineage.cli.main import app
from lineage.store.neo4j import Neo4jStore
from tests.support.cdevents import cdevent, link
from tests.support.neo4j_server import BoltServer, free_port

runner = CliRunner()
A = "0a0a0a0a-0000-4000-8000-00000000000a"
B = "0b0b0b0b-0000-4000-8000-00000000000b"
CHAIN = "4c8cb7dd-3448-41de-8768-eec704e2829b"


@pytest.fixture
def bolt(bolt_server: BoltServer) -> Iterator[dict[str, str]]:
    """The suite's Bolt server, emptied, and the environment the CLI reads its login from."""
    server = bolt_server
    store = Neo4jStore(server.uri, server.username, server.password, server.database)
    store.clear()
    store.close()
    yield {
        "NEO4J_USERNAME": bolt_server.username,
        "NEO4J_PASSWORD": bolt_server.password,
        "NEO4J_DATABASE": bolt_server.database,
        "LINEAGE_STORE": bolt_server.uri,
    }


def test_ingest_query_and_stats_over_bolt(bolt: dict[str, str], tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    records.write_bytes(
        b"\n".join(
            orjson.dumps(r)
            for r in (
                link("START", chain=CHAIN, start=A),
                cdevent("build.started", A, chain=CHAIN),
                cdevent("build.finished", B, chain=CHAIN, after=[A], end_after=A),
            )
        )
    )
    assert runner.invoke(app, ["db", "init"], env=bolt).exit_code == 0
    ingested = runner.invoke(app, ["ingest", str(records)], env=bolt)
    assert ingested.exit_code == 0, ingested.output
    assert "stored 3 · duplicates 0 · conflicts 0 · rejected 0" in ingested.output
    answer = runner.invoke(
        app, ["query", "query($id: ID!) { chain(id: $id) { complete eventCount } }",
              "-v", orjson.dumps({"id": CHAIN}).decode()],
        env=bolt,
    )  # fmt: skip
    assert answer.exit_code == 0, answer.output
    assert orjson.loads(answer.output)["data"]["chain"] == {"complete": True, "eventCount": 2}
    stats = runner.invoke(app, ["db", "stats"], env=bolt)
    assert "events 2 · links" in stats.output


def test_serve_over_bolt(bolt: dict[str, str]) -> None:
    port = free_port()
    env = {**os.environ, **bolt}
    server = subprocess.Popen(
        [sys.executable, "-m", "lineage.cli.main", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "lineage serve did not come up"
            time.sleep(0.2)
        posted = httpx.post(f"{base}/events", json=cdevent("build.started", A, chain=CHAIN))
        assert posted.status_code == 200, posted.text
        answer = httpx.post(f"{base}/graphql", json={"query": f'{{ event(id: "{A}") {{ type }} }}'})
        assert answer.json() == {"data": {"event": {"type": "dev.cdevents.build.started.0.3.0"}}}
    finally:
        server.terminate()
        server.wait(timeout=30)
