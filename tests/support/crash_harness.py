"""Kill `lineage serve` with SIGKILL while clients post mixed traffic, then check the store.

One iteration: start `lineage serve` on the store, let several client threads post binary,
structured and batch CloudEvents, plain event arrays, /links, /traces and /livestate, SIGKILL the
server at a random moment, then open the store and check that every acknowledged (2xx) request's
records are stored with the digest they were sent with, that every unacknowledged request is all
or nothing, and that `PRAGMA integrity_check` says ok. The next iteration (or `ingest_continues`)
proves the store takes writes again. Used by the suite (a few dozen iterations) and by
`bench/crash_soak.py` (a thousand).
"""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import orjson

from lineage.http.livestate_receiver import live_state_records
from lineage.http.payloads import event_records, link_records
from lineage.http.trace_receiver import trace_records
from lineage.ingest import SourceRecord
from lineage.ingest.records import parse_record
from lineage.model import Event, Link
from lineage.store.embedded import EmbeddedStore

START_TIMEOUT_S = 60.0
CLIENTS = 4
#: (kind, id, digest) of one record a request carries.
Expected = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Request:
    """One request a client sends, and the records it must store (all or none)."""

    name: str
    path: str
    headers: dict[str, str]
    body: bytes
    expected: tuple[Expected, ...]


@dataclass(slots=True)
class IterationResult:
    """What one iteration sent and found; `problems` is empty when every promise held."""

    acknowledged: int = 0
    unacknowledged_stored: int = 0
    unacknowledged_absent: int = 0
    records_checked: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: Seconds from the first answer to the SIGKILL (the random moment); None if none drawn yet.
    kill_after_s: float | None = None


#: A parent that imports the CLI once, then forks one `lineage serve` per line it reads
#: (`STORE PORT`), answering the child's pid. Python's imports take seconds on a loaded machine;
#: a fork takes milliseconds, and the child runs exactly what `lineage serve` runs.
_ZYGOTE = """
import os, signal, sys
from lineage.cli.main import app
import lineage.cli.serve, lineage.http.app, uvicorn.main  # what serving imports, imported once
import uvicorn.loops.auto, uvicorn.protocols.http.auto
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped as they die
print("ready", flush=True)
for line in sys.stdin:
    store, port = line.split()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        try:
            app(["serve", "--store", store, "--port", port], standalone_mode=False)
        finally:
            os._exit(0)
    print(pid, flush=True)
"""


