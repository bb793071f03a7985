"""Storage faults injected for real: the receivers answer 503 + Retry-After, store nothing of the
request, say so in /healthz/ready, and recover by themselves once the fault clears."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from lineage.store.embedded import EmbeddedStore
from tests.support.live_server import ServedStore, serve_store
from tests.support.scenarios import cdevent
from tests.support.write_lock import write_lock_held

RECOVERY_S = 20.0


def event(n: int, size: int = 0) -> dict[str, Any]:
    return cdevent(
        f"fault-{n}", "dev.cdevents.build.finished.0.2.0", "2026-01-05T09:00:00Z",
        source="/ci", subject=f"build-{n}", chain=None, content={"log": "x" * size},
    )  # fmt: skip


def url(served: ServedStore, path: str) -> str:
    return f"{served.server.url}{path}"


def assert_unavailable(response: httpx.Response, words: str) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    body = response.json()
    assert body["stored"] == 0 and words in body["errors"][0]["reason"]
    assert "Traceback" not in response.text


def wait_until_ready(served: ServedStore) -> httpx.Response:
    """Poll /healthz/ready until it answers 200 (it remembers a write fault for a few seconds)."""
    deadline = time.monotonic() + RECOVERY_S
    while True:
        response = httpx.get(url(served, "/healthz/ready"), timeout=10)
        if response.status_code == 200 or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


def test_a_full_store_answers_503_and_recovers_when_space_is_back(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "full.db")
    with serve_store(store) as served:
        assert httpx.post(url(served, "/events"), json=event(0)).status_code == 200
        # SQLite's own size cap: the next page allocation fails with SQLITE_FULL, as on a full disk.
        pages = store._writer.execute("PRAGMA page_count").fetchone()[0]
        store._writer.execute(f"PRAGMA max_page_count={pages}")

        full = httpx.post(url(served, "/events"), json=[event(n, 20_000) for n in range(1, 20)])
        ready_when_full = httpx.get(url(served, "/healthz/ready"))
        live_when_full = httpx.get(url(served, "/healthz/live"))
        store._writer.execute("PRAGMA max_page_count=4294967294")
        again = httpx.post(url(served, "/events"), json=[event(n, 20_000) for n in range(1, 20)])
        ready = wait_until_ready(served)

    assert_unavailable(full, "full")
    assert_unavailable(ready_when_full, "full")
    assert live_when_full.status_code == 200
    assert again.status_code == 200 and again.json()["stored"] == 19  # nothing half-stored before
    assert ready.status_code == 200
    store.close()


def test_a_write_lock_held_by_another_process_answers_503_then_recovers(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    store = EmbeddedStore(path, busy_timeout=0.5)
    with serve_store(store) as served:
        with write_lock_held(path):
            locked = httpx.post(url(served, "/events"), json=event(1), timeout=30)
            ready_when_locked = httpx.get(url(served, "/healthz/ready"))
            reads = httpx.get(url(served, "/healthz"))
        after = httpx.post(url(served, "/events"), json=event(1))
        ready = wait_until_ready(served)

    assert_unavailable(locked, "locked by another writer")
    assert_unavailable(ready_when_locked, "locked by another writer")
    assert reads.status_code == 200  # reads go on while another process writes
    assert after.status_code == 200 and after.json()["stored"] == 1
    assert ready.status_code == 200
    store.close()


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make the file read-only for this process: immutable if we are root (root ignores modes)."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr: cannot make a file read-only")
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("this file system does not support the immutable attribute")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)


def test_a_read_only_store_file_answers_503_then_recovers_once_writable(tmp_path: Path) -> None:
    path = tmp_path / "readonly.db"
    EmbeddedStore(path).close()
    with ExitStack() as fault:
        fault.enter_context(read_only(path))
        store = EmbeddedStore(path)  # opens read-only: SQLite falls back when it cannot write
        with serve_store(store) as served:
            refused = httpx.post(url(served, "/events"), json=event(1))
            ready_when_read_only = httpx.get(url(served, "/healthz/ready"))
            reads = httpx.get(url(served, "/healthz"))
            fault.close()  # the file is writable again; the server runs on, not restarted
            after = httpx.post(url(served, "/events"), json=event(1))
            ready = wait_until_ready(served)
    stored = store.get_events(["fault-1"])
    store.close()

    assert_unavailable(refused, "read-only")
    assert_unavailable(ready_when_read_only, "read-only")
    assert reads.status_code == 200
    assert after.status_code == 200 and after.json()["stored"] == 1
    assert ready.status_code == 200 and set(stored) == {"fault-1"}


@pytest.mark.timeout(900)
def test_neo4j_stopped_mid_run_answers_503_then_recovers_when_it_is_back(tmp_path: Path) -> None:
    """A Neo4j of its own (the session's is shared), stopped, then started again on its port
    and its data folder (as `make neo4j` does with ./.neo4j). The receiver must answer 503 while
    Neo4j is gone and take writes once it is back, without a restart; what was stored before
    the stop is still there.
    """
    from lineage.store.neo4j import Neo4jStore
    from tests.support.neo4j_server import free_port, neo4j_server

    port, data = free_port(), tmp_path / "neo4j-data"
    with neo4j_server(port=port, data=data) as bolt:
        store = Neo4jStore(bolt.uri, bolt.username, bolt.password, bolt.database)
        store.init_schema()
        with serve_store(store) as served:
            before = httpx.post(url(served, "/events"), json=event(1), timeout=120)
    with serve_store(store) as served:  # the same store object; its database is down now
        down = httpx.post(url(served, "/events"), json=event(2), timeout=300)
        ready_when_down = httpx.get(url(served, "/healthz/ready"), timeout=300)
        live_when_down = httpx.get(url(served, "/healthz/live"))
        with neo4j_server(port=port, data=data):
            after = httpx.post(url(served, "/events"), json=event(2), timeout=300)
            ready = wait_until_ready(served)
            stored = store.get_events(["fault-1", "fault-2"])
    store.close()

    assert before.status_code == 200
    assert_unavailable(down, "Neo4j")
    assert_unavailable(ready_when_down, "Neo4j")
    assert live_when_down.status_code == 200
    assert after.status_code == 200 and after.json()["stored"] == 1
    assert ready.status_code == 200 and set(stored) == {"fault-1", "fault-2"}