class ServeLauncher:
    """Starts `lineage serve` processes quickly: forked from a parent that imported the CLI."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._zygote = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=Path(__file__).resolve().parents[2],
        )
        assert self._zygote.stdout is not None
        if self._zygote.stdout.readline().strip() != "ready":
            raise RuntimeError("the lineage serve launcher did not start")

    def close(self) -> None:
        """Stop the launcher (servers it started are the caller's to kill)."""
        assert self._zygote.stdin is not None
        self._zygote.stdin.close()
        self._zygote.wait(30)

    @contextmanager
    def serve(self, store: Path) -> Iterator[tuple[str, int]]:
        """`lineage serve` on `store`; yields its URL and pid once it answers. Killed at exit if
        still running."""
        assert self._zygote.stdin is not None and self._zygote.stdout is not None
        port = free_port()
        self._zygote.stdin.write(f"{store} {port}\n")
        self._zygote.stdin.flush()
        pid = int(self._zygote.stdout.readline())
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if not _alive(pid):
                    raise RuntimeError("lineage serve exited at start")
                try:
                    if httpx.get(f"{url}/healthz/live", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("lineage serve did not start")
                time.sleep(0.02)
            yield url, pid
        finally:
            kill(pid)


def kill(pid: int) -> None:
    """SIGKILL `pid` and wait until it is gone."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.005)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# -- the traffic ------------------------------------------------------------------------------


def _cdevent(event_id: str, n: int) -> dict[str, Any]:
    return {
        "context": {
            "specversion": "0.5.1",
            "id": event_id,
            "source": "/crash/ci",
            "type": "dev.cdevents.build.finished.0.2.0",
            "timestamp": f"2026-03-01T10:{n % 60:02d}:{(n * 7) % 60:02d}Z",
            "chainId": f"{event_id.rsplit('-', 1)[0]}-chain",
        },
        "subject": {
            "id": f"{event_id}-build",
            "source": "/crash/ci",
            "content": {"artifactId": f"pkg:generic/app@{n}", "log": "x" * (n % 7 * 300)},
        },
    }


def _cloudevent(cdevent: dict[str, Any]) -> dict[str, Any]:
    context = cdevent["context"]
    return {
        "specversion": "1.0",
        "id": context["id"],
        "source": context["source"],
        "type": context["type"],
        "datacontenttype": "application/json",
        "data": cdevent,
    }


def _expected(records: list[SourceRecord]) -> tuple[Expected, ...]:
    """(kind, id, digest) of each record, as ingest computes them."""
    found: list[Expected] = []
    for record in records:
        assert record.error is None, record.error
        item = parse_record(record.raw)
        kind = (
            "event" if isinstance(item, Event) else "link" if isinstance(item, Link) else item.kind
        )
        found.append((kind, item.id, item.digest))
    return tuple(found)


def make_request(rng: random.Random, prefix: str) -> Request:
    """A random request of one of the seven kinds, its ids all starting with `prefix`."""
    kind = rng.choice(["binary", "structured", "batch", "array", "links", "traces", "livestate"])
    json_type = {"content-type": "application/json"}
    if kind in ("binary", "structured"):
        event = _cdevent(f"{prefix}-0", rng.randrange(1000))
        if kind == "binary":
            headers = {
                "content-type": "application/json",
                "ce-specversion": "1.0",
                "ce-id": event["context"]["id"],
                "ce-source": event["context"]["source"],
                "ce-type": event["context"]["type"],
            }
            body = orjson.dumps(event)
        else:
            headers = {"content-type": "application/cloudevents+json"}
            body = orjson.dumps(_cloudevent(event))
        return Request(kind, "/events", headers, body, _expected(event_records(headers, body)))
    if kind in ("batch", "array"):
        events = [
            _cdevent(f"{prefix}-{i}", rng.randrange(1000)) for i in range(rng.randint(2, 100))
        ]
        if kind == "batch":
            headers = {"content-type": "application/cloudevents-batch+json"}
            body = orjson.dumps([_cloudevent(e) for e in events])
        else:
            headers, body = json_type, orjson.dumps(events)
        return Request(kind, "/events", headers, body, _expected(event_records(headers, body)))
    if kind == "links":
        links = [
            {
                "chainId": f"{prefix}-chain",
                "linkType": "RELATION",
                "linkKind": "ARTIFACT",
                "source": {"contextId": f"{prefix}-from-{i}"},
                "target": {"contextId": f"{prefix}-to-{i}"},
                "timestamp": "2026-03-01T10:00:00Z",
            }
            for i in range(rng.randint(1, 20))
        ]
        body = orjson.dumps(links)
        return Request(kind, "/links", json_type, body, _expected(link_records(json_type, body)))
    if kind == "traces":
        sha = f"{rng.getrandbits(160):040x}"
        traces = [
            {
                "kind": "DeploymentTrace", "id": f"{prefix}-trace", "projectId": "crash",
                "title": "t", "commitMessage": "m", "commitHash": sha,
                "commitUrl": f"https://git.example.com/c/{sha}", "commitTimestamp": 1767600000,
                "author": "a", "createdAt": 1767600100, "updatedAt": 1767603000,
            },
            {
                "kind": "Deployment", "id": f"{prefix}-deploy", "applicationId": f"{prefix}-app",
                "applicationName": "app", "projectId": "crash", "envId": "prod",
                "status": "DEPLOYMENT_SUCCESS", "deploymentTraceCommitHash": sha,
                "createdAt": 1767600200, "completedAt": 1767600500,
            },
        ]  # fmt: skip
        body = orjson.dumps(traces)
        return Request(kind, "/traces", json_type, body, _expected(trace_records(json_type, body)))
    reports = [
        {
            "kind": "ApplicationLiveState",
            "applicationId": f"{prefix}-app",
            "deployTarget": target,
            "reportedAt": "2026-03-01T10:00:00Z",
            "resources": [
                {
                    "kind": "Deployment",
                    "name": "app",
                    "namespace": target,
                    "health": "Healthy",
                    "version": f"v{rng.randrange(100)}",
                },
            ],
        }
        for target in ("dev", "staging", "prod")[: rng.randint(1, 3)]
    ]
    body = orjson.dumps(reports)
    return Request(
        kind, "/livestate", json_type, body, _expected(live_state_records(json_type, body))
    )


# -- one iteration ------------------------------------------------------------------------------


def run_iteration(
    launcher: ServeLauncher,
    store: Path,
    iteration: int,
    rng: random.Random,
    max_traffic_s: float = 1.0,
) -> IterationResult:
    """Serve, post from `CLIENTS` threads, SIGKILL at a random moment, then check the store."""
    sent: list[tuple[Request, httpx.Response | None]] = []
    lock = threading.Lock()
    stop = threading.Event()
    seeds = [rng.getrandbits(32) for _ in range(CLIENTS)]

    def client(number: int, url: str) -> None:
        local = random.Random(seeds[number])
        with httpx.Client(base_url=url, timeout=10) as http:
            seq = 0
            while not stop.is_set():
                request = make_request(local, f"crash-{iteration}-{number}-{seq}")
                seq += 1
                try:
                    response: httpx.Response | None = http.post(
                        request.path, content=request.body, headers=request.headers
                    )
                except httpx.TransportError:
                    response = None
                with lock:
                    sent.append((request, response))
                if response is None:
                    return  # the server is gone

    with launcher.serve(store) as (url, pid):
        threads = [threading.Thread(target=client, args=(n, url)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        first = time.monotonic() + START_TIMEOUT_S
        while not any(response is not None for _, response in list(sent)):
            if time.monotonic() > first:
                break
            time.sleep(0.005)
        kill_after_s = rng.uniform(0, max_traffic_s)
        time.sleep(kill_after_s)  # the random moment, once traffic flows
        kill(pid)
        stop.set()
        for thread in threads:
            thread.join(30)
    result = check_store(store, sent)
    result.kill_after_s = kill_after_s
    return result


def check_store(store: Path, sent: list[tuple[Request, httpx.Response | None]]) -> IterationResult:
    """Every acknowledged request stored as sent, every other one all or nothing, file intact."""
    result = IterationResult()
    connection = sqlite3.connect(store)
    try:
        (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    if integrity != "ok":
        result.problems.append(f"integrity_check: {integrity}")
    opened = EmbeddedStore(store)
    try:
        for request, response in sent:
            found = _stored(opened, request.expected)
            result.records_checked += len(request.expected)
            if response is not None and response.status_code == 200:
                result.acknowledged += 1
                result.by_kind[request.name] = result.by_kind.get(request.name, 0) + 1
                if found != len(request.expected):
                    result.problems.append(
                        f"{request.name} acknowledged but {len(request.expected) - found} of "
                        f"{len(request.expected)} records missing or changed"
                    )
            elif response is not None:
                result.problems.append(
                    f"{request.name} answered {response.status_code}: {response.text[:200]}"
                )
            elif found == len(request.expected):
                result.unacknowledged_stored += 1
            elif found == 0:
                result.unacknowledged_absent += 1
            else:
                result.problems.append(
                    f"{request.name} unacknowledged and half stored: {found} of "
                    f"{len(request.expected)} records"
                )
    finally:
        opened.close()
    return result


def _stored(store: EmbeddedStore, expected: tuple[Expected, ...]) -> int:
    """How many of the expected records are stored with the expected digest."""
    lookups: dict[str, Callable[[Sequence[str]], dict[str, str]]] = {
        "event": store.event_digests,
        "link": store.link_digests,
    }
    count = 0
    for kind, record_id, digest in expected:
        lookup: Callable[[Sequence[str]], dict[str, str]] = lookups.get(kind) or partial(
            store.fact_digests, kind
        )
        if lookup([record_id]).get(record_id) == digest:
            count += 1
    return count


def ingest_continues(launcher: ServeLauncher, store: Path) -> bool:
    """After the crashes, a restarted server stores a new request and answers 200."""
    rng = random.Random(0)
    request = make_request(rng, "crash-after")
    with launcher.serve(store) as (url, _):
        response = httpx.post(
            f"{url}{request.path}", content=request.body, headers=request.headers, timeout=30
        )
    return response.status_code == 200 and not check_store(store, [(request, response)]).problems
